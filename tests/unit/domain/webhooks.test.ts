import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_WEBHOOK_RETRY_SCHEDULE } from '../../../shared/config/env.ts';
import type { FlowCounts } from '../../../shared/domain/kpi/kpi.ts';
import { publishedPeriodItem } from '../../../shared/domain/kpi/kpi-published.ts';
import { kpiRowsOf, publishedPeriodOf } from '../../../shared/domain/kpi/kpi-rows.ts';
import { DEFAULT_SIGNING_TARGETS } from '../../../shared/domain/kpi/signing-targets.ts';
import {
  documentEvents,
  dossierEvents,
  kpiEvents,
  kpiStreamEvents,
  listedAttempt,
  nextRetryDelaySeconds,
  parseRetryAfter,
} from '../../../shared/domain/webhooks/webhooks.ts';

const dossier = (status: string, version: number, agency = '000.17.22.H56') => ({
  dossierCode: '000.17.22.H56-261124-0001',
  status,
  version,
  currentAgencyCode: agency,
  procedure: { code: '1.001193.000.00.00.H56', name: 'Đăng ký khai sinh' },
  dueAt: '2026-11-27T10:00:00+07:00',
  receivedAt: '2026-11-24T10:00:00+07:00',
  applicant: { fullName: 'Nguyễn Thị Hoa', idNumber: '038199004321' },
});

describe('webhook events', () => {
  it('follow a dossier: received, each status change, supplement requests and results', () => {
    expect(dossierEvents(undefined, dossier('submitted', 1)).map((e) => e.type)).toEqual([
      'dossier.received',
    ]);
    expect(dossierEvents(dossier('submitted', 1), dossier('submitted', 1))).toEqual([]);
    expect(
      dossierEvents(dossier('in_progress', 3), dossier('supplement_requested', 4)).map((e) => e.type),
    ).toEqual(['dossier.status_changed', 'dossier.supplement_requested']);
    expect(dossierEvents(dossier('in_progress', 3), dossier('done', 4)).map((e) => e.type)).toEqual([
      'dossier.status_changed',
      'dossier.result_ready',
    ]);
    // A transfer notifies the agency that now holds the dossier.
    expect(
      dossierEvents(dossier('in_progress', 3), dossier('in_progress', 4, '000.00.22.H56'))[0]?.agencyCode,
    ).toBe('000.00.22.H56');
  });

  it('announce a step whose overdue alert appears, once, to the unit holding it, without applicant data', () => {
    const active = (overdueAlertedAt?: string, startedAt = '2026-11-24T10:00:00+07:00') => ({
      step: 'THAM_DINH',
      name: { vi: 'Thẩm định hồ sơ', en: 'Examination' },
      role: 'chuyen_vien',
      unit: { code: '000.00.22.H56', name: 'Phòng Tư pháp', tier: 'district' },
      startedAt,
      dueAt: '2026-11-25T17:00:00+07:00',
      budgetMinutes: 960,
      handedOverBy: 'system',
      ...(overdueAlertedAt ? { overdueAlertedAt } : {}),
    });
    const withStep = (version: number, step: ReturnType<typeof active>) => ({
      ...dossier('in_progress', version),
      process: { code: 'QT-HUYEN', version: 1, statutoryMinutes: 2400, active: [step], done: [] },
    });
    const alerted = withStep(6, active('2026-11-26T08:00:00+07:00'));
    const events = dossierEvents(withStep(5, active()), alerted);
    expect(events).toEqual([
      {
        id: 'evt_000.17.22.H56-261124-0001_6_step_overdue_THAM_DINH',
        type: 'dossier.step_overdue',
        agencyCode: '000.00.22.H56',
        occurredAt: '2026-11-26T08:00:00+07:00',
        data: {
          dossierCode: '000.17.22.H56-261124-0001',
          procedureCode: '1.001193.000.00.00.H56',
          stepCode: 'THAM_DINH',
          stepName: { vi: 'Thẩm định hồ sơ', en: 'Examination' },
          holder: { code: '000.00.22.H56', name: 'Phòng Tư pháp' },
          stepDueAt: '2026-11-25T17:00:00+07:00',
          dueAt: '2026-11-27T10:00:00+07:00',
        },
      },
    ]);
    expect(JSON.stringify(events)).not.toContain('Nguyễn');
    // Later changes that keep the alert announce nothing more; a status change goes on as before.
    expect(dossierEvents(alerted, withStep(7, active('2026-11-26T08:00:00+07:00')))).toEqual([]);
    expect(
      dossierEvents(alerted, { ...withStep(7, active('2026-11-26T08:00:00+07:00')), status: 'done' }).map(
        (e) => e.type,
      ),
    ).toEqual(['dossier.status_changed', 'dossier.result_ready']);
    // The same step reopened (sent back) and late again is a new alert.
    const reopened = active('2026-11-30T08:00:00+07:00', '2026-11-27T08:00:00+07:00');
    expect(dossierEvents(alerted, withStep(9, reopened)).map((e) => e.type)).toEqual([
      'dossier.step_overdue',
    ]);
    // A process image that does not read as one keeps the dossier's own events.
    expect(
      dossierEvents(dossier('accepted', 2), { ...dossier('in_progress', 3), process: { active: 'x' } }).map(
        (e) => e.type,
      ),
    ).toEqual(['dossier.status_changed']);
  });

  it('reads only stream images that carry the fields the events name', () => {
    expect(dossierEvents(undefined, { dossierCode: 'x', status: 'not-a-status', version: 1 })).toEqual([]);
    expect(dossierEvents(undefined, { ...dossier('submitted', 1), version: '1' })).toEqual([]);
    expect(documentEvents(undefined, { id: 'd', recipient: { organId: 'A' } })).toEqual([]);
  });

  it('carry ids, status and sync code but no applicant data, with ids stable across redeliveries', () => {
    const [first] = dossierEvents(dossier('accepted', 2), dossier('in_progress', 3));
    const [again] = dossierEvents(dossier('accepted', 2), dossier('in_progress', 3));
    expect(first?.id).toBe(again?.id);
    expect(first?.data).toMatchObject({ status: 'in_progress', syncCode: 4 });
    expect(JSON.stringify(first)).not.toContain('038199004321');
    expect(JSON.stringify(first)).not.toContain('Nguyễn');
  });

  it('follow a document copy: its arrival for the recipient, each new status for the sender', () => {
    const copy = {
      id: 'd1',
      documentId: 'x',
      recipient: { organId: '000.18.22.H56', organName: 'UBND xã' },
      senderOrganId: '000.17.22.H56',
      kind: 'dispatch',
    };
    const arrived = documentEvents(
      { ...copy, state: 'sent', acks: {} } as never,
      {
        ...copy,
        state: 'arrived',
        acks: { s1: { status: 'arrived', code: '01', at: 't', receivedAt: 't2' } },
      } as never,
    );
    expect(arrived.map((e) => [e.type, e.agencyCode])).toEqual([
      ['document.arrived', '000.18.22.H56'],
      ['document.acknowledgement_received', '000.17.22.H56'],
    ]);
  });
});

describe('kpi.published', () => {
  const dayRow = (counts: Partial<FlowCounts>) =>
    kpiRowsOf({
      period: '2026-11-24',
      closed: false,
      aggregatedAt: '2026-11-24T10:00:00+07:00',
      units: new Map([['000.00.22.H56', { code: '000.00.22.H56', name: 'UBND huyện', tier: 'district' }]]),
      flows: [{ agencyCode: '000.00.22.H56', tier: 'district', counts }],
      pending: new Map(),
      procedures: new Map(),
      signingTargets: DEFAULT_SIGNING_TARGETS,
    }).find((row) => row.scope.kind === 'agency');

  it('is sent when a unit’s daily indicators change, not when the aggregator rewrites the same row', () => {
    const row = dayRow({ received: 4, receivedOnline: 3, settled: 2, settledOnTime: 1, settledLate: 1 });
    const [event] = kpiEvents(undefined, row);
    expect(event?.agencyCode).toBe('000.00.22.H56');
    expect(event?.data).toMatchObject({
      received: 4,
      onTimeRate: { numerator: 1, denominator: 2, value: 0.5 },
    });
    expect(kpiEvents(row, row && structuredClone(row))).toEqual([]);
    const changed = dayRow({ received: 4, receivedOnline: 3, settled: 3, settledOnTime: 2, settledLate: 1 });
    expect(kpiEvents(row, changed)[0]?.id).not.toBe(event?.id);
  });

  it('stays silent for a unit with nothing yet, and for province or monthly rows', () => {
    expect(kpiEvents(undefined, dayRow({}))).toEqual([]);
    const row = dayRow({ received: 1 });
    expect(kpiEvents(undefined, row && { ...row, granularity: 'month', period: '2026-11' })).toEqual([]);
    expect(kpiEvents(undefined, row && { ...row, scope: { kind: 'province' } })).toEqual([]);
  });

  const dayItem = (counts: Partial<FlowCounts>) =>
    publishedPeriodItem(
      publishedPeriodOf({
        period: '2026-11-24',
        closed: false,
        aggregatedAt: '2026-11-24T10:00:00+07:00',
        units: new Map([
          ['000.00.22.H56', { code: '000.00.22.H56', name: 'UBND huyện', tier: 'district' }],
          ['000.17.22.H56', { code: '000.17.22.H56', name: 'UBND xã', tier: 'commune' }],
        ]),
        flows: [
          { agencyCode: '000.00.22.H56', tier: 'district', counts },
          { agencyCode: '000.17.22.H56', tier: 'commune', counts: { received: 1 } },
        ],
        pending: new Map(),
        procedures: new Map(),
        signingTargets: DEFAULT_SIGNING_TARGETS,
      }),
      'fingerprint',
    );

  it('ignores the aggregator’s bookkeeping items on the same stream, and reads a published day per unit', () => {
    const closing = { period: '_state', scopeKey: 'closing', lastClosedDay: '2026-11-30' };
    const drift = { period: '_drift#2026-11', scopeKey: '2026-12-01T00:05:00+07:00', differences: [] };
    expect(kpiStreamEvents(undefined, closing)).toEqual([]);
    expect(kpiStreamEvents({ ...closing, lastClosedDay: '2026-11-29' }, closing)).toEqual([]);
    expect(kpiStreamEvents(undefined, drift)).toEqual([]);
    const first = dayItem({ received: 2 });
    expect(kpiStreamEvents(undefined, first).map((event) => event.agencyCode)).toEqual([
      '000.00.22.H56',
      '000.17.22.H56',
    ]);
    // Only the unit whose counts changed is announced, with the indicators its row reads.
    const events = kpiStreamEvents(first, dayItem({ received: 3 }));
    expect(events.map((event) => [event.agencyCode, event.data.received])).toEqual([['000.00.22.H56', 3]]);
    expect(kpiStreamEvents(first, structuredClone(first))).toEqual([]);
  });

  it('reads a stream item without the counts of a published period as no period', () => {
    const { units: _, ...withoutUnits } = dayItem({ received: 2 });
    expect(kpiStreamEvents(undefined, withoutUnits)).toEqual([]);
    expect(kpiStreamEvents(undefined, { ...dayItem({}), countNames: 'received' })).toEqual([]);
  });
});

describe('webhook retries', () => {
  it('stay within ±10 % of the schedule, honour a longer Retry-After, and stop when the schedule is spent', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: DEFAULT_WEBHOOK_RETRY_SCHEDULE.length }),
        fc.double({ min: 0, max: 0.999_999, noNaN: true }),
        fc.option(fc.integer({ min: 1, max: 86_400 }), { nil: undefined }),
        (failures, random, retryAfter) => {
          const step = DEFAULT_WEBHOOK_RETRY_SCHEDULE[failures - 1] ?? 0;
          const delay =
            nextRetryDelaySeconds(failures, DEFAULT_WEBHOOK_RETRY_SCHEDULE, retryAfter, () => random) ?? -1;
          expect(delay).toBeGreaterThanOrEqual(Math.max(1, Math.floor(step * 0.9), retryAfter ?? 0));
          expect(delay).toBeLessThanOrEqual(Math.max(Math.ceil(step * 1.1), retryAfter ?? 0));
        },
      ),
    );
    expect(
      nextRetryDelaySeconds(
        DEFAULT_WEBHOOK_RETRY_SCHEDULE.length + 1,
        DEFAULT_WEBHOOK_RETRY_SCHEDULE,
        undefined,
      ),
    ).toBeUndefined();
    const total = DEFAULT_WEBHOOK_RETRY_SCHEDULE.reduce((sum, seconds) => sum + seconds, 0);
    expect(total / 86_400).toBeGreaterThan(2.5);
    expect(total / 86_400).toBeLessThan(3.5);
  });

  it('read Retry-After as seconds or a date, capped at a day', () => {
    const now = new Date('2026-11-24T10:00:00Z');
    expect(parseRetryAfter('120', now)).toBe(120);
    expect(parseRetryAfter('Tue, 24 Nov 2026 10:05:00 GMT', now)).toBe(300);
    expect(parseRetryAfter('999999', now)).toBe(86_400);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });
});

describe('deliveries listing', () => {
  it('keeps status and timing, a short excerpt of a 2xx body and nothing of any other body', () => {
    const at = '2026-11-24T08:00:00.000Z';
    expect(listedAttempt({ at, status: 200, latencyMs: 12, response: 'y'.repeat(5_000) }).response).toBe(
      'y'.repeat(200),
    );
    for (const status of [301, 302, 400, 404, 500, 503])
      expect(listedAttempt({ at, status, latencyMs: 3, response: '{"internal":"reply"}' })).toEqual({
        at,
        status,
        latencyMs: 3,
      });
    expect(listedAttempt({ at, response: 'refused: 10.0.0.1' })).toEqual({
      at,
      response: 'refused: 10.0.0.1',
    });
  });
});
