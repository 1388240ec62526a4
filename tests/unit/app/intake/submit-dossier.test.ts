import { describe, expect, it } from 'vitest';
import {
  recordDossier,
  revealLookupSecret,
  submitDossier,
} from '../../../../shared/app/intake/submit-dossier.ts';
import {
  type SubmitDossierRequest,
  SubmitDossierRequestSchema,
} from '../../../../shared/contracts/dossiers.ts';
import { DomainError } from '../../../../shared/domain/common/errors.ts';
import { hashLookupSecret } from '../../../../shared/domain/intake/lookup-secret.ts';
import { verifySignature } from '../../../../shared/domain/signing/signature.ts';
import { statusOf } from '../../../../shared/http/errors.ts';
import { samplePdf } from '../../../support/sample-files.ts';
import { organisationApplicant } from '../dossier-fixture.ts';
import { codeOf } from '../fixtures.ts';
import {
  birthInCommune,
  birthInDistrict,
  birthWithDocuments,
  commune,
  district,
  intakePorts,
  KEY_IDS,
  memoryDigest,
  memorySealer,
  publicPem,
  requestFor,
} from '../memory-ports.ts';

const UPLOAD = 'uploads/2026-11-24/00000000-0000-4000-8000-000000000001.pdf';

const submissionOf = (request: SubmitDossierRequest, idempotencyKey?: string) => ({
  idempotencyKey,
  body: JSON.stringify(request),
});

/** The code and status submitting `request` is refused with. */
const refusalOf = (
  memory: ReturnType<typeof intakePorts>,
  request: SubmitDossierRequest,
  idempotencyKey?: string,
) => codeOf(submitDossier(memory.ports, request, submissionOf(request, idempotencyKey)));

async function withPdfUpload() {
  const memory = intakePorts();
  memory.uploads.set(UPLOAD, { bytes: await samplePdf(), etag: '"v1"', contentType: 'application/pdf' });
  return memory;
}

describe('submitting a dossier', () => {
  it('stores the dossier as submitted (status 1) with its checked file and claims, no receipt or appointment, then routes it to its tier', async () => {
    const memory = await withPdfUpload();
    const request = requestFor(birthInCommune.code, [{ key: UPLOAD, fileName: 'giay-chung-sinh.pdf' }]);
    const outcome = await submitDossier(memory.ports, request, submissionOf(request));
    expect(outcome.replayed).toBe(false);
    if (outcome.replayed) return;
    const { answer } = outcome;
    expect(answer.dossierCode).toMatch(/^000\.17\.22\.H56-261124-0001$/);
    expect(answer).toMatchObject({
      status: 'submitted',
      syncCode: 1,
      submittedAt: expect.stringMatching(/^2026-11-24T09:15/),
    });
    expect(answer).not.toHaveProperty('receipt');
    expect(answer).not.toHaveProperty('dueAt');
    expect(answer).not.toHaveProperty('receivedAt');

    const record = memory.dossiers.records.get(answer.dossierCode);
    const secret = await memorySealer.open(answer.lookupSecret, answer.dossierCode);
    expect(record?.lookupSecretHash).toBe(hashLookupSecret(secret));
    expect(record?.attachments).toEqual([
      expect.objectContaining({ fileName: 'giay-chung-sinh.pdf', contentType: 'application/pdf' }),
    ]);
    expect([...memory.files.keys()]).toEqual([
      `dossiers/${answer.dossierCode}/attachments/00000000-0000-4000-8000-000000000001.pdf`,
    ]);
    expect(memory.dossiers.uploadClaims.get(UPLOAD)?.dossierCode).toBe(answer.dossierCode);
    expect(memory.dossiers.chains.get(answer.dossierCode)?.map((entry) => entry.action)).toEqual([
      'submitted',
    ]);

    expect(record).toMatchObject({ status: 'submitted', submittedAt: answer.submittedAt });
    expect(record?.receipt).toBeUndefined();
    expect(record?.dueAt).toBeUndefined();
    expect(record?.receivedAt).toBeUndefined();
    // Nothing is signed before the one-stop desk receives the dossier.
    expect(memory.sessionSigned).toEqual([]);
    expect(memory.signer.signed).toEqual([]);

    expect(memory.sent).toEqual([
      {
        queueUrl: 'queue-commune',
        message: expect.objectContaining({
          type: 'dossier.received',
          dossierCode: answer.dossierCode,
          agencyCode: commune.code,
          tier: 'commune',
        }),
      },
    ]);
    expect(memory.dossiers.queued.has(answer.dossierCode)).toBe(true);
    expect(memory.logs).toContainEqual(
      expect.objectContaining({ level: 'info', message: 'dossier submitted', fields: expect.any(Object) }),
    );
  });

  it('refuses a claimed counter or postal channel with 422 naming the field, storing nothing', async () => {
    const memory = await withPdfUpload();
    for (const channel of ['counter', 'postal'] as const) {
      const request = { ...requestFor(birthInCommune.code), channel };
      expect(await refusalOf(memory, request)).toEqual(['CHANNEL_NOT_ALLOWED', 422]);
      await expect(submitDossier(memory.ports, request, submissionOf(request))).rejects.toMatchObject({
        fields: [{ field: 'channel' }],
      });
    }
    expect(memory.dossiers.records.size).toBe(0);
    expect(memory.sent).toEqual([]);
  });
});

describe('an officer records a counter or postal dossier', () => {
  const officer = { id: 'sub-9', username: 'tiep-nhan-1' };

  it('receives it at once: appointment, receipt signed through the session key, history naming the officer', async () => {
    const memory = await withPdfUpload();
    const request = {
      ...requestFor(birthInCommune.code, [{ key: UPLOAD, fileName: 'giay-chung-sinh.pdf' }]),
      channel: 'counter' as const,
    };
    const outcome = await recordDossier(memory.ports, request, submissionOf(request), {
      officer,
      unit: commune,
    });
    if (outcome.replayed) throw new Error('a first submission is not a replay');
    const { answer } = outcome;
    expect(answer).toMatchObject({
      status: 'accepted',
      syncCode: 2,
      receivedAt: answer.submittedAt,
      dueAt: expect.any(String),
    });
    const receipt = answer.receipt;
    if (!receipt) throw new Error('a counter dossier has its receipt');
    expect(receipt.document).toMatchObject({ channel: 'counter', receivedBy: 'tiep-nhan-1', form: '01' });
    expect(memory.sessionSigned).toEqual([receipt.canonical]);
    expect(verifySignature(publicPem(KEY_IDS.ecdsa), receipt.canonical, receipt.signature)).toBe(true);
    const record = memory.dossiers.records.get(answer.dossierCode);
    expect(record).toMatchObject({ status: 'accepted', receivedAt: answer.receivedAt, dueAt: answer.dueAt });
    expect(record?.history).toEqual([
      expect.objectContaining({ status: 'submitted', by: 'counter' }),
      expect.objectContaining({ status: 'accepted', by: 'tiep-nhan-1' }),
    ]);
    expect(memory.dossiers.chains.get(answer.dossierCode)).toEqual([
      expect.objectContaining({ action: 'received', actor: 'tiep-nhan-1' }),
    ]);
    expect(memory.sent.map((sent) => sent.queueUrl)).toEqual(['queue-commune']);
    // Received: the commune's default process starts at the desk, its clock at receipt.
    expect(record?.process).toMatchObject({
      code: 'MAC-DINH-COMMUNE',
      version: 0,
      active: [
        {
          step: 'TIEP_NHAN',
          role: 'tiep_nhan',
          unit: { code: commune.code },
          startedAt: answer.receivedAt,
          handedOverBy: 'tiep-nhan-1',
        },
      ],
      done: [],
    });
  });

  it('refuses a procedure of another unit with 403, and the online channel with 422', async () => {
    const memory = intakePorts();
    const postal = { ...requestFor(birthInDistrict.code), channel: 'postal' as const };
    expect(
      await codeOf(recordDossier(memory.ports, postal, submissionOf(postal), { officer, unit: commune })),
    ).toEqual(['FORBIDDEN', 403]);
    const online = requestFor(birthInCommune.code);
    expect(
      await codeOf(recordDossier(memory.ports, online, submissionOf(online), { officer, unit: commune })),
    ).toEqual(['CHANNEL_NOT_ALLOWED', 422]);
    expect(memory.dossiers.records.size).toBe(0);
  });

  it('signs an RSA unit’s receipt with its RSA key directly and routes it to the district queue', async () => {
    const memory = intakePorts();
    const request = { ...requestFor(birthInDistrict.code), channel: 'postal' as const };
    const outcome = await recordDossier(memory.ports, request, submissionOf(request), {
      officer,
      unit: district,
    });
    if (outcome.replayed) throw new Error('a first submission is not a replay');
    const { receipt, dossierCode } = outcome.answer;
    if (!receipt) throw new Error('a postal dossier has its receipt');
    expect(memory.sessionSigned).toEqual([]);
    expect(memory.signer.signed).toEqual([
      { keyId: KEY_IDS.rsa, algorithm: 'RSASSA_PSS_SHA_256', what: 'text' },
    ]);
    expect(verifySignature(publicPem(KEY_IDS.rsa), receipt.canonical, receipt.signature)).toBe(true);
    expect(dossierCode.startsWith(district.code)).toBe(true);
    expect(memory.sent.map((sent) => sent.queueUrl)).toEqual(['queue-district']);
  });
});

describe('what a new dossier keeps for the officers’ search', () => {
  const officer = { id: 'sub-9', username: 'tiep-nhan-1' };

  it.each(['online', 'counter'] as const)(
    'a %s dossier keeps the name folded, given name first, and the ID number only as a keyed digest',
    async (channel) => {
      const memory = await withPdfUpload();
      const request = {
        ...requestFor(birthInCommune.code, [{ key: UPLOAD, fileName: 'giay-chung-sinh.pdf' }]),
        channel,
      };
      const outcome =
        channel === 'online'
          ? await submitDossier(memory.ports, request, submissionOf(request))
          : await recordDossier(memory.ports, request, submissionOf(request), { officer, unit: commune });
      const record = memory.dossiers.records.get(outcome.answer.dossierCode as string);
      expect(record).toMatchObject({
        applicantName: 'Trần Thị Bình',
        searchName: 'binh tran thi',
        idDigests: [memoryDigest('038099001234')],
      });
      expect(JSON.stringify(record?.idDigests)).not.toContain('038099001234');
    },
  );
});

describe('submitting a dossier is refused', () => {
  it('refuses an unknown procedure before numbering anything', async () => {
    const memory = intakePorts();
    const request = requestFor('9.999999.000.00.00.H56');
    expect(await refusalOf(memory, request)).toEqual(['UNKNOWN_PROCEDURE', 422]);
    expect(memory.dossiers.records.size).toBe(0);
  });

  it('refuses a missing or mistyped attachment with 422 naming its field, storing nothing', async () => {
    const memory = intakePorts();
    memory.uploads.set(UPLOAD, { bytes: new TextEncoder().encode('not a pdf'), etag: '"v1"' });
    const missing = 'uploads/2026-11-24/00000000-0000-4000-8000-000000000002.pdf';
    const request = requestFor(birthInCommune.code, [
      { key: UPLOAD, fileName: 'giay-chung-sinh.pdf' },
      { key: missing, fileName: 'cccd.pdf' },
    ]);
    const error = await submitDossier(memory.ports, request, submissionOf(request)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DomainError);
    if (!(error instanceof DomainError)) return;
    expect([error.code, statusOf(error)]).toEqual(['ATTACHMENT_REJECTED', 422]);
    expect(error.fields.map((issue) => issue.field)).toEqual(['attachments.0.key', 'attachments.1.key']);
    expect(memory.dossiers.records.size).toBe(0);
    expect(memory.sent).toEqual([]);
  });

  it('refuses with 422 a dossier lacking a mandatory component, naming it, before reading any upload', async () => {
    const memory = await withPdfUpload();
    const request = requestFor(birthWithDocuments.code, [
      { key: UPLOAD, fileName: 'to-khai.pdf', documentCode: 'TO_KHAI' },
    ]);
    const error = await submitDossier(memory.ports, request, submissionOf(request)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DomainError);
    if (!(error instanceof DomainError)) return;
    expect([error.code, statusOf(error)]).toEqual(['REQUIRED_DOCUMENTS_MISSING', 422]);
    expect(error.bilingual.vi).toContain('"Giấy chứng sinh"');
    expect(error.bilingual.en).toContain('"Birth certificate"');
    expect(error.fields.map((issue) => issue.field)).toEqual(['attachments']);
    expect(memory.dossiers.records.size).toBe(0);
    expect(memory.files.size).toBe(0);
  });

  it('refuses with 422 an attachment that names no component of the procedure', async () => {
    const memory = await withPdfUpload();
    const request = requestFor(birthWithDocuments.code, [{ key: UPLOAD, fileName: 'giay.pdf' }]);
    expect(await refusalOf(memory, request)).toEqual(['ATTACHMENT_REJECTED', 422]);
  });

  it('receives a dossier whose alternate stands in for a mandatory component, listing components on the receipt', async () => {
    const memory = await withPdfUpload();
    const second = 'uploads/2026-11-24/00000000-0000-4000-8000-000000000002.pdf';
    memory.uploads.set(second, {
      bytes: await samplePdf('Lam chung'),
      etag: '"v1"',
      contentType: 'application/pdf',
    });
    const request = requestFor(birthWithDocuments.code, [
      { key: UPLOAD, fileName: 'to-khai.pdf', documentCode: 'TO_KHAI' },
      { key: second, fileName: 'lam-chung.pdf', documentCode: 'VAN_BAN_LAM_CHUNG' },
    ]);
    // Received at the counter, so the answer carries the receipt.
    const counter = { ...request, channel: 'counter' as const };
    const outcome = await recordDossier(memory.ports, counter, submissionOf(counter), {
      officer: { id: 'sub-9', username: 'tiep-nhan-1' },
      unit: commune,
    });
    if (outcome.replayed) throw new Error('not a replay');
    expect(outcome.answer.receipt?.document.documentsReceived).toEqual([
      expect.objectContaining({
        documentCode: 'TO_KHAI',
        name: 'Tờ khai đăng ký khai sinh',
        formLabel: 'Bản chính',
      }),
      expect.objectContaining({ documentCode: 'VAN_BAN_LAM_CHUNG', name: 'Văn bản làm chứng', copies: 1 }),
    ]);
  });

  it('refuses with 422 a 9-digit ID card number, storing nothing', async () => {
    const memory = intakePorts();
    const request = SubmitDossierRequestSchema.parse({
      ...requestFor(birthInCommune.code),
      applicant: { ...requestFor(birthInCommune.code).applicant, idNumber: '038099001' },
    });
    expect(await refusalOf(memory, request)).toEqual(['ID_CARD_NO_LONGER_VALID', 422]);
    expect(memory.dossiers.records.size).toBe(0);
  });

  it('receives an organisation, logging its identifiers masked', async () => {
    const memory = intakePorts();
    const request = SubmitDossierRequestSchema.parse({
      procedureCode: birthInCommune.code,
      channel: 'counter',
      applicant: organisationApplicant,
    });
    const outcome = await recordDossier(memory.ports, request, submissionOf(request), {
      officer: { id: 'sub-9', username: 'tiep-nhan-1' },
      unit: commune,
    });
    if (outcome.replayed) throw new Error('not a replay');
    expect(outcome.answer.receipt?.document.applicant).toMatchObject({
      name: 'Công ty TNHH Hoa Sen',
      identity: { label: 'Mã số doanh nghiệp/Mã số thuế', value: '0101234567' },
    });
    const logged = JSON.stringify(memory.logs);
    expect(logged).not.toContain('0101234567');
    expect(logged).not.toContain('Công ty TNHH Hoa Sen');
  });

  it('refuses an upload replaced between its check and its copy', async () => {
    const memory = await withPdfUpload();
    const bind = memory.ports.uploads.bindUpload;
    memory.ports.uploads.bindUpload = async (...args) => {
      memory.uploads.set(UPLOAD, { bytes: await samplePdf('other'), etag: '"v2"' });
      return bind(...args);
    };
    const request = requestFor(birthInCommune.code, [{ key: UPLOAD, fileName: 'giay-chung-sinh.pdf' }]);
    expect(await refusalOf(memory, request)).toEqual(['ATTACHMENT_REJECTED', 422]);
    expect(memory.dossiers.records.size).toBe(0);
  });

  it('refuses with 409 an upload that already belongs to a dossier', async () => {
    const memory = await withPdfUpload();
    const first = requestFor(birthInCommune.code, [{ key: UPLOAD, fileName: 'giay-chung-sinh.pdf' }]);
    await submitDossier(memory.ports, first, submissionOf(first));
    const second = requestFor(birthInCommune.code, [{ key: UPLOAD, fileName: 'ban-sao.pdf' }]);
    expect(await refusalOf(memory, second)).toEqual(['ATTACHMENT_ALREADY_USED', 409]);
    expect(memory.dossiers.records.size).toBe(1);
  });

  it('refuses with 409 an upload that another dossier claimed while this one was being received', async () => {
    const memory = await withPdfUpload();
    memory.dossiers.beforeCreate = () => {
      memory.dossiers.uploadClaims.set(UPLOAD, {
        id: `upload#${UPLOAD}`,
        uploadKey: UPLOAD,
        dossierCode: '000.17.22.H56-261124-0099',
        claimedAt: '2026-11-24T09:15:30+07:00',
      });
    };
    const request = requestFor(birthInCommune.code, [{ key: UPLOAD, fileName: 'giay-chung-sinh.pdf' }]);
    expect(await refusalOf(memory, request)).toEqual(['ATTACHMENT_ALREADY_USED', 409]);
    expect(memory.dossiers.records.size).toBe(0);
  });

  it('answers a retry under the same Idempotency-Key with the first answer, and refuses the key for another body', async () => {
    const memory = intakePorts();
    const request = requestFor(birthInCommune.code);
    const first = await submitDossier(memory.ports, request, submissionOf(request, 'key-1'));
    const again = await submitDossier(memory.ports, request, submissionOf(request, 'key-1'));
    expect(again).toEqual({ replayed: true, answer: first.answer });
    expect(memory.dossiers.records.size).toBe(1);
    expect(memory.logs.map((log) => log.message)).toContain('dossier already received under this key');

    const other = requestFor(birthInDistrict.code);
    expect(await refusalOf(memory, other, 'key-1')).toEqual(['IDEMPOTENCY_KEY_REUSED', 422]);
  });

  it('gives the answer of a concurrent retry that stored its dossier first', async () => {
    const memory = intakePorts();
    const request = requestFor(birthInCommune.code);
    const submission = submissionOf(request, 'key-2');
    let winner: unknown;
    memory.dossiers.beforeCreate = async () => {
      memory.dossiers.beforeCreate = () => {};
      winner = await submitDossier(memory.ports, request, submission);
    };
    const outcome = await submitDossier(memory.ports, request, submission);
    expect(outcome).toEqual({
      replayed: true,
      answer: expect.objectContaining({ dossierCode: expect.any(String) }),
    });
    expect(winner).toEqual({ replayed: false, answer: outcome.answer });
    expect(memory.dossiers.records.size).toBe(1);
  });

  it('keeps a received dossier when routing fails, logging it for the re-send sweep', async () => {
    const memory = intakePorts();
    memory.ports.routing.queues = {};
    const request = requestFor(birthInCommune.code);
    const outcome = await submitDossier(memory.ports, request, submissionOf(request));
    const code = outcome.replayed ? '' : outcome.answer.dossierCode;
    expect(memory.dossiers.records.has(code)).toBe(true);
    expect(memory.dossiers.queued.has(code)).toBe(false);
    expect(memory.logs).toContainEqual(
      expect.objectContaining({ level: 'error', message: 'dossier stored but not routed' }),
    );
  });
});

describe('the citizen’s copy of the answer', () => {
  it('opens the sealed lookup secret of a 201 and leaves other responses alone', async () => {
    const sealed = await memorySealer.seal('bi-mat', '000.17.22.H56-261124-0001');
    const created = {
      statusCode: 201,
      body: JSON.stringify({ dossierCode: '000.17.22.H56-261124-0001', lookupSecret: sealed, dueAt: 'x' }),
    };
    const revealed = await revealLookupSecret(memorySealer, memorySealer.isSealed, created);
    expect(JSON.parse(revealed.body)).toEqual({
      dossierCode: '000.17.22.H56-261124-0001',
      lookupSecret: 'bi-mat',
      dueAt: 'x',
    });
    const refused = { statusCode: 409, body: JSON.stringify({ lookupSecret: sealed }) };
    expect(await revealLookupSecret(memorySealer, memorySealer.isSealed, refused)).toBe(refused);
  });
});
