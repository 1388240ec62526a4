import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  WORKING_DAY_MINUTES,
  weekendsOnlyCalendar,
  workingMinutesBetween,
} from '../../../shared/domain/calendar/calendar.ts';
import {
  contributions,
  DEFAULT_SIGNING_TARGETS,
  type DossierFacts,
  documentSentContribution,
  emptyCounts,
  factsOfDossier,
  indicatorsOf,
  onlineCountName,
} from '../../../shared/domain/kpi/kpi.ts';
import { kpiCsv } from '../../../shared/domain/kpi/kpi-query.ts';
import { correctionDeltas, driftOf, recount, sumCells } from '../../../shared/domain/kpi/kpi-recount.ts';
import { kpiRowsOf, unitProceduresOf } from '../../../shared/domain/kpi/kpi-rows.ts';
import { score766 } from '../../../shared/domain/kpi/kpi-score.ts';
import type { DossierRecord } from '../../../shared/domain/lifecycle/dossier.ts';
import { type Actor, applyAction, type LifecycleState } from '../../../shared/domain/lifecycle/lifecycle.ts';

const MINUTE = 60_000;
const officer: Actor = { id: 'officer-1', kind: 'officer' };
const commune = { code: '000.17.22.H56', name: 'UBND xã Quảng Bình', tier: 'commune' as const };
const vn = (local: string) => new Date(`${local}+07:00`);

/** The commune's dossier received at the counter on 5 November, in progress; a test names what it changes. */
const facts = (overrides: Partial<DossierFacts> = {}): DossierFacts => ({
  agencyCode: commune.code,
  tier: 'commune',
  receivedAt: vn('2026-11-05T09:00:00'),
  channel: 'counter',
  attachments: 0,
  status: 'in_progress',
  dueAt: vn('2026-11-20T17:00:00'),
  clockPaused: false,
  supplementRequests: 0,
  receiptSigned: true,
  resultIssued: false,
  resultSigned: false,
  ...overrides,
});

const received: LifecycleState = {
  status: 'in_progress',
  currentAgency: commune,
  receivedAt: '2026-11-02T08:00:00+07:00',
  dueAt: '2026-11-30T17:00:00+07:00',
  supplementRequests: 0,
  controlSlip: [],
};

describe('Decision 766 indicator 2.2: average processing time', () => {
  it('counts working time from receipt to settlement and never the time waiting for the applicant', () => {
    fc.assert(
      fc.property(
        // Whole minutes apart, so each working-minute count is exact.
        fc.array(fc.integer({ min: 1, max: 6 * 24 * 60 }), { minLength: 1, maxLength: 9 }),
        (gaps) => {
          // Alternating: running until a supplement request, paused until it is received, …, then settled.
          let state = received;
          let at = new Date(received.receivedAt ?? '');
          const running: [Date, Date][] = [];
          let runningSince = at;
          gaps.forEach((gap, index) => {
            at = new Date(at.getTime() + gap * MINUTE);
            if (state.status === 'supplement_requested') {
              state = applyAction(
                state,
                { type: 'receive_supplement' },
                officer,
                at,
                weekendsOnlyCalendar,
              ).state;
              runningSince = at;
            } else if (index < gaps.length - 1) {
              const request = {
                type: 'request_supplement' as const,
                reason: 'Thiếu giấy tờ',
                documents: ['Tờ khai'],
              };
              state = applyAction(state, request, officer, at, weekendsOnlyCalendar).state;
              running.push([runningSince, at]);
            }
          });
          running.push([runningSince, at]);
          const settled = applyAction(state, { type: 'complete' }, officer, at, weekendsOnlyCalendar).state;
          const expected = running.reduce(
            (sum, [from, to]) => sum + workingMinutesBetween(from, to, weekendsOnlyCalendar),
            0,
          );
          expect(settled.result?.processingWorkingMinutes).toBe(expected);
          const elapsed = workingMinutesBetween(
            new Date(received.receivedAt ?? ''),
            at,
            weekendsOnlyCalendar,
          );
          expect(elapsed - (settled.result?.processingWorkingMinutes ?? 0)).toBe(
            settled.pausedWorkingMinutes ?? 0,
          );
        },
      ),
    );
  });

  it('leaves out a week of waiting for a supplement: 3 working days of work in 8 calendar days', () => {
    let state = applyAction(
      received,
      { type: 'request_supplement', reason: 'Thiếu bản sao', documents: ['Giấy khai sinh'] },
      officer,
      vn('2026-11-03T08:00:00'),
      weekendsOnlyCalendar,
    ).state;
    state = applyAction(
      state,
      { type: 'receive_supplement' },
      officer,
      vn('2026-11-09T08:00:00'),
      weekendsOnlyCalendar,
    ).state;
    const settled = applyAction(
      state,
      { type: 'complete' },
      officer,
      vn('2026-11-11T08:00:00'),
      weekendsOnlyCalendar,
    ).state;
    expect(settled.pausedWorkingMinutes).toBe(4 * WORKING_DAY_MINUTES);
    expect(settled.result?.processingWorkingMinutes).toBe(3 * WORKING_DAY_MINUTES);
  });

  it('averages the settled dossiers of the period in working days, counting only those with a time', () => {
    const base = facts({
      receivedAt: vn('2026-11-02T08:00:00'),
      status: 'done',
      dueAt: vn('2026-11-30T17:00:00'),
      settledAt: vn('2026-11-20T10:00:00'),
    });
    const month = recount(
      [base, base, base].flatMap((f, i) =>
        contributions(
          i < 2 ? { ...f, processingWorkingMinutes: (i === 0 ? 2 : 5) * WORKING_DAY_MINUTES } : f,
        ),
      ),
      '2026-11',
    ).get(commune.code)?.counts;
    expect(month?.settledTimed).toBe(2);
    expect(month?.processingWorkingMinutes).toBe(7 * WORKING_DAY_MINUTES);
    const indicators = indicatorsOf({ ...emptyCounts(), ...month }, 'commune', DEFAULT_SIGNING_TARGETS);
    expect(indicators.averageProcessingDays).toBe(3.5);
    expect(indicatorsOf(emptyCounts(), 'commune', DEFAULT_SIGNING_TARGETS).averageProcessingDays).toBeNull();
  });

  it('is exported in the CSV with the counts it is computed from', () => {
    const rows = kpiRowsOf({
      period: '2026-11',
      closed: true,
      aggregatedAt: '2026-12-01T00:05:00+07:00',
      units: new Map([[commune.code, commune]]),
      flows: [
        {
          agencyCode: commune.code,
          tier: 'commune',
          counts: { settled: 4, settledOnTime: 4, settledTimed: 4, processingWorkingMinutes: 4 * 1200 },
        },
      ],
      pending: new Map(),
      procedures: new Map(),
      signingTargets: DEFAULT_SIGNING_TARGETS,
    });
    const [header = [], , , line = []] = parse(kpiCsv(rows).replace(/^\uFEFF/, ''), {
      relax_column_count: true,
    }) as string[][];
    const column = (name: string) => line[header.indexOf(name)];
    expect([
      column('settledTimed'),
      column('processingWorkingMinutes'),
      column('averageProcessingDays'),
    ]).toEqual(['4', '4800', '2.50']);
  });

  it('reads the processing time and the procedure from a stored dossier', () => {
    const image: Partial<DossierRecord> = {
      agency: commune,
      procedure: { code: '1.001193.000.00.00.H56', name: 'Đăng ký khai sinh' },
      receivedAt: '2026-11-02T08:00:00+07:00',
      dueAt: '2026-11-30T17:00:00+07:00',
      settledAt: '2026-11-20T10:00:00+07:00',
      channel: 'online',
      status: 'done',
      attachments: [],
      supplementRequests: 0,
      result: { completedBy: 'officer-1', timeliness: 'early', processingWorkingMinutes: 960 },
    };
    expect(factsOfDossier(image)).toMatchObject({
      procedureCode: '1.001193.000.00.00.H56',
      processingWorkingMinutes: 960,
    });
  });
});

describe('Decision 766 indicators 3.1 and 3.2: procedures offered online, and those used', () => {
  const catalog = unitProceduresOf([
    { code: 'P-A', agencyCode: commune.code, onlineLevel: 'full' },
    { code: 'P-B', agencyCode: commune.code, onlineLevel: 'partial' },
    { code: 'P-C', agencyCode: commune.code, onlineLevel: 'partial' },
    { code: 'P-D', agencyCode: commune.code, onlineLevel: 'full' },
  ]);
  const rowOf = (flows: { counts: Record<string, number> }[]) =>
    kpiRowsOf({
      period: '2026-11',
      closed: false,
      aggregatedAt: '2026-11-24T10:00:00+07:00',
      units: new Map([[commune.code, commune]]),
      flows: flows.map((flow) => ({
        agencyCode: commune.code,
        tier: 'commune' as const,
        counts: flow.counts,
      })),
      pending: new Map(),
      procedures: catalog,
      signingTargets: DEFAULT_SIGNING_TARGETS,
    }).find((row) => row.scopeKey === `agency:${commune.code}`);

  it('count an online service once however many dossiers it received, summing shards before judging', () => {
    const row = rowOf([
      {
        counts: { received: 3, receivedOnline: 3, [onlineCountName('P-A')]: 2, [onlineCountName('P-B')]: 1 },
      },
      // Another shard: one more for P-A, and a correction that takes P-B's dossier back.
      { counts: { [onlineCountName('P-A')]: 1, [onlineCountName('P-B')]: -1 } },
      // A procedure the unit's catalog does not list is no online service of this unit.
      { counts: { [onlineCountName('P-X')]: 4 } },
    ]);
    expect(row?.counts.onlineServicesUsed).toBe(1);
    expect(row?.indicators.onlineServiceRate).toMatchObject({ numerator: 1, denominator: 4, value: 0.25 });
    expect(row?.indicators.onlineProcedureRate).toMatchObject({ numerator: 4, denominator: 4, value: 1 });
    expect(row?.indicators.fullOnlineProcedureRate).toMatchObject({ numerator: 2, denominator: 4 });
    const rule = row?.score.groups.flatMap((g) => g.indicators).find((i) => i.id === '3.2');
    expect(rule).toMatchObject({ measured: true, points: 1, maxPoints: 4 });
  });

  it('take online dossiers by procedure from the receipt, and a recount corrects them like any count', () => {
    const online = facts({ procedureCode: 'P-C', channel: 'online', attachments: 1 });
    const counter = { ...online, procedureCode: 'P-D', channel: 'counter' as const };
    const recounted = recount([...contributions(online), ...contributions(counter)], '2026-11');
    expect(recounted.get(commune.code)?.counts[onlineCountName('P-C')]).toBe(1);
    expect(recounted.get(commune.code)?.counts[onlineCountName('P-D')]).toBeUndefined();
    const drift = driftOf(new Map(), recounted);
    expect(drift.map((d) => d.count)).toContain(onlineCountName('P-C'));
    const corrected = sumCells(correctionDeltas('2026-11', drift).flow.values());
    expect(driftOf(corrected, recounted)).toEqual([]);
    const row = rowOf([{ counts: { ...recounted.get(commune.code)?.counts } }]);
    expect(row?.indicators.onlineServiceRate).toMatchObject({ numerator: 1, denominator: 4 });
  });
});

describe('the signing rate against the seeds’ targets', () => {
  const dossier = facts();
  const monthOf = (items: ReturnType<typeof contributions>) => ({
    ...emptyCounts(),
    ...recount(items, '2026-11').get(commune.code)?.counts,
  });

  it('leaves out the receipts the platform signs by itself, which it counts apart', () => {
    const counts = monthOf([...contributions(dossier), ...contributions(dossier)]);
    expect(counts.receiptsIssued).toBe(2);
    expect(counts.receiptsSigned).toBe(2);
    const { signedRate } = indicatorsOf(counts, 'commune', DEFAULT_SIGNING_TARGETS);
    expect(signedRate).toMatchObject({
      numerator: 0,
      denominator: 0,
      value: null,
      target: 0.6,
      targetMet: null,
    });
  });

  it('counts the results issued and the documents sent through the exchange, signed or not', () => {
    const settled: DossierFacts = {
      ...dossier,
      status: 'done',
      settledAt: vn('2026-11-10T10:00:00'),
      resultIssued: true,
      resultSigned: true,
    };
    const unsignedResult = { ...settled, resultSigned: false };
    const sent = (signed: boolean) =>
      documentSentContribution({
        senderOrganId: commune.code,
        senderTier: 'commune',
        sentAt: '2026-11-12T09:00:00+07:00',
        signed,
      });
    const counts = monthOf([
      ...contributions(settled),
      ...contributions(unsignedResult),
      sent(true),
      sent(false),
      sent(true),
    ]);
    const { signedRate, exchangeSignedRate } = indicatorsOf(counts, 'commune', DEFAULT_SIGNING_TARGETS);
    expect(signedRate).toMatchObject({ numerator: 3, denominator: 5, value: 0.6, targetMet: true });
    expect(exchangeSignedRate).toMatchObject({ numerator: 2, denominator: 3 });
    expect(indicatorsOf(counts, 'district', DEFAULT_SIGNING_TARGETS).signedRate.targetMet).toBe(false);
  });
});

describe('Decision 766 indicator 2.1 over the dossiers settled and still open', () => {
  it('counts open dossiers within time as on time and overdue ones as not', () => {
    const counts = {
      ...emptyCounts(),
      settled: 10,
      settledEarly: 4,
      settledOnTime: 4,
      settledLate: 2,
      pendingWithinTime: 5,
      pendingOverdue: 5,
    };
    const { onTimeRate } = indicatorsOf(counts, 'commune', DEFAULT_SIGNING_TARGETS);
    expect(onTimeRate).toMatchObject({ numerator: 13, denominator: 20, value: 0.65 });
    const rule = score766(counts)
      .groups.flatMap((g) => g.indicators)
      .find((i) => i.id === '2.1');
    expect(rule?.rate).toMatchObject({ numerator: 13, denominator: 20 });
  });
});
