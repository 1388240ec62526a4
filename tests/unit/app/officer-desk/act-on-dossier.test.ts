import { createHash, verify } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { SessionDocumentSigner } from '../../../../shared/adapters/document-signer.ts';
import {
  actOnDossier,
  type OfficerActionPorts,
  type OfficerActionRequest,
} from '../../../../shared/app/officer-desk/act-on-dossier.ts';
import { newUploadClaim, type UploadClaim } from '../../../../shared/domain/intake/attachment.ts';
import type { DossierRecord } from '../../../../shared/domain/lifecycle/dossier.ts';
import { verifySignature } from '../../../../shared/domain/signing/signature.ts';
import { samplePdf } from '../../../support/sample-files.ts';
import { memoryProcesses, procedureOf } from '../fixtures.ts';
import { commune, district, dossier, memoryLifecycle, memorySigner, sweepApologyDraft } from '../memory.ts';

const procedure = (resultSigned: boolean) =>
  procedureOf(commune, '1.001193.000.00.00.H56', { resultSigned, countsFromNextDayAfter15h: false });

/** The lifecycle in memory, plus the registry, the signer, an upload bucket and the claims. */
function desk(held: DossierRecord[], { resultSigned = false } = {}) {
  const memory = memoryLifecycle(held);
  const signer = memorySigner();
  const bucket = new Map<string, { bytes: Uint8Array; etag: string }>();
  const ports: OfficerActionPorts<UploadClaim> = {
    ...memory.ports,
    agency: async (code) => [commune, district].find((agency) => agency.code === code),
    procedure: async () => procedure(resultSigned),
    processes: memoryProcesses(),
    officersOf: async () => [],
    signer,
    signingKeys: { ecdsa: 'ecdsa-key', rsa: 'rsa-key' },
    files: {
      readUpload: async (key) => {
        const object = bucket.get(key);
        return object && { sizeBytes: object.bytes.byteLength, bytes: object.bytes, etag: object.etag };
      },
      bindUpload: async (uploadKey, etag, targetKey) => {
        const object = bucket.get(uploadKey);
        if (!object || object.etag !== etag) return false;
        bucket.set(targetKey, object);
        return true;
      },
    },
    claims: {
      existing: async (keys) => keys.flatMap((key) => memory.claims.get(key) ?? []),
      putItem: (claim) => claim,
    },
  };
  const upload = async (key: string, text: string) => {
    const bytes = await samplePdf(text);
    bucket.set(key, { bytes, etag: createHash('md5').update(bytes).digest('hex') });
    return bytes;
  };
  return { ...memory, ports, signer, bucket, upload };
}

const officer = { id: 'sub-7', username: 'can-bo-le', roles: ['tiep_nhan', 'chuyen_vien'] as const };
const request = (
  action: OfficerActionRequest['action'],
  code = dossier().dossierCode,
): OfficerActionRequest => ({
  dossierCode: code,
  action,
  officer,
  unit: commune,
});
const RESULT_KEY = 'uploads/2026-12-01/0b0c3f3e-7a4b-4d1c-9a53-2f6d1e0c9a11.pdf';
const inProgress = () => dossier({ status: 'in_progress' });

/** A desk holding an in-progress dossier and its result upload, with `patch` laid over its ports. */
async function deskWithResult(
  patch: (held: ReturnType<typeof desk>) => Partial<OfficerActionPorts<UploadClaim>>,
) {
  const held = desk([inProgress()]);
  await held.upload(RESULT_KEY, 'Giay khai sinh');
  return { ...held, ports: { ...held.ports, ...patch(held) } };
}

/** Completes the dossier with the upload at RESULT_KEY as its result file. */
const completeWithResult = (ports: OfficerActionPorts<UploadClaim>) =>
  actOnDossier(ports, request({ type: 'complete', resultDocumentKey: RESULT_KEY }));

describe('an officer acts on a dossier', () => {
  it('moves it on, writes the audit entry with it and logs the action', async () => {
    const { ports, chains, lines, mail } = desk([dossier()]);
    const view = await actOnDossier(ports, request({ type: 'accept' }));
    expect(view).toMatchObject({ status: 'accepted', version: 2, applicant: { fullName: 'Nguyễn Thị Hoa' } });
    expect(chains.get(dossier().dossierCode)).toEqual([
      expect.objectContaining({ seq: 1, action: 'accept', actor: 'can-bo-le' }),
    ]);
    expect(lines).toEqual([
      expect.objectContaining({
        message: 'dossier action',
        fields: {
          dossierCode: dossier().dossierCode,
          action: 'accept',
          officer: 'sub-7',
          status: 'accepted',
        },
      }),
    ]);
    expect(mail).toEqual([{ template: 'receipt', dossierCode: dossier().dossierCode }]);
  });

  it('refuses an action the status does not allow, writing nothing', async () => {
    const { ports, chains, mail, dossiers } = desk([dossier()]);
    await expect(actOnDossier(ports, request({ type: 'return_result' }))).rejects.toMatchObject({
      code: 'ILLEGAL_TRANSITION',
      details: { status: 'submitted', allowed: ['accept', 'refuse', 'request_supplement'] },
    });
    expect(chains.size).toBe(0);
    expect(mail).toEqual([]);
    expect(dossiers.get(dossier().dossierCode)?.version).toBe(1);
  });

  it('answers not found for a dossier another unit holds, and for none at all', async () => {
    const { ports } = desk([dossier({ currentAgency: district, currentAgencyCode: district.code })]);
    await expect(actOnDossier(ports, request({ type: 'accept' }))).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(actOnDossier(ports, request({ type: 'accept' }, 'H56-KHONG-CO'))).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });

  it('refuses a transfer to an agency not in the registry, naming the field', async () => {
    const { ports } = desk([dossier({ status: 'in_progress' })]);
    await expect(
      actOnDossier(ports, request({ type: 'transfer', toAgencyCode: '000.99.99.H56' })),
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED', fields: [{ field: 'toAgencyCode' }] });
  });

  it('a refusal mails the citizen', async () => {
    const { ports, mail } = desk([dossier()]);
    await actOnDossier(ports, request({ type: 'refuse', reason: 'Thiếu giấy tờ' }));
    expect(mail).toEqual([{ template: 'refusal', dossierCode: dossier().dossierCode }]);
  });
});

describe('completing a dossier with its result file', () => {
  it('binds the checked upload to the dossier, signs its digest and claims the upload', async () => {
    const { ports, upload, signer, claims, bucket, mail } = desk([inProgress()], { resultSigned: true });
    const bytes = await upload(RESULT_KEY, 'Giay khai sinh');
    const view = await completeWithResult(ports);
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    expect(view.result).toMatchObject({ uploadKey: RESULT_KEY, documentSha256: sha256 });
    expect(view.result?.documentKey).toMatch(/^dossiers\/.+\/result\/[0-9a-f-]{36}\.pdf$/);
    expect(bucket.get(view.result?.documentKey ?? '')?.bytes).toEqual(bytes);
    const signature = view.result?.documentSignature;
    expect(signature).toMatchObject({ keyId: 'ecdsa-key', algorithm: 'ECDSA_SHA_256', sha256 });
    // Over the file's bytes, as any ECDSA-SHA256 tool checks it against the downloaded file.
    const valid = verify(
      'sha256',
      bytes,
      { key: signer.publicKey, dsaEncoding: 'der' },
      Buffer.from(signature?.value ?? '', 'base64'),
    );
    expect(valid).toBe(true);
    expect(claims.get(RESULT_KEY)).toMatchObject({ dossierCode: inProgress().dossierCode });
    expect(mail).toEqual([{ template: 'result_ready', dossierCode: inProgress().dossierCode }]);
  });

  it('signs the result with a session key where the deployment asks for session keys', async () => {
    const { ports, upload, signer } = desk([inProgress()], { resultSigned: true });
    const bytes = await upload(RESULT_KEY, 'Giay khai sinh');
    const sessions = new SessionDocumentSigner(signer, 3_600_000);
    const view = await completeWithResult({ ...ports, signer: sessions });
    const signature = view.result?.documentSignature;
    const publishedPem = signer.publicKey.export({ format: 'pem', type: 'spki' }).toString();
    expect(signature?.delegation).toBeDefined();
    expect(signer.signed).toHaveLength(1);
    expect(signature && verifySignature(publishedPem, bytes, signature)).toBe(true);
    expect(signature && verifySignature(publishedPem, Buffer.from('another file'), signature)).toBe(false);
  });

  it('refuses a result upload already used by a dossier, before reading it', async () => {
    const { ports, upload, claims, chains } = desk([inProgress()]);
    await upload(RESULT_KEY, 'Giay khai sinh');
    claims.set(RESULT_KEY, newUploadClaim(RESULT_KEY, 'H56-KHAC', '2026-11-30T10:00:00+07:00'));
    await expect(completeWithResult(ports)).rejects.toMatchObject({
      code: 'ATTACHMENT_ALREADY_USED',
      fields: [{ field: 'resultDocumentKey' }],
    });
    expect(chains.size).toBe(0);
  });

  it('answers the same refusal when the upload is claimed between the check and the write', async () => {
    const { ports, ...memory } = await deskWithResult((held) => ({
      claims: {
        ...held.ports.claims,
        existing: async () => {
          held.claims.set(RESULT_KEY, newUploadClaim(RESULT_KEY, 'H56-KHAC', '2026-12-01T09:00:00+07:00'));
          return [];
        },
      },
    }));
    await expect(completeWithResult(ports)).rejects.toMatchObject({ code: 'ATTACHMENT_ALREADY_USED' });
    expect(memory.dossiers.get(inProgress().dossierCode)?.status).toBe('in_progress');
    expect(memory.chains.size).toBe(0);
  });

  it('refuses a signed-result procedure completed without its file, and a file that is not there', async () => {
    const { ports } = desk([inProgress()], { resultSigned: true });
    await expect(actOnDossier(ports, request({ type: 'complete' }))).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      fields: [{ field: 'resultDocumentKey' }],
    });
    await expect(completeWithResult(ports)).rejects.toMatchObject({
      code: 'ATTACHMENT_REJECTED',
      fields: [{ field: 'resultDocumentKey' }],
    });
  });

  it('refuses a result file replaced between its check and its copy', async () => {
    const { ports, ...memory } = await deskWithResult((held) => ({
      files: {
        ...held.ports.files,
        bindUpload: async (...args) => {
          await held.upload(RESULT_KEY, 'Mot tep khac');
          return held.ports.files.bindUpload(...args);
        },
      },
    }));
    await expect(completeWithResult(ports)).rejects.toMatchObject({ code: 'ATTACHMENT_REJECTED' });
    expect(memory.claims.size).toBe(0);
  });

  it('completes without a file when the procedure does not sign its result', async () => {
    const { ports, claims } = desk([inProgress()]);
    const view = await actOnDossier(ports, request({ type: 'complete' }));
    expect(view.status).toBe('done');
    expect(view.result?.documentKey).toBeUndefined();
    expect(claims.size).toBe(0);
  });
});

describe('form 04: the holder drafts it with the reason, a leader of the unit approves it', () => {
  const leader = { id: 'sub-9', username: 'lanh-dao-phong', roles: ['lanh_dao_phong'] as const };
  const byLeader = (action: OfficerActionRequest['action']) => ({ ...request(action), officer: leader });
  const REASON = 'Chờ kết quả xác minh của UBND xã nơi cư trú trước đây';

  it('an early draft with a reason, approved by the head of division, is signed with it and mailed', async () => {
    const { ports, chains, mail, signer } = desk([inProgress()]);
    const drafted = await actOnDossier(ports, request({ type: 'draft_apology', reason: REASON }));
    expect(drafted.apology).toEqual({
      state: 'draft',
      draftedAt: '2026-12-01T09:00:00+07:00',
      draftedBy: 'can-bo-le',
      reason: REASON,
      missedDueAt: '2026-12-04T08:00:00+07:00',
      // Three working days after the statutory appointment (Friday): Wednesday of the next week.
      proposedDueAt: '2026-12-09T08:00:00+07:00',
    });
    expect(mail).toEqual([]);

    await expect(actOnDossier(ports, request({ type: 'approve_apology' }))).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    expect(signer.signed).toEqual([]);

    const approved = await actOnDossier(ports, byLeader({ type: 'approve_apology' }));
    expect(approved).toMatchObject({
      dueAt: '2026-12-09T08:00:00+07:00',
      statutoryDueAt: '2026-12-04T08:00:00+07:00',
      apology: { state: 'approved', approvedBy: 'lanh-dao-phong', reason: REASON },
    });
    const letter = JSON.parse(signer.signed[0] ?? '{}');
    expect(letter).toMatchObject({
      form: '04',
      title: 'Văn bản xin lỗi và đề nghị gia hạn thời gian giải quyết',
      reason: REASON,
      missedDueAt: '2026-12-04T08:00:00+07:00',
      newDueAt: '2026-12-09T08:00:00+07:00',
    });
    expect(letter.body).toContain(`Lý do: ${REASON}`);
    expect(mail).toEqual([{ template: 'apology', dossierCode: inProgress().dossierCode }]);
    expect(chains.get(inProgress().dossierCode)?.map((entry) => [entry.action, entry.actor])).toEqual([
      ['draft_apology', 'can-bo-le'],
      ['approve_apology', 'lanh-dao-phong'],
    ]);
  });

  it('a draft without a reason (the sweep’s) is not approved until the reason is given', async () => {
    const { ports, signer, chains } = desk([dossier({ status: 'in_progress', apology: sweepApologyDraft })]);
    await expect(actOnDossier(ports, byLeader({ type: 'approve_apology' }))).rejects.toMatchObject({
      code: 'APOLOGY_REASON_REQUIRED',
      fields: [{ field: 'reason' }],
    });
    expect(signer.signed).toEqual([]);
    expect(chains.size).toBe(0);
    const approved = await actOnDossier(ports, byLeader({ type: 'approve_apology', reason: REASON }));
    expect(approved.apology).toMatchObject({
      state: 'approved',
      reason: REASON,
      newDueAt: sweepApologyDraft.proposedDueAt,
    });
  });

  it('the signing leader may approve too; a proposal not after the statutory appointment is refused', async () => {
    const { ports } = desk([inProgress()]);
    await expect(
      actOnDossier(
        ports,
        request({ type: 'draft_apology', reason: REASON, proposedDueAt: '2026-12-03T17:00:00+07:00' }),
      ),
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED', fields: [{ field: 'proposedDueAt' }] });
    await actOnDossier(ports, request({ type: 'draft_apology', reason: REASON }));
    const approved = await actOnDossier(ports, {
      ...request({ type: 'approve_apology', newDueAt: '2026-12-08T17:00:00+07:00' }),
      officer: { ...leader, roles: ['lanh_dao'] },
    });
    expect(approved.dueAt).toBe('2026-12-08T17:00:00+07:00');
    await expect(
      actOnDossier(ports, request({ type: 'draft_apology', reason: 'Lần thứ hai' })),
    ).rejects.toMatchObject({ code: 'ILLEGAL_TRANSITION' });
  });
});

describe('the one-stop desk receives a dossier submitted online', () => {
  const RECEIVED_AT = '2026-12-01T09:00:00+07:00';

  it('accepting it starts the clock: received now, appointment from the procedure, form 01 signed and mailed', async () => {
    const { ports, signer, mail, dossiers } = desk([dossier()]);
    expect(dossier()).toMatchObject({ receivedAt: undefined, dueAt: undefined, receipt: undefined });
    const view = await actOnDossier(ports, request({ type: 'accept' }));
    const stored = dossiers.get(dossier().dossierCode);
    expect(stored).toMatchObject({ status: 'accepted', receivedAt: RECEIVED_AT });
    // Three working days for the sample procedure, counted from the reception, not the submission.
    expect(stored?.dueAt).toBe('2026-12-04T09:00:00+07:00');
    expect(view).toMatchObject({ receivedAt: RECEIVED_AT, dueAt: stored?.dueAt });
    const receipt = stored?.receipt;
    expect(receipt?.document).toMatchObject({
      form: '01',
      receivedAt: RECEIVED_AT,
      appointmentAt: stored?.dueAt,
      receivedBy: 'can-bo-le',
      channel: 'online',
    });
    expect(signer.signed).toEqual([receipt?.canonical]);
    expect(receipt?.signature).toMatchObject({ keyId: 'ecdsa-key', algorithm: 'ECDSA_SHA_256' });
    expect(
      receipt &&
        verify(
          'sha256',
          Buffer.from(receipt.canonical),
          { key: signer.publicKey, dsaEncoding: 'der' },
          Buffer.from(receipt.signature.value, 'base64'),
        ),
    ).toBe(true);
    expect(mail).toEqual([{ template: 'receipt', dossierCode: dossier().dossierCode }]);
  });

  it('a supplement requested at reception (form 02) starts no clock and counts no processing request', async () => {
    const { ports, dossiers, mail } = desk([dossier()]);
    await actOnDossier(
      ports,
      request({
        type: 'request_supplement',
        reason: 'Thiếu giấy chứng sinh',
        documents: ['Giấy chứng sinh'],
      }),
    );
    const stored = dossiers.get(dossier().dossierCode);
    expect(stored).toMatchObject({ status: 'supplement_requested', supplementRequests: 0 });
    expect(stored?.clock).toBeUndefined();
    expect(stored?.dueAt).toBeUndefined();
    expect(stored?.receipt).toBeUndefined();
    expect(mail).toEqual([{ template: 'supplement_request', dossierCode: dossier().dossierCode }]);
  });

  it('refusing it at reception (form 03) signs no receipt', async () => {
    const { ports, dossiers, signer } = desk([dossier()]);
    await actOnDossier(ports, request({ type: 'refuse', reason: 'Không thuộc thẩm quyền' }));
    expect(dossiers.get(dossier().dossierCode)).toMatchObject({ status: 'not_accepted', receipt: undefined });
    expect(signer.signed).toEqual([]);
  });

  it('needs the one-stop desk role: another officer of the unit is refused and nothing is written', async () => {
    const { ports, chains, dossiers } = desk([dossier()]);
    const specialist = { ...officer, roles: ['chuyen_vien'] as const };
    const actions: OfficerActionRequest['action'][] = [
      { type: 'accept' },
      { type: 'refuse', reason: 'Thiếu giấy tờ' },
      { type: 'request_supplement', reason: 'Thiếu', documents: ['Tờ khai'] },
    ];
    for (const action of actions) {
      await expect(actOnDossier(ports, { ...request(action), officer: specialist })).rejects.toMatchObject({
        code: 'FORBIDDEN',
      });
    }
    expect(chains.size).toBe(0);
    expect(dossiers.get(dossier().dossierCode)?.version).toBe(1);
  });

  it('the processing steps after reception need no desk role', async () => {
    const { ports } = desk([dossier({ status: 'accepted' })]);
    const specialist = { ...officer, roles: ['chuyen_vien'] as const };
    const view = await actOnDossier(ports, { ...request({ type: 'start_processing' }), officer: specialist });
    expect(view.status).toBe('in_progress');
  });
});
