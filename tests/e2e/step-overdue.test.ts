import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KpiRow } from '../../shared/contracts/kpi.ts';
import { periodsOf } from '../../shared/domain/kpi/kpi-periods.ts';
import { deadlineWatch } from '../../shared/domain/lifecycle/deadline-alerts.ts';
import {
  invokeFunction,
  postJson,
  readDossier,
  recordedMail,
  rewriteStoredDossier,
  submittedDossier,
  waitFor,
} from '../support/deployment.ts';
import { kpi, runAggregator } from '../support/kpi.ts';
import { type LoopbackReceiver, loopbackReceiver } from '../support/loopback-receiver.ts';
import { officerAct, receiveDossier, registerOfficer, signInOfficer } from '../support/officers.ts';

const UNIT = '000.17.22.H56';
/** Three days ago: long past the first step's own deadline, while the dossier's appointment is ahead. */
const pastStepDueAt = new Date(Date.now() - 3 * 86_400_000).toISOString().replace('Z', '+00:00');
const sweep = () =>
  invokeFunction<{ stepsAlerted: number; raced: number }>('Lifecycle', 'ApologySweepFunctionName');

interface Delivered {
  type: string;
  body: string;
  headers: Record<string, string>;
  data: {
    dossierCode?: string;
    stepCode?: string;
    holder?: { code: string };
    stepDueAt?: string;
    dueAt?: string;
  };
}
const delivered: Delivered[] = [];
let receiver: LoopbackReceiver | undefined;

/**
 * A dossier whose first process step (the one-stop desk's, opened at reception) ran past its own
 * deadline: the sweep alerts the holder and the unit's leader by mail and the agency's system by
 * webhook, once; the step, finished late, is counted in the unit's per-step indicators.
 */
describe('a process step running late', () => {
  let desk: string;
  let leaderAddress: string;
  let administrator: string;
  let subscription: { id: string; secret: string };
  let dossierCode: string;
  let stepCode: string;

  beforeAll(async () => {
    receiver = await loopbackReceiver(({ headers, body }) => {
      const parsed = JSON.parse(body) as { type: string; data: Delivered['data'] };
      delivered.push({ type: parsed.type, body, headers, data: parsed.data });
      return { status: 200, body: 'ok' };
    });
    const base = receiver.base;

    administrator = await signInOfficer(UNIT, ['quan_tri']);
    const answer = await postJson<{ id: string; secret: string }>(
      '/officer/webhooks',
      { url: `${base}/steps`, eventTypes: ['dossier.step_overdue'] },
      { authorization: `Bearer ${administrator}` },
    );
    expect(answer.status).toBe(201);
    subscription = answer.body;

    desk = await signInOfficer(UNIT, ['tiep_nhan', 'chuyen_vien']);
    // Officers registered by an administrator carry the invitation's address in their record.
    const leader = await registerOfficer(UNIT, ['lanh_dao']);
    leaderAddress = `${leader.username}@thanhhoa.gov.vn`;

    dossierCode = (await submittedDossier()).dossierCode;
    await receiveDossier(desk, dossierCode);
    const received = await readDossier(dossierCode);
    const first = received?.process?.active[0];
    if (!received?.process || !first) throw new Error(`Reception opened no process step on ${dossierCode}`);
    stepCode = first.step;
    expect(Date.parse(received?.dueAt ?? '')).toBeGreaterThan(Date.now());
    // Time passes: the step's own deadline is now behind us, the dossier's appointment still ahead.
    // The index of open dossiers follows the step's deadline, as the store writes it with every change.
    const { nextDeadline } = deadlineWatch({
      ...received,
      process: { ...received.process, active: [{ ...first, dueAt: pastStepDueAt }] },
    });
    await rewriteStoredDossier(dossierCode, {
      UpdateExpression: 'SET #process.#active[0].#dueAt = :past, nextDeadline = :next',
      ExpressionAttributeNames: { '#process': 'process', '#active': 'active', '#dueAt': 'dueAt' },
      ExpressionAttributeValues: { ':past': pastStepDueAt, ':next': nextDeadline },
    });
  });

  afterAll(async () => {
    if (subscription)
      await postJson(
        `/officer/webhooks/${subscription.id}/state`,
        { state: 'paused' },
        { authorization: `Bearer ${administrator}` },
      );
    await receiver?.close();
  });

  it('the sweep records the alert on the step once, before the dossier is late', async () => {
    const first = await sweep();
    expect(first.stepsAlerted).toBeGreaterThanOrEqual(1);
    const alerted = (await readDossier(dossierCode))?.process?.active[0];
    expect(alerted?.overdueAlertedAt).toEqual(expect.any(String));
    await sweep();
    const again = await readDossier(dossierCode);
    expect(again?.process?.active[0]?.overdueAlertedAt).toBe(alerted?.overdueAlertedAt);
    expect(again?.leaderAlertedAt).toBeUndefined();
  });

  it('mails the unit’s leader from the official sender, naming the dossier, step and deadline, not the applicant', async () => {
    const mail = await waitFor(
      async () =>
        (await recordedMail()).find(
          (m) =>
            m.Subject.startsWith('Bước xử lý quá hạn') &&
            m.Subject.includes(dossierCode) &&
            m.To.includes(leaderAddress),
        ),
      'the step overdue mail to the leader',
    );
    expect(mail.Source).toBe('no-reply@motcua.thanhhoa.gov.vn');
    expect(mail.BodyText).toContain(`(${stepCode}) của hồ sơ ${dossierCode}`);
    expect(mail.BodyText).toContain('Hạn của bước:');
    expect(mail.BodyText).toContain('Đã quá hạn:');
    const applicant = (await readDossier(dossierCode))?.applicant;
    const name = applicant && 'fullName' in applicant ? applicant.fullName : undefined;
    if (name) expect(mail.BodyText).not.toContain(name);
    const copies = (await recordedMail()).filter(
      (m) => m.Subject.includes(dossierCode) && m.To.includes(leaderAddress),
    );
    expect(copies).toHaveLength(1);
  });

  it('delivers dossier.step_overdue, signed, to the subscribed agency system', async () => {
    const event = await waitFor(
      async () =>
        delivered.find((d) => d.type === 'dossier.step_overdue' && d.data.dossierCode === dossierCode),
      'the dossier.step_overdue delivery',
    );
    expect(event.data).toMatchObject({ stepCode, holder: { code: UNIT }, stepDueAt: pastStepDueAt });
    expect(event.data.dueAt).toEqual(expect.any(String));
    expect(() => new Webhook(subscription.secret).verify(event.body, event.headers)).not.toThrow();
    expect(event.body).not.toContain('applicant');
  });

  it('counts the step, finished late, in the unit’s per-step indicators of GET /kpi', async () => {
    const forwarded = await officerAct(desk, dossierCode, { type: 'forward' });
    expect(forwarded.status).toBe(200);
    const finished = (await readDossier(dossierCode))?.process?.done.find(
      (record) => record.step === stepCode,
    );
    expect(finished?.timeliness).toBe('late');

    const today = periodsOf(new Date()).day;
    const row = await waitFor(
      async () => {
        await runAggregator();
        const answer = await kpi(`period=${today}&unit=${UNIT}`);
        const unitRow = answer.rows.find((r: KpiRow) => r.scopeKey === `agency:${UNIT}`);
        const step = unitRow?.steps?.find((s) => s.step === stepCode && s.late > 0);
        return step ? unitRow : undefined;
      },
      'the late step counted for the unit',
      90_000,
    );
    const step = row.steps?.find((s) => s.step === stepCode);
    expect(step?.finished).toBeGreaterThanOrEqual(step?.late ?? 1);
    expect(step?.lateShare).toBeGreaterThan(0);
    expect(step?.averageWorkingDays).toBeGreaterThanOrEqual(0);
  });
});
