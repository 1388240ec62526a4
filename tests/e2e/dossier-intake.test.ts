import { createHash, createPublicKey, type JsonWebKey, verify } from 'node:crypto';
import { HeadObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DossierRecord } from '../../shared/domain/lifecycle/dossier.ts';
import {
  api,
  apiBase,
  completeDossierRequest,
  dataOutput,
  dossierRequest,
  postJson,
  publishedKeyPem,
  publishedProcedure,
  readDossier,
  recordedMail,
  uploadAttachment,
  waitFor,
} from '../support/deployment.ts';
import { expectBilingualError } from '../support/errors.ts';
import { receiveDossier, signInOfficer } from '../support/officers.ts';
import { opensslWorkspace } from '../support/openssl.ts';
import { samplePdf } from '../support/sample-files.ts';

const s3 = new S3Client({});

interface Submitted {
  dossierCode: string;
  status: string;
  syncCode: number;
  receivedAt: string;
  dueAt: string;
  lookupSecret: string;
  receipt: {
    document: Record<string, unknown>;
    canonical: string;
    signature: {
      keyId: string;
      algorithm: string;
      value: string;
      delegation?: { canonical: string; value: string };
    };
  };
}

/**
 * A dossier handed in at the commune's counter: the one-stop officer records it and it is received at
 * once, its receipt signed through the session key (online submissions: reception.test.ts).
 */
describe('one dossier end to end through the deployed API', () => {
  let attachmentKey: string;
  let pdf: Uint8Array;
  let submitted: Submitted;
  let desk: Record<string, string>;

  beforeAll(async () => {
    desk = { authorization: `Bearer ${await signInOfficer('000.17.22.H56', ['tiep_nhan'])}` };
    pdf = await samplePdf('Giay chung sinh');
    const upload = await uploadAttachment('giay-chung-sinh.pdf', 'application/pdf', pdf);
    expect(upload.uploadStatus).toBeLessThan(300);
    attachmentKey = upload.key;
    const answer = await postJson<Submitted>(
      '/officer/dossiers',
      await completeDossierRequest({
        channel: 'counter',
        attachments: [
          { key: attachmentKey, fileName: 'giay-chung-sinh.pdf', documentCode: 'GIAY_CHUNG_SINH' },
        ],
      }),
      desk,
    );
    expect(answer.status, JSON.stringify(answer.body)).toBe(201);
    submitted = answer.body;
  });

  it('serves the seeded procedures catalog with official agency codes', async () => {
    const { status, body } = await api<{ procedures: { code: string; agencyCode: string; tier: string }[] }>(
      '/procedures',
    );
    expect(status).toBe(200);
    expect(body.procedures.length).toBeGreaterThanOrEqual(24);
    expect(new Set(body.procedures.map((p) => p.tier))).toEqual(
      new Set(['commune', 'district', 'province', 'central']),
    );
    for (const procedure of body.procedures)
      expect(procedure.agencyCode).toMatch(/^\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2}$/);
  });

  it('stored the uploaded attachment in the private bucket under the generated key', async () => {
    const head = await s3.send(
      new HeadObjectCommand({ Bucket: dataOutput('AttachmentsBucketName'), Key: attachmentKey }),
    );
    expect(head.ContentLength).toBe(pdf.byteLength);
  });

  it('answers with the dossier code, due date, lookup secret and signed receipt', () => {
    expect(submitted.dossierCode).toMatch(/^000\.17\.22\.H56-\d{6}-\d{4}$/);
    expect(submitted.status).toBe('accepted');
    expect(submitted.syncCode).toBe(2);
    expect(new Date(submitted.dueAt).getTime()).toBeGreaterThan(new Date(submitted.receivedAt).getTime());
    expect(submitted.lookupSecret).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(JSON.parse(submitted.receipt.canonical)).toEqual(submitted.receipt.document);
    expect(submitted.receipt.document).toMatchObject({ form: '01', dossierCode: submitted.dossierCode });
  });

  it('stored the dossier in DynamoDB with only a hash of the lookup secret', async () => {
    const stored = (await readDossier(submitted.dossierCode)) as DossierRecord;
    expect(stored.status).toBe('accepted');
    expect(stored.attachments).toEqual([
      expect.objectContaining({
        key: expect.stringMatching(/^dossiers\/.+\/attachments\//),
        uploadKey: attachmentKey,
        sha256: createHash('sha256').update(pdf).digest('hex'),
        contentType: 'application/pdf',
        documentCode: 'GIAY_CHUNG_SINH',
      }),
      expect.objectContaining({ documentCode: 'TO_KHAI', contentType: 'application/pdf' }),
    ]);
    expect(stored.lookupSecretHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(stored)).not.toContain(submitted.lookupSecret);
    expect(stored.receipt?.signature.value).toBe(submitted.receipt.signature.value);
  });

  it('signed the receipt so that Node crypto verifies it offline: statement with the published key, receipt with the session key', async () => {
    const keys = await api<{ pem: { kid: string; publicKeyPem: string }[]; keys: Record<string, string>[] }>(
      '/signing-keys',
    );
    expect(keys.status).toBe(200);
    const { signature } = submitted.receipt;
    const published = keys.body.pem.find((key) => key.kid === signature.keyId);
    expect(published).toBeDefined();
    const delegation = signature.delegation;
    if (!delegation) throw new Error('receipts are signed with a session key');
    // 1. The published KMS key certified the session key (PEM and JWK give the same answer).
    const statement = Buffer.from(delegation.canonical, 'utf8');
    const certification = Buffer.from(delegation.value, 'base64');
    expect(verify('sha256', statement, createPublicKey(published?.publicKeyPem ?? ''), certification)).toBe(
      true,
    );
    const jwk = keys.body.keys.find((key) => key.kid === signature.keyId);
    expect(
      verify('sha256', statement, createPublicKey({ key: jwk as JsonWebKey, format: 'jwk' }), certification),
    ).toBe(true);
    // 2. The session key, valid when the dossier was received, signed the receipt.
    const session = JSON.parse(delegation.canonical) as {
      publicKeyPem: string;
      notBefore: string;
      notAfter: string;
    };
    const receivedAt = new Date(submitted.receivedAt).getTime();
    expect(receivedAt).toBeGreaterThanOrEqual(new Date(session.notBefore).getTime());
    expect(receivedAt).toBeLessThanOrEqual(new Date(session.notAfter).getTime());
    const data = Buffer.from(submitted.receipt.canonical, 'utf8');
    const value = Buffer.from(signature.value, 'base64');
    expect(verify('sha256', data, createPublicKey(session.publicKeyPem), value)).toBe(true);
    expect(
      verify(
        'sha256',
        Buffer.from(submitted.receipt.canonical.replace('Hoa', 'Hoà')),
        createPublicKey(session.publicKeyPem),
        value,
      ),
    ).toBe(false);
  });

  it('verifies with OpenSSL the way docs/api-guide.md shows, statement then receipt', async () => {
    const { signature } = submitted.receipt;
    const delegation = signature.delegation;
    if (!delegation) throw new Error('receipts are signed with a session key');
    const { file, verify: openssl, statement } = opensslWorkspace('openssl-');
    const { output, sessionKey } = statement(await publishedKeyPem(signature.keyId), delegation);
    expect(output).toBe('Verified OK');
    const receiptSignature = file('receipt.sig', Buffer.from(signature.value, 'base64'));
    const receiptCheck = openssl(
      sessionKey,
      receiptSignature,
      file('receipt.txt', submitted.receipt.canonical),
    );
    expect(receiptCheck.stdout.trim()).toBe('Verified OK');
    const tampered = openssl(
      sessionKey,
      receiptSignature,
      file('tampered.txt', submitted.receipt.canonical.replace('Hoa', 'Hoà')),
    );
    expect(tampered.status).not.toBe(0);
  });

  it('certifies one session key for many receipts: one KMS call per session, not per dossier', async () => {
    const next = await postJson<Submitted>(
      '/officer/dossiers',
      await completeDossierRequest({ channel: 'postal' }),
      desk,
    );
    expect(next.body.receipt.signature.delegation?.canonical).toBe(
      submitted.receipt.signature.delegation?.canonical,
    );
    expect(next.body.receipt.signature.value).not.toBe(submitted.receipt.signature.value);
  });

  it('verifies through POST /verify, and refuses a tampered document', async () => {
    const good = await postJson('/verify', {
      document: submitted.receipt.canonical,
      signature: { ...submitted.receipt.signature, canonicalization: 'RFC8785-JCS' },
    });
    expect(good.body).toMatchObject({ valid: true });
    const asObject = await postJson('/verify', {
      document: submitted.receipt.document,
      signature: { ...submitted.receipt.signature, canonicalization: 'RFC8785-JCS' },
    });
    expect(asObject.body).toMatchObject({ valid: true });
    const tampered = { ...submitted.receipt.document, appointmentAt: '2030-01-01T00:00:00+07:00' };
    const bad = await postJson('/verify', {
      document: tampered,
      signature: { ...submitted.receipt.signature, canonicalization: 'RFC8785-JCS' },
    });
    expect(bad.body).toMatchObject({ valid: false });
  });

  it('routed the dossier through its tier queue, where the consumer recorded arrival and acknowledgement', async () => {
    const stored = await waitFor(async () => {
      const dossier = await readDossier(submitted.dossierCode);
      return dossier?.routing.acknowledgedAt ? dossier : undefined;
    }, 'the commune consumer to acknowledge the dossier');
    expect(stored.routing).toMatchObject({ tier: 'commune' });
    expect(stored.routing.queuedAt).toBeDefined();
    expect(stored.history.map((entry) => entry.status)).toEqual([
      'submitted',
      'accepted',
      'routed',
      'acknowledged',
    ]);
  });

  it('mailed the receipt to the citizen from the official sender', async () => {
    const mail = await waitFor(
      async () => (await recordedMail()).find((m) => m.Subject.includes(submitted.dossierCode)),
      'the receipt mail',
    );
    expect(mail.Source).toBe('no-reply@motcua.thanhhoa.gov.vn');
    expect(mail.To).toEqual(['hoa.nguyen@example.vn']);
    expect(mail.BodyText).toContain('Nguyễn Thị Hoa');
    expect(mail.BodyText).toContain(submitted.receipt.signature.value);
    expect(mail.BodyText).toContain(`${apiBase}verify?code=${encodeURIComponent(submitted.dossierCode)}`);
  });

  it('shows status, due date and history to whoever holds the lookup secret', async () => {
    const path = `/dossiers/${encodeURIComponent(submitted.dossierCode)}`;
    const found = await api<Record<string, unknown>>(path, {
      headers: { 'x-lookup-secret': submitted.lookupSecret },
    });
    expect(found.status).toBe(200);
    expect(found.body).toMatchObject({
      dossierCode: submitted.dossierCode,
      status: 'accepted',
      dueAt: submitted.dueAt,
    });
    expect(found.body).not.toHaveProperty('lookupSecretHash');
    expect(found.body).not.toHaveProperty('applicant');
  });

  it('answers a wrong secret exactly like an unknown dossier: 404 without revealing existence', async () => {
    const wrong = await api<{ error: Record<string, unknown> }>(
      `/dossiers/${encodeURIComponent(submitted.dossierCode)}`,
      { headers: { 'x-lookup-secret': 'AAAAAAAAAAAAAAAAAAAAAA' } },
    );
    const missing = await api<{ error: Record<string, unknown> }>('/dossiers/000.17.22.H56-990101-0001', {
      headers: { 'x-lookup-secret': submitted.lookupSecret },
    });
    const none = await api<{ error: Record<string, unknown> }>(
      `/dossiers/${encodeURIComponent(submitted.dossierCode)}`,
    );
    for (const answer of [wrong, missing, none]) {
      expect(answer.status).toBe(404);
      const { requestId: _ignored, ...rest } = answer.body.error;
      expect(rest).toEqual({
        code: 'NOT_FOUND',
        message: {
          vi: 'Không tìm thấy hồ sơ với mã và mã tra cứu này.',
          en: 'No dossier matches this code and lookup secret.',
        },
        fields: [],
      });
    }
  });

  it('publishes an OpenAPI 3.1 document generated from the contracts', async () => {
    const { status, body } = await api<{
      openapi: string;
      paths: Record<string, unknown>;
      components: { schemas: Record<string, unknown> };
    }>('/openapi.json');
    expect(status).toBe(200);
    expect(body.openapi).toBe('3.1.0');
    expect(Object.keys(body.paths)).toContain('/dossiers');
    expect(body.components.schemas).toHaveProperty('SubmitDossierRequest');
  });

  it('serves the citizen form page', async () => {
    const page = await api<string>('/');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(page.body).toContain('<form id="dossier-form"');
  });
});

describe('what a submission must carry: its documents and a valid applicant', () => {
  it('lists each procedure’s document components in the catalog', async () => {
    const birth = await publishedProcedure('1.001193.000.00.00.H56');
    expect(birth.requiredDocuments).toContainEqual(
      expect.objectContaining({
        code: 'GIAY_CHUNG_SINH',
        form: 'original',
        copies: 1,
        mandatory: true,
        alternates: ['VAN_BAN_LAM_CHUNG'],
      }),
    );
  });

  it('refuses a birth registration without its birth certificate with 422, naming it in both languages', async () => {
    const form = await uploadAttachment('to-khai.pdf', 'application/pdf', await samplePdf('To khai'));
    const error = expectBilingualError(
      await postJson(
        '/dossiers',
        dossierRequest({
          attachments: [{ key: form.key, fileName: 'to-khai.pdf', documentCode: 'TO_KHAI' }],
        }),
      ),
      422,
      'REQUIRED_DOCUMENTS_MISSING',
    );
    expect(error.message.vi).toContain('Giấy chứng sinh');
    expect(error.message.en).toContain('Birth certificate');
    expect(error.fields).toEqual([
      expect.objectContaining({
        field: 'attachments',
        message: {
          vi: expect.stringContaining('Giấy chứng sinh'),
          en: expect.stringContaining('Birth certificate'),
        },
      }),
    ]);
  });

  it('refuses one with no documents at all, naming both mandatory components', async () => {
    const error = expectBilingualError(
      await postJson('/dossiers', dossierRequest()),
      422,
      'REQUIRED_DOCUMENTS_MISSING',
    );
    expect(error.fields.map((field) => field.message.vi)).toEqual([
      expect.stringContaining('Tờ khai đăng ký khai sinh'),
      expect.stringContaining('Giấy chứng sinh'),
    ]);
  });

  it('refuses a file that names no component of the procedure, naming its field', async () => {
    const request = await completeDossierRequest();
    const error = expectBilingualError(
      await postJson('/dossiers', {
        ...request,
        attachments: request.attachments.map((attachment, index) =>
          index === 0 ? { ...attachment, documentCode: 'GIAY_KHONG_CO' } : attachment,
        ),
      }),
      422,
      'ATTACHMENT_REJECTED',
    );
    expect(error.fields.map((field) => field.field)).toEqual(['attachments.0.documentCode']);
  });

  it('refuses a 9-digit ID card number with 422 and says to use the 12-digit number', async () => {
    const request = await completeDossierRequest();
    const error = expectBilingualError(
      await postJson('/dossiers', { ...request, applicant: { ...request.applicant, idNumber: '038199004' } }),
      422,
      'ID_CARD_NO_LONGER_VALID',
    );
    expect(error.fields.map((field) => field.field)).toEqual(['applicant.idNumber']);
    expect(error.message.vi).toContain('không còn giá trị sử dụng từ ngày 01/01/2025');
    expect(error.message.vi).toContain('12 chữ số');
    expect(error.message.en).toContain('no longer valid since 1 January 2025');
  });

  it('receives a dossier from an organisation through its authorised representative', async () => {
    const answer = await postJson<Submitted>(
      '/dossiers',
      await completeDossierRequest({
        procedureCode: '1.001612.000.00.00.H56',
        applicant: {
          kind: 'organisation',
          name: 'Công ty TNHH Thương mại Hoa Sen',
          taxCode: '2801234567',
          legalRepresentative: 'Lê Văn Tâm',
          address: 'Số 5 Lê Lợi, phường Hạc Thành, tỉnh Thanh Hóa',
          phone: '0237 3851 234',
          email: 'hoasen@example.vn',
          representative: {
            fullName: 'Phạm Thị Mai',
            idNumber: '038199001111',
            authorisationDocument: 'Giấy ủy quyền số 12/2026/UQ ngày 20/11/2026',
          },
        },
      }),
    );
    expect(answer.status, JSON.stringify(answer.body)).toBe(201);
    // Submitted online: the one-stop desk of the procedure's unit receives it, signing form 01.
    const submitted = (await readDossier(answer.body.dossierCode)) as DossierRecord;
    await receiveDossier(await signInOfficer(submitted.agency.code, ['tiep_nhan']), answer.body.dossierCode);
    const received = (await readDossier(answer.body.dossierCode)) as DossierRecord;
    expect(received.receipt?.document).toMatchObject({
      applicant: {
        kind: 'organisation',
        name: 'Công ty TNHH Thương mại Hoa Sen',
        identity: { label: 'Mã số doanh nghiệp/Mã số thuế', value: '2801234567' },
        legalRepresentative: 'Lê Văn Tâm',
        representative: { fullName: 'Phạm Thị Mai', idNumber: '038199001111' },
      },
    });
    expect(await readDossier(answer.body.dossierCode)).toMatchObject({
      applicant: { kind: 'organisation', taxCode: '2801234567' },
    });
  });
});
