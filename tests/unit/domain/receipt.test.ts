import { generateKeyPairSync, type KeyObject, sign } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { SubmitDossierRequestSchema } from '../../../shared/contracts/dossiers.ts';
import { addWorkingDays } from '../../../shared/domain/calendar/calendar.ts';
import {
  buildReceipt,
  canonicalJson,
  documentsReceivedWording,
} from '../../../shared/domain/intake/receipt.ts';
import {
  publicKeyFormats,
  SESSION_KEY_VERSION,
  verifySignature,
  verifyWithPublicKey,
} from '../../../shared/domain/signing/signature.ts';
import { commune, procedureOf } from '../app/fixtures.ts';

const agency = commune;
const procedure = procedureOf(agency, '1.001193.000.00.00.H56');
const request = SubmitDossierRequestSchema.parse({
  procedureCode: procedure.code,
  applicant: {
    fullName: 'Trần Thị Bình',
    idNumber: '038099001234',
    address: 'Thôn 2',
    phone: '0912 345 678',
  },
});
const receivedAt = new Date('2026-11-24T02:15:00Z');
const dossierOf = (
  code: string,
  attachments: { fileName: string; sha256: string; sizeBytes: number; documentCode?: string }[] = [],
  applicant: typeof request.applicant = request.applicant,
) => ({
  dossierCode: code,
  applicant,
  channel: request.channel,
  attachments: attachments.map((file) => ({
    ...file,
    key: `dossiers/${code}/a.pdf`,
    contentType: 'application/pdf',
  })),
});
const receipt = buildReceipt({
  dossier: dossierOf('000.17.22.H56-261124-0001'),
  agency,
  procedure,
  receivedAt,
  dueAt: addWorkingDays(receivedAt, procedure.processingTime),
  receivedBy: 'tiep-nhan-1',
});

describe('receipt (form 01) and its canonical form', () => {
  it('states times in Vietnamese wording and UTC+7', () => {
    expect(receipt.receivedAt).toBe('2026-11-24T09:15:00+07:00');
    expect(receipt.receivedAtWording).toBe('09 giờ 15 phút, ngày 24 tháng 11 năm 2026');
    expect(receipt.appointmentAt).toBe('2026-11-27T09:15:00+07:00');
    expect(receipt.form).toBe('01');
    expect(receipt.receivedBy).toBe('tiep-nhan-1');
  });

  it('names the receiving officer and how the result is returned when the intake gives them', () => {
    expect(receipt.receivedBy).toBe('tiep-nhan-1');
    expect(receipt).not.toHaveProperty('resultReturn');
    const atCounter = buildReceipt({
      dossier: dossierOf('000.17.22.H56-261124-0003'),
      agency,
      procedure,
      receivedAt,
      dueAt: addWorkingDays(receivedAt, procedure.processingTime),
      receivedBy: 'Lê Văn Tiếp',
      resultReturn: 'Qua dịch vụ bưu chính công ích',
    });
    expect(atCounter).toMatchObject({
      receivedBy: 'Lê Văn Tiếp',
      resultReturn: 'Qua dịch vụ bưu chính công ích',
    });
  });

  it("lists each received file as the procedure's component it is, with the digest of its bytes", () => {
    const sha256 = 'ab'.repeat(32);
    const withComponents = procedureOf(agency, procedure.code, {
      requiredDocuments: [
        {
          code: 'GIAY_CHUNG_SINH',
          name: 'Giấy chứng sinh',
          form: 'original',
          copies: 1,
          mandatory: true,
          alternates: [],
        },
      ],
    });
    const withFile = buildReceipt({
      dossier: dossierOf('000.17.22.H56-261124-0002', [
        { fileName: 'scan-0001.pdf', documentCode: 'GIAY_CHUNG_SINH', sha256, sizeBytes: 1234 },
      ]),
      agency,
      procedure: withComponents,
      receivedAt,
      dueAt: addWorkingDays(receivedAt, procedure.processingTime),
      receivedBy: 'tiep-nhan-1',
    });
    expect(withFile.documentsReceived).toEqual([
      {
        documentCode: 'GIAY_CHUNG_SINH',
        name: 'Giấy chứng sinh',
        form: 'original',
        formLabel: 'Bản chính',
        copies: 1,
        sha256,
        sizeBytes: 1234,
      },
    ]);
    expect(canonicalJson(withFile)).toContain(`"sha256":"${sha256}"`);
    expect(canonicalJson(withFile)).not.toContain('scan-0001.pdf');
    expect(documentsReceivedWording(withFile as unknown as Record<string, unknown>)).toBe(
      `Giấy chứng sinh (Bản chính, 1 bản; SHA-256: ${sha256})`,
    );
  });

  it('prints an individual by the personal number, an organisation by its tax code and its agent', () => {
    expect(receipt.applicant).toEqual({
      kind: 'individual',
      name: 'Trần Thị Bình',
      identity: { label: 'Số định danh cá nhân', value: '038099001234' },
      address: 'Thôn 2',
      phone: '0912345678',
    });
    const organisation = buildReceipt({
      dossier: dossierOf(
        '000.17.22.H56-261124-0003',
        [],
        SubmitDossierRequestSchema.parse({
          ...request,
          applicant: {
            kind: 'organisation',
            name: 'Công ty TNHH Hoa Sen',
            taxCode: '0101234567',
            legalRepresentative: 'Lê Văn Tâm',
            address: 'Số 5 Lê Lợi, Thanh Hóa',
            phone: '0237 3851 234',
            representative: {
              fullName: 'Phạm Thị Mai',
              idNumber: '038199001111',
              authorisationDocument: 'Giấy ủy quyền số 12/2026/UQ ngày 20/11/2026',
            },
          },
        }).applicant,
      ),
      agency,
      procedure,
      receivedAt,
      dueAt: addWorkingDays(receivedAt, procedure.processingTime),
      receivedBy: 'tiep-nhan-1',
    });
    expect(organisation.applicant).toMatchObject({
      kind: 'organisation',
      name: 'Công ty TNHH Hoa Sen',
      identity: { label: 'Mã số doanh nghiệp/Mã số thuế', value: '0101234567' },
      legalRepresentative: 'Lê Văn Tâm',
      representative: { fullName: 'Phạm Thị Mai', idNumber: '038199001111' },
    });
  });

  it('canonicalises with sorted keys and no white space, whatever the key order', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, 'x'], c: null } })).toBe('{"a":{"c":null,"d":[1,"x"]},"b":1}');
    const reordered = Object.fromEntries(Object.entries(receipt).reverse());
    expect(canonicalJson(reordered)).toBe(canonicalJson(receipt));
  });

  it('keeps Vietnamese text as NFC in the signed bytes', () => {
    const decomposed = SubmitDossierRequestSchema.parse({
      ...request,
      applicant: { ...request.applicant, fullName: 'Trần Thị Bình'.normalize('NFD') },
    });
    expect(decomposed.applicant).toMatchObject({ fullName: 'Trần Thị Bình'.normalize('NFC') });
    expect(canonicalJson(receipt)).toContain('Trần Thị Bình'.normalize('NFC'));
  });
});

describe('signature verification', () => {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const der = publicKey.export({ format: 'der', type: 'spki' });
  const { publicKeyPem, jwk } = publicKeyFormats(der, 'test-key', 'ECDSA_SHA_256');
  const canonical = canonicalJson(receipt);
  const signature = {
    keyId: 'test-key',
    algorithm: 'ECDSA_SHA_256' as const,
    canonicalization: 'RFC8785-JCS' as const,
    value: sign('sha256', Buffer.from(canonical), { key: privateKey, dsaEncoding: 'der' }).toString('base64'),
  };

  it('accepts the signed canonical text', () => {
    expect(verifyWithPublicKey(publicKeyPem, canonical, signature)).toBe(true);
    expect(jwk).toMatchObject({ kty: 'EC', crv: 'P-256', kid: 'test-key', alg: 'ES256', use: 'sig' });
  });

  it('rejects a single changed character', () => {
    expect(verifyWithPublicKey(publicKeyPem, canonical.replace('Bình', 'Binh'), signature)).toBe(false);
  });

  it('rejects garbage instead of throwing', () => {
    expect(verifyWithPublicKey(publicKeyPem, canonical, { ...signature, value: 'AAAA' })).toBe(false);
  });
});

describe('session-key signatures', () => {
  const root = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const rootPem = root.publicKey.export({ format: 'pem', type: 'spki' }).toString();
  const session = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const statement = canonicalJson({
    version: SESSION_KEY_VERSION,
    publicKeyPem: session.publicKey.export({ format: 'pem', type: 'spki' }).toString(),
    notBefore: '2026-11-24T02:00:00.000Z',
    notAfter: '2026-11-24T03:00:00.000Z',
  });
  const der = (key: KeyObject, text: string) =>
    sign('sha256', Buffer.from(text), { key, dsaEncoding: 'der' }).toString('base64');
  const canonical = canonicalJson(receipt);
  const signature = {
    keyId: 'root',
    algorithm: 'ECDSA_SHA_256' as const,
    canonicalization: 'RFC8785-JCS' as const,
    value: der(session.privateKey, canonical),
    delegation: { canonical: statement, value: der(root.privateKey, statement) },
  };

  it('verifies through the statement the root key signed, within its window', () => {
    expect(verifySignature(rootPem, canonical, signature, new Date('2026-11-24T02:15:00Z'))).toBe(true);
    expect(verifySignature(rootPem, canonical, signature)).toBe(true);
  });

  it('refuses a document signed outside the window, a forged statement, or changed content', () => {
    expect(verifySignature(rootPem, canonical, signature, new Date('2026-11-24T04:00:00Z'))).toBe(false);
    const otherSession = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const forged = statement.replace(
      /-----BEGIN[^"]*-----\\n/,
      otherSession.publicKey.export({ format: 'pem', type: 'spki' }).toString().replace(/\n/g, '\\n'),
    );
    expect(
      verifySignature(rootPem, canonical, {
        ...signature,
        delegation: { ...signature.delegation, canonical: forged },
      }),
    ).toBe(false);
    expect(verifySignature(rootPem, canonical.replace('Bình', 'Binh'), signature)).toBe(false);
    // The session signature alone, checked against the root key, is not valid: the chain is needed.
    expect(verifyWithPublicKey(rootPem, canonical, signature)).toBe(false);
  });
});
