import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { SessionDocumentSigner } from '../../../../shared/adapters/document-signer.ts';
import {
  type DownloadFormPorts,
  downloadForm,
  type FormCaller,
} from '../../../../shared/app/forms/download-form.ts';
import { verifySignature, verifyWithPublicKey } from '../../../../shared/domain/signing/signature.ts';
import { codeOf } from '../fixtures.ts';
import {
  commune,
  district,
  KEY_IDS,
  MemorySigner,
  memoryGate,
  publicPem,
  receivedDossier,
} from '../memory-ports.ts';

async function formsOf(procedureCode?: string, options: { submittedOnline?: boolean } = {}) {
  const received = await receivedDossier(procedureCode, options);
  const stored = new Map<string, { bytes: Uint8Array; metadata: Record<string, string> }>();
  const signer = new MemorySigner();
  const rendered: string[] = [];
  const ports: DownloadFormPorts = {
    dossiers: received.dossiers,
    reference: { getAgency: async (code) => [commune, district].find((agency) => agency.code === code) },
    files: {
      documentMetadata: async (key) => stored.get(key)?.metadata,
      putDocument: async (key, bytes, _type, metadata, { onlyIfAbsent }) => {
        if (onlyIfAbsent && stored.has(key)) return false;
        stored.set(key, { bytes, metadata });
        return true;
      },
      presignDownload: async (key, seconds, fileName) =>
        `https://files.test/${key}?ttl=${seconds}&name=${fileName}`,
    },
    signer,
    render: async (content, signature, signedAt, verifyUrl) => {
      rendered.push(verifyUrl);
      return new TextEncoder().encode(JSON.stringify({ content, signature, signedAt }));
    },
    audit: received.dossiers.audit,
    signingKeys: KEY_IDS,
    publicBaseUrl: 'https://dichvucong.test/',
    now: () => new Date('2026-11-25T10:00:00+07:00'),
  };
  const citizen: FormCaller = { kind: 'citizen', gate: memoryGate(received.secret) };
  return { ...received, ports, stored, signer, rendered, citizen };
}

describe('form download', () => {
  it('has no form 01 before the one-stop desk receives the dossier: 409, nothing signed', async () => {
    const { ports, citizen, dossierCode, stored, signer } = await formsOf(undefined, {
      submittedOnline: true,
    });
    expect(await codeOf(downloadForm(ports, citizen, dossierCode, '01'))).toEqual(['NOT_RECEIVED', 409]);
    expect(stored.size).toBe(0);
    expect(signer.signed).toEqual([]);
  });

  it('renders, signs and stores a form once, then serves the stored file', async () => {
    const { ports, citizen, dossierCode, stored, signer, rendered, dossiers } = await formsOf();
    const first = await downloadForm(ports, citizen, dossierCode, '01');
    expect(first).toMatchObject({
      form: '01',
      title: 'Giấy tiếp nhận hồ sơ và hẹn trả kết quả',
      verifyUrl: `https://dichvucong.test/verify?code=${encodeURIComponent(dossierCode)}`,
      pdfSignature: { keyId: KEY_IDS.ecdsa, algorithm: 'ECDSA_SHA_256' },
    });
    expect(first.url).toContain(`ttl=300&name=${dossierCode}-mau-01.pdf`);
    const [key, file] = [...stored.entries()][0] ?? [];
    expect(key).toMatch(new RegExp(`^forms/${dossierCode}/01-v\\d+-[0-9a-f]{16}\\.pdf$`));
    expect(first.sha256).toBe(
      createHash('sha256')
        .update(file?.bytes ?? new Uint8Array())
        .digest('hex'),
    );
    const { canonical, signature } = first.content;
    expect(verifySignature(publicPem(KEY_IDS.ecdsa), canonical, signature)).toBe(true);

    const again = await downloadForm(ports, citizen, dossierCode, '01');
    expect(again).toEqual(first);
    expect(rendered).toHaveLength(1);
    expect(signer.signed.map((s) => s.what)).toEqual(['text', 'file']);
    expect(dossiers.chains.get(dossierCode)?.slice(1)).toEqual([
      expect.objectContaining({ kind: 'download', action: 'form_01', actor: 'citizen' }),
      expect.objectContaining({ kind: 'download', action: 'form_01', actor: 'citizen' }),
    ]);
  });

  it('heads the form with the unit’s parent, dates it at the topmost unit’s place and links the lookup page', async () => {
    const { ports, citizen, dossierCode, secret } = await formsOf();
    const province = { ...district, code: '000.00.00.H56', name: 'Ủy ban nhân dân tỉnh Thanh Hóa' };
    const registry = [
      { ...commune, parentCode: district.code },
      { ...district, parentCode: province.code },
      province,
    ];
    ports.reference = { getAgency: async (code) => registry.find((agency) => agency.code === code) };
    const { document, canonical } = (await downloadForm(ports, citizen, dossierCode, '01')).content;
    // The lookup secret is given once, at submission, and only its hash is kept: no form can print it.
    expect(canonical).not.toContain(secret);
    expect(document).toMatchObject({
      agency: commune.name,
      parentAgency: district.name,
      placeAndDate: expect.stringMatching(/^Thanh Hóa, ngày \d{2} tháng \d{2} năm \d{4}$/),
      lookup: { dossierCode, url: `https://dichvucong.test/lookup?code=${encodeURIComponent(dossierCode)}` },
    });
  });

  it('signs with the RSA key of a unit whose registry entry asks for it', async () => {
    const { ports, citizen, dossierCode } = await formsOf('1.001193.000.00.00.H57');
    const form = await downloadForm(ports, citizen, dossierCode, '01');
    expect(form.content.signature.algorithm).toBe('RSASSA_PSS_SHA_256');
    expect(verifySignature(publicPem(KEY_IDS.rsa), form.content.canonical, form.content.signature)).toBe(
      true,
    );
  });

  it('answers 404 for a form the dossier does not have yet, storing and signing nothing', async () => {
    const { ports, citizen, dossierCode, stored, signer } = await formsOf();
    expect(await codeOf(downloadForm(ports, citizen, dossierCode, '03'))).toEqual(['NOT_FOUND', 404]);
    expect(stored.size).toBe(0);
    expect(signer.signed).toEqual([]);
  });

  it('serves an officer of the unit holding the dossier, and no other unit', async () => {
    const { ports, dossierCode, dossiers } = await formsOf();
    const officer = (unit: { code: string }): FormCaller => ({
      kind: 'officer',
      username: 'can-bo-hoa',
      unit: async () => unit,
    });
    expect(await codeOf(downloadForm(ports, officer(district), dossierCode, '01'))).toEqual([
      'NOT_FOUND',
      404,
    ]);
    await downloadForm(ports, officer(commune), dossierCode, '01');
    expect(dossiers.chains.get(dossierCode)?.at(-1)).toMatchObject({
      actor: 'can-bo-hoa',
      action: 'form_01',
    });
  });

  it('answers 404 to a citizen without the secret', async () => {
    const { ports, dossierCode } = await formsOf();
    const stranger: FormCaller = { kind: 'citizen', gate: memoryGate(undefined) };
    expect(await codeOf(downloadForm(ports, stranger, dossierCode, '01'))).toEqual(['NOT_FOUND', 404]);
  });
});

describe('form download with session keys (deployments planned above the design peak)', () => {
  const HOUR_MS = 3_600_000;
  /** S3 keeps at most 2 KB of user metadata, counted over keys and values. */
  const metadataBytes = (metadata: Record<string, string> | undefined) =>
    Object.entries(metadata ?? {}).reduce(
      (total, [key, value]) => total + Buffer.byteLength(key) + Buffer.byteLength(value),
      0,
    );

  it('signs the forms of ECDSA units with one certified session key; each verifies in two steps', async () => {
    const kms = new MemorySigner();
    const signer = new SessionDocumentSigner(kms, HOUR_MS);
    const first = await formsOf();
    const second = await formsOf();
    const forms = [];
    for (const { ports, citizen, dossierCode, stored } of [first, second]) {
      const form = await downloadForm({ ...ports, signer }, citizen, dossierCode, '01');
      const [file] = [...stored.values()];
      forms.push({ form, file });
    }
    // KMS signed the session's statement once, for both forms' content and PDF signatures.
    expect(kms.signed).toEqual([{ keyId: KEY_IDS.ecdsa, algorithm: 'ECDSA_SHA_256', what: 'text' }]);
    for (const { form, file } of forms) {
      const bytes = file?.bytes ?? new Uint8Array();
      expect(form.pdfSignature).toMatchObject({ keyId: KEY_IDS.ecdsa, algorithm: 'ECDSA_SHA_256' });
      expect(form.pdfSignature.delegation).toEqual(forms[0]?.form.pdfSignature.delegation);
      expect(verifySignature(publicPem(KEY_IDS.ecdsa), bytes, form.pdfSignature)).toBe(true);
      expect(verifySignature(publicPem(KEY_IDS.ecdsa), form.content.canonical, form.content.signature)).toBe(
        true,
      );
      // Not by the published key itself: a verifier needs the statement, and a changed file fails.
      expect(verifyWithPublicKey(publicPem(KEY_IDS.ecdsa), bytes, form.pdfSignature)).toBe(false);
      const changed = Uint8Array.from(bytes);
      changed[changed.length - 1] = (changed.at(-1) ?? 0) ^ 1;
      expect(verifySignature(publicPem(KEY_IDS.ecdsa), changed, form.pdfSignature)).toBe(false);
      expect(metadataBytes(file?.metadata)).toBeLessThan(2048);
    }
  });

  it('serves the stored form again with the same statement, read back from its metadata', async () => {
    const { ports, citizen, dossierCode, rendered } = await formsOf();
    const signer = new SessionDocumentSigner(new MemorySigner(), HOUR_MS);
    const first = await downloadForm({ ...ports, signer }, citizen, dossierCode, '01');
    const again = await downloadForm({ ...ports, signer: new MemorySigner() }, citizen, dossierCode, '01');
    expect(rendered).toHaveLength(1);
    expect(again).toEqual(first);
    expect(again.content.signature.delegation).toEqual(first.pdfSignature.delegation);
  });

  it('keeps the content’s own statement when the session was renewed between the two signatures', async () => {
    const { ports, citizen, dossierCode, stored } = await formsOf();
    const kms = new MemorySigner();
    // A lifetime of a minute renews at once: every signature opens a new session.
    const signer = new SessionDocumentSigner(kms, 60_000);
    const first = await downloadForm({ ...ports, signer }, citizen, dossierCode, '01');
    expect(kms.signed).toHaveLength(2);
    expect(first.content.signature.delegation).not.toEqual(first.pdfSignature.delegation);
    const again = await downloadForm(ports, citizen, dossierCode, '01');
    expect(again).toEqual(first);
    const [file] = [...stored.values()];
    expect(
      verifySignature(publicPem(KEY_IDS.ecdsa), file?.bytes ?? new Uint8Array(), again.pdfSignature),
    ).toBe(true);
    expect(verifySignature(publicPem(KEY_IDS.ecdsa), again.content.canonical, again.content.signature)).toBe(
      true,
    );
    expect(metadataBytes(file?.metadata)).toBeLessThan(2048);
  });

  it('still signs each form of an RSA unit in the key service, without a statement', async () => {
    const { ports, citizen, dossierCode } = await formsOf('1.001193.000.00.00.H57');
    const kms = new MemorySigner();
    const form = await downloadForm(
      { ...ports, signer: new SessionDocumentSigner(kms, HOUR_MS) },
      citizen,
      dossierCode,
      '01',
    );
    expect(kms.signed.map((s) => `${s.keyId}:${s.what}`)).toEqual([
      `${KEY_IDS.rsa}:text`,
      `${KEY_IDS.rsa}:file`,
    ]);
    expect(form.pdfSignature.delegation).toBeUndefined();
    expect(verifySignature(publicPem(KEY_IDS.rsa), form.content.canonical, form.content.signature)).toBe(
      true,
    );
  });
});
