import { createPublicKey, verify } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChains } from '../../scripts/lib/audit.ts';
import { AuditLog } from '../../shared/adapters/audit-log.ts';
import { deadlineWatch } from '../../shared/domain/lifecycle/deadline-alerts.ts';
import { queueAttributes } from '../../shared/domain/officers/work-queue.ts';
import {
  dataOutput,
  invokeFunction,
  publishedKeyPem,
  readDossier,
  recordedMail,
  rewriteStoredDossier,
  submittedDossier,
  waitFor,
} from '../support/deployment.ts';
import {
  officerAct,
  officerGet,
  receiveDossier,
  registerOfficer,
  signInOfficer,
  wholeQueue,
} from '../support/officers.ts';

interface Apology {
  state: string;
  draftedBy?: string;
  reason?: string;
  proposedDueAt: string;
  newDueAt?: string;
  letter?: { canonical: string; signature: { keyId: string; value: string } };
}
interface View {
  dossierCode: string;
  status: string;
  dueAt: string;
  statutoryDueAt: string;
  allowedActions: string[];
  needsLeaderAttention?: string;
  apology?: Apology;
}
interface Refusal {
  error: { code: string; fields?: { field: string }[] };
}

const UNIT = '000.17.22.H56';
const REASON = 'Chờ kết quả xác minh thông tin hộ tịch của UBND xã nơi cư trú trước đây';
const pastDueAt = new Date(Date.now() - 3 * 86_400_000).toISOString().replace('Z', '+00:00');
const sweep = () =>
  invokeFunction<{ drafted: number; lateWithoutApology: number }>('Lifecycle', 'ApologySweepFunctionName');
const apologyMailOf = async (dossierCode: string) =>
  (await recordedMail()).find((m) => m.Subject.includes(dossierCode) && m.Subject.startsWith('Xin lỗi'));

/** Submitted online, received by the one-stop desk (`desk`, role `tiep_nhan`), taken up by `officer`. */
async function dossierInProgress(officer: string, desk = officer): Promise<string> {
  const { dossierCode } = await submittedDossier();
  await receiveDossier(desk, dossierCode);
  // The desk hands the dossier on; `officer` takes it up at the specialist's step.
  const started = await officerAct(desk, dossierCode, { type: 'forward' });
  if (started.status !== 200) throw new Error(`forward failed: ${JSON.stringify(started.body)}`);
  return dossierCode;
}

describe('a dossier that became late without form 04: flagged, drafted by the sweep, approved with its reason', () => {
  let specialist: string;
  let leader: string;
  let leaderAddress: string;
  let dossierCode: string;
  const path = () => `/officer/dossiers/${encodeURIComponent(dossierCode)}`;

  beforeAll(async () => {
    specialist = await signInOfficer(UNIT, ['tiep_nhan', 'chuyen_vien']);
    const head = await registerOfficer(UNIT, ['lanh_dao_phong']);
    leader = head.idToken;
    // The invitation's address is the one alerts go to.
    leaderAddress = `${head.username}@thanhhoa.gov.vn`;
    dossierCode = await dossierInProgress(specialist);
    // Time passes: the statutory appointment is now three days behind us, and no apology was sent.
    // The indexes' keys follow the appointment, as the store writes them with every change (the
    // shards stay the dossier's own).
    const watch = deadlineWatch({
      status: 'in_progress',
      receivedAt: pastDueAt,
      dueAt: pastDueAt,
      kpiShard: '0',
    });
    await rewriteStoredDossier(dossierCode, {
      UpdateExpression:
        'SET dueAt = :past, kpiFacts.dueAt = :past, queueKey = :key, nextDeadline = :next, apologyWatch = :apology',
      ExpressionAttributeValues: {
        ':past': pastDueAt,
        ':key': queueAttributes({
          dossierCode,
          currentAgencyCode: UNIT,
          status: 'in_progress',
          receivedAt: pastDueAt,
          dueAt: pastDueAt,
        }).queueKey,
        // The earliest deadline watched: the steps opened at reception are due later than this.
        ':next': watch.nextDeadline,
        ':apology': watch.apologyWatch,
      },
    });
  });

  it('the queue and the view flag it for the leader; the sweep counts it and drafts once, nothing mailed', async () => {
    const queue = await wholeQueue<View>(specialist, 'due=late');
    expect(queue.dossiers.find((entry) => entry.dossierCode === dossierCode)).toMatchObject({
      needsLeaderAttention: 'late_without_apology',
    });

    // The scheduled run may have drafted it already (the procedure takes one working day): either way
    // there is one draft, the sweep's, after this run.
    const first = await sweep();
    expect(first.lateWithoutApology).toBeGreaterThanOrEqual(1);
    const view = await officerGet<View>(specialist, path());
    expect(view.body.apology).toMatchObject({ state: 'draft', draftedBy: 'system' });
    expect(view.body.apology?.reason).toBeUndefined();
    expect(view.body.needsLeaderAttention).toBe('late_without_apology');
    expect(view.body.allowedActions).toEqual(expect.arrayContaining(['draft_apology', 'approve_apology']));

    // Drafted now, it is counted from the index of drafts awaiting approval, no longer read whole.
    const second = await sweep();
    expect(second.lateWithoutApology).toBeGreaterThanOrEqual(1);
    expect((await officerGet<View>(specialist, path())).body.apology).toEqual(view.body.apology);
    expect(await apologyMailOf(dossierCode)).toBeUndefined();
  });

  it('the unit’s leader is mailed once that the dossier is late without an approved apology', async () => {
    const leaderMail = async () =>
      (await recordedMail()).filter(
        (m) =>
          m.Subject.startsWith('Hồ sơ quá hạn chưa có văn bản xin lỗi') &&
          m.Subject.includes(dossierCode) &&
          m.To.includes(leaderAddress),
      );
    const [mail] = await waitFor(
      async () => ((await leaderMail()).length > 0 ? leaderMail() : undefined),
      'the late-without-apology mail to the leader',
    );
    expect(mail?.Source).toBe('no-reply@motcua.thanhhoa.gov.vn');
    expect(mail?.BodyText).toContain(`Hồ sơ ${dossierCode}`);
    expect(mail?.BodyText).toContain('Đã quá hạn:');
    await sweep();
    expect(await leaderMail()).toHaveLength(1);
    expect((await readDossier(dossierCode))?.leaderAlertedAt).toEqual(expect.any(String));
  });

  it('only a leader approves, and not before the reason is written', async () => {
    const bySpecialist = await officerAct<Refusal>(specialist, dossierCode, { type: 'approve_apology' });
    expect(bySpecialist.status).toBe(403);
    const withoutReason = await officerAct<Refusal>(leader, dossierCode, { type: 'approve_apology' });
    expect(withoutReason.status).toBe(422);
    expect(withoutReason.body.error.code).toBe('APOLOGY_REASON_REQUIRED');
    expect(withoutReason.body.error.fields?.map((f) => f.field)).toContain('reason');
    expect((await officerGet<View>(specialist, path())).body.apology?.state).toBe('draft');
  });

  it('the holder writes the reason, the leader approves: the signed letter and the mail carry it', async () => {
    const drafted = await officerAct<View>(specialist, dossierCode, {
      type: 'draft_apology',
      reason: REASON,
    });
    expect(drafted.status).toBe(200);
    expect(drafted.body.apology).toMatchObject({ state: 'draft', reason: REASON });

    const approved = await officerAct<View>(leader, dossierCode, { type: 'approve_apology' });
    expect(approved.status).toBe(200);
    const apology = approved.body.apology;
    expect(apology).toMatchObject({ state: 'approved', reason: REASON });
    expect(approved.body.dueAt).toBe(apology?.newDueAt);
    // The statutory appointment stays where it was: the dossier is still late for the indicators.
    expect(approved.body.statutoryDueAt).toBe(pastDueAt);
    // Approved, the apology is no longer the leader's to act on.
    expect(approved.body.needsLeaderAttention).toBeUndefined();

    const letter = apology?.letter;
    const pem = await publishedKeyPem(letter?.signature.keyId ?? '');
    expect(
      verify(
        'sha256',
        Buffer.from(letter?.canonical ?? ''),
        createPublicKey(pem),
        Buffer.from(letter?.signature.value ?? '', 'base64'),
      ),
    ).toBe(true);
    expect(JSON.parse(letter?.canonical ?? '{}')).toMatchObject({
      form: '04',
      title: 'Văn bản xin lỗi và đề nghị gia hạn thời gian giải quyết',
      dossierCode,
      reason: REASON,
      newDueAt: apology?.newDueAt,
    });

    const mail = await waitFor(() => apologyMailOf(dossierCode), 'the apology mail');
    expect(mail.Source).toBe('no-reply@motcua.thanhhoa.gov.vn');
    expect(mail.BodyText).toContain(letter?.signature.value);
    expect(mail.BodyText).toContain(`Lý do: ${REASON}`);
  });

  it('a second apology is refused, and the audit chain holds both drafts and the approval', async () => {
    const twice = await officerAct<Refusal>(leader, dossierCode, { type: 'approve_apology' });
    expect(twice.status).toBe(409);
    const redraft = await officerAct<Refusal>(specialist, dossierCode, {
      type: 'draft_apology',
      reason: REASON,
    });
    expect(redraft.status).toBe(409);
    const log = new AuditLog(dataOutput('AuditTableName'));
    const entries = await log.entries(dossierCode);
    expect(entries.map((entry) => [entry.action, entry.actor])).toEqual(
      expect.arrayContaining([
        ['draft_apology', 'system'],
        ['draft_apology', expect.not.stringMatching(/^system$/)],
        ['approve_apology', expect.any(String)],
      ]),
    );
    expect(await verifyAuditChains(log, [dossierCode])).toEqual([expect.objectContaining({ intact: true })]);
  });
});

describe('the officer holding a dossier starts form 04 before it is late', () => {
  it('drafts it with the reason while the appointment is ahead; the sweep adds nothing, nothing is flagged', async () => {
    const specialist = await signInOfficer(UNIT, ['chuyen_vien']);
    const dossierCode = await dossierInProgress(specialist, await signInOfficer(UNIT, ['tiep_nhan']));
    const drafted = await officerAct<View>(specialist, dossierCode, {
      type: 'draft_apology',
      reason: REASON,
    });
    expect(drafted.status).toBe(200);
    expect(Date.parse(drafted.body.statutoryDueAt)).toBeGreaterThan(Date.now());
    expect(drafted.body.apology).toMatchObject({ state: 'draft', reason: REASON });
    expect(Date.parse(drafted.body.apology?.proposedDueAt ?? '')).toBeGreaterThan(
      Date.parse(drafted.body.statutoryDueAt),
    );
    expect(drafted.body.needsLeaderAttention).toBeUndefined();

    await sweep();
    const view = await officerGet<View>(specialist, `/officer/dossiers/${encodeURIComponent(dossierCode)}`);
    expect(view.body.apology).toEqual(drafted.body.apology);
  });
});
