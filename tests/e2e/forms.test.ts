import { createHash, createPublicKey, verify } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { AuditLog } from '../../shared/adapters/audit-log.ts';
import { SessionDocumentSigner } from '../../shared/adapters/document-signer.ts';
import { KmsSigner } from '../../shared/adapters/signer.ts';
import { keyFingerprint } from '../../shared/domain/signing/key-fingerprint.ts';
import {
  api,
  completeDossierRequest,
  dataOutput,
  dossierRequest,
  postJson,
  publishedKeyPem,
} from '../support/deployment.ts';
import { officerAct, officerGet, recordAtCounter, signInOfficer } from '../support/officers.ts';
import { opensslWorkspace } from '../support/openssl.ts';
import { pdfText } from '../support/pdf-text.ts';

interface FormAnswer {
  form: string;
  url: string;
  sha256: string;
  pdfSignature: { keyId: string; value: string };
  content: {
    document: { fields: [string, string][]; lookup?: { dossierCode: string; url?: string } };
    canonical: string;
    signature: { keyId: string; value: string };
  };
}

describe('forms as signed PDFs, for whoever may see the dossier', () => {
  let dossierCode: string;
  let lookupSecret: string;
  let officer: string;
  /** The online dossier refused at reception, whose form 03 the citizen downloads. */
  let refusedCode = '';

  beforeAll(async () => {
    // Received at the counter: form 01 exists from the start.
    ({ dossierCode, lookupSecret } = (
      await recordAtCounter<{ dossierCode: string; lookupSecret: string }>(
        '000.17.22.H56',
        await completeDossierRequest(),
      )
    ).body);
    officer = await signInOfficer('000.17.22.H56');
  });

  const citizenForm = (form: string, secret = lookupSecret) =>
    api<FormAnswer>(`/dossiers/${encodeURIComponent(dossierCode)}/forms/${form}`, {
      headers: { 'x-lookup-secret': secret },
    });

  it('gives the citizen the receipt (form 01) as a PDF whose bytes and content both verify offline', async () => {
    const answer = await citizenForm('01');
    expect(answer.status).toBe(200);
    const download = await fetch(answer.body.url);
    expect(download.status).toBe(200);
    const pdf = Buffer.from(await download.arrayBuffer());
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(createHash('sha256').update(pdf).digest('hex')).toBe(answer.body.sha256);
    const key = createPublicKey(await publishedKeyPem(answer.body.pdfSignature.keyId));
    expect(answer.body.content.signature.keyId).toBe(answer.body.pdfSignature.keyId);
    expect(verify('sha256', pdf, key, Buffer.from(answer.body.pdfSignature.value, 'base64'))).toBe(true);
    expect(
      verify(
        'sha256',
        Buffer.from(answer.body.content.canonical),
        key,
        Buffer.from(answer.body.content.signature.value, 'base64'),
      ),
    ).toBe(true);
    expect(answer.body.content.document.fields).toContainEqual(['Người nộp hồ sơ', 'Nguyễn Thị Hoa']);
  });

  it('prints on form 01 the official header, the lookup code and the signer, with no stored value nor key ARN', async () => {
    const answer = await citizenForm('01');
    expect(answer.status).toBe(200);
    const text = await pdfText(new Uint8Array(await (await fetch(answer.body.url)).arrayBuffer()));
    for (const expected of [
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      'GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ',
      `MÃ HỒ SƠ ĐỂ TRA CỨU: ${dossierCode}`,
      'Số định danh cá nhân: 038199004321',
      // Recorded at the counter, so the form names that channel.
      'Hình thức nộp: Trực tiếp tại Bộ phận Một cửa',
      'NGƯỜI TIẾP NHẬN',
    ])
      expect(text).toContain(expected);
    expect(text).toMatch(/Số: \d{6}-\d{4}\/TNHS/);
    expect(text).toMatch(/, ngày \d{2} tháng \d{2} năm \d{4}/);
    expect(text).toContain(
      `Khóa ký số (dấu vân tay): ${keyFingerprint(answer.body.content.signature.keyId)}`,
    );
    expect(text).not.toMatch(/arn:|\bonline\b/);
    expect(answer.body.content.document).toMatchObject({
      lookup: { dossierCode, url: expect.stringContaining(`lookup?code=${encodeURIComponent(dossierCode)}`) },
    });
  });

  it('prints a name the bundled font subset cannot draw, with the whole font read beside the bundle', async () => {
    const fullName = 'Алексей Nguyễn Văn';
    const request = dossierRequest();
    const recorded = (
      await recordAtCounter<{ dossierCode: string; lookupSecret: string }>(
        '000.17.22.H56',
        await completeDossierRequest({ applicant: { ...request.applicant, fullName } }),
      )
    ).body;
    const answer = await api<FormAnswer>(`/dossiers/${encodeURIComponent(recorded.dossierCode)}/forms/01`, {
      headers: { 'x-lookup-secret': recorded.lookupSecret },
    });
    expect(answer.status).toBe(200);
    const text = await pdfText(new Uint8Array(await (await fetch(answer.body.url)).arrayBuffer()));
    expect(text).toContain(fullName);
    expect(text).toContain('GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ');
  });

  it('gives the unit holding the dossier its forms, and nobody else', async () => {
    expect(
      (await officerGet<FormAnswer>(officer, `/officer/dossiers/${encodeURIComponent(dossierCode)}/forms/06`))
        .status,
    ).toBe(200);
    const stranger = await signInOfficer('000.18.22.H56');
    expect(
      (await officerGet(stranger, `/officer/dossiers/${encodeURIComponent(dossierCode)}/forms/01`)).status,
    ).toBe(404);
    expect((await citizenForm('01', 'AAAAAAAAAAAAAAAAAAAAAA')).status).toBe(404);
  });

  it('offers the refusal (form 03) only once the dossier was refused at reception, and never form 01', async () => {
    const online = (
      await postJson<{ dossierCode: string; lookupSecret: string }>(
        '/dossiers',
        await completeDossierRequest(),
      )
    ).body;
    refusedCode = online.dossierCode;
    const onlineForm = (form: string) =>
      api<FormAnswer>(`/dossiers/${encodeURIComponent(online.dossierCode)}/forms/${form}`, {
        headers: { 'x-lookup-secret': online.lookupSecret },
      });
    expect((await onlineForm('03')).status).toBe(404);
    expect((await onlineForm('01')).status).toBe(409);
    await officerAct(officer, online.dossierCode, {
      type: 'refuse',
      reason: 'Hồ sơ không thuộc thẩm quyền của xã',
    });
    const refusal = await onlineForm('03');
    expect(refusal.status).toBe(200);
    expect(refusal.body.content.document.fields).toContainEqual([
      'Lý do từ chối',
      'Hồ sơ không thuộc thẩm quyền của xã',
    ]);
    expect((await onlineForm('01')).status).toBe(409);
    expect((await citizenForm('07')).status).toBe(400);
  });

  it('puts every download on the audit trail', async () => {
    const audit = new AuditLog(dataOutput('AuditTableName'));
    const downloads = async (code: string) =>
      (await audit.entries(code)).filter((entry) => entry.kind === 'download').map((entry) => entry.action);
    expect(await downloads(dossierCode)).toEqual(expect.arrayContaining(['form_01', 'form_06']));
    expect(refusedCode).not.toBe('');
    expect(await downloads(refusedCode)).toContain('form_03');
  });

  /*
   * A deployment planned above the design peak signs forms with session keys (docs/adr/0012). This
   * one signs with KMS, so the session signer is run here against the same KMS key, over the PDF
   * this deployment rendered, and checked the way docs/api-guide.md tells a verifier to.
   */
  it('a form signed with a session key verifies with OpenSSL in two steps, statement then PDF', async () => {
    const answer = await citizenForm('01');
    const pdf = Buffer.from(await (await fetch(answer.body.url)).arrayBuffer());
    const kms = new KmsSigner();
    const signature = await new SessionDocumentSigner(kms, 3_600_000).signFile(
      answer.body.pdfSignature.keyId,
      pdf,
      'ECDSA_SHA_256',
    );
    const delegation = signature.delegation;
    if (!delegation) throw new Error('an ECDSA key signs files through a session key in this mode');
    const { file, verify: openssl, statement } = opensslWorkspace('session-form-');
    const { output, signingKey, sessionKey } = statement(await publishedKeyPem(signature.keyId), delegation);
    expect(output).toBe('Verified OK');
    const formSignature = file('form.sig', Buffer.from(signature.value, 'base64'));
    const formPdf = file('form.pdf', pdf);
    expect(openssl(sessionKey, formSignature, formPdf).stdout.trim()).toBe('Verified OK');
    // The session key's signature is not the published key's: checked directly against it, it fails.
    expect(openssl(signingKey, formSignature, formPdf).status).not.toBe(0);
    const altered = file('altered.pdf', Buffer.concat([pdf, Buffer.from('\n%x')]));
    expect(openssl(sessionKey, formSignature, altered).status).not.toBe(0);
  });
});
