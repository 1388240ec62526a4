import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  accumulate,
  changeDeltas,
  contributions,
  DEFAULT_SIGNING_TARGETS,
  type DossierFacts,
  emptyCounts,
  emptyDeltas,
  FLOW_COUNT_NAMES,
  foldsIntoOverdue,
  indicatorsOf,
  type KpiCounts,
  mergeDeltas,
  OVERDUE_DUE_DAY,
  onlineCountName,
  pendingOf,
  timelinessOf,
} from '../../../shared/domain/kpi/kpi.ts';
import {
  closablePeriods,
  daysOf,
  periodBounds,
  periodEnd,
  periodRange,
  periodsOf,
} from '../../../shared/domain/kpi/kpi-periods.ts';
import { kpiCsv } from '../../../shared/domain/kpi/kpi-query.ts';
import { correctionDeltas, driftOf, recount, sumCells } from '../../../shared/domain/kpi/kpi-recount.ts';
import { kpiRowsOf } from '../../../shared/domain/kpi/kpi-rows.ts';
import { pointsFor, score766 } from '../../../shared/domain/kpi/kpi-score.ts';
import { DOSSIER_STATUS_NAMES } from '../../../shared/domain/lifecycle/dossier-status.ts';

const HOUR = 3_600_000;
const AGENCIES = [
  { code: '000.17.22.H56', tier: 'commune' as const },
  { code: '000.18.22.H56', tier: 'commune' as const },
  { code: '000.00.22.H56', tier: 'district' as const },
];

const facts: fc.Arbitrary<DossierFacts> = fc
  .record({
    agency: fc.constantFrom(...AGENCIES),
    procedureCode: fc.option(fc.constantFrom('P-1', 'P-2', 'P-3'), { nil: undefined }),
    processingMinutes: fc.option(fc.integer({ min: 0, max: 20_000 }), { nil: undefined }),
    receivedAt: fc.date({ min: new Date('2026-09-25'), max: new Date('2026-11-05'), noInvalidDate: true }),
    processingHours: fc.integer({ min: 0, max: 400 }),
    settleAfterHours: fc.integer({ min: 0, max: 800 }),
    channel: fc.constantFrom('online' as const, 'counter' as const, 'postal' as const),
    status: fc.constantFrom(...DOSSIER_STATUS_NAMES),
    attachments: fc.integer({ min: 0, max: 3 }),
    clockPaused: fc.boolean(),
    supplementRequests: fc.integer({ min: 0, max: 3 }),
    receiptSigned: fc.boolean(),
    resultIssued: fc.boolean(),
    resultSigned: fc.boolean(),
    feedbackRating: fc.option(fc.integer({ min: 1, max: 5 }), { nil: undefined }),
    steps: fc.array(
      fc.record({
        holder: fc.constantFrom(...AGENCIES),
        step: fc.constantFrom('TIEP_NHAN', 'THAM_DINH', 'KY_DUYET'),
        afterHours: fc.integer({ min: 0, max: 900 }),
        timeliness: fc.constantFrom('early' as const, 'on_time' as const, 'late' as const),
        workingMinutes: fc.integer({ min: 0, max: 5_000 }),
      }),
      { maxLength: 4 },
    ),
  })
  .map((f) => {
    const settled = f.status === 'done' || f.status === 'result_returned';
    return {
      agencyCode: f.agency.code,
      tier: f.agency.tier,
      procedureCode: f.procedureCode,
      receivedAt: f.receivedAt,
      channel: f.channel,
      attachments: f.attachments,
      status: f.status,
      dueAt: new Date(f.receivedAt.getTime() + f.processingHours * HOUR),
      clockPaused: f.status === 'supplement_requested' && f.clockPaused,
      settledAt: settled ? new Date(f.receivedAt.getTime() + f.settleAfterHours * HOUR) : undefined,
      supplementRequests: f.supplementRequests,
      receiptSigned: f.receiptSigned,
      resultIssued: settled && f.resultIssued,
      resultSigned: settled && f.resultIssued && f.resultSigned,
      processingWorkingMinutes: settled ? f.processingMinutes : undefined,
      feedbackRating: settled ? f.feedbackRating : undefined,
      steps: f.steps.map((step) => ({
        process: 'QT-HUYEN',
        step: step.step,
        agencyCode: step.holder.code,
        tier: step.holder.tier,
        finishedAt: new Date(f.receivedAt.getTime() + step.afterHours * HOUR),
        timeliness: step.timeliness,
        workingMinutes: step.workingMinutes,
      })),
    };
  });

/** Independent of the domain: the UTC+7 calendar date of an instant. */
const vietnamDay = (instant: Date) => new Date(instant.getTime() + 7 * HOUR).toISOString().slice(0, 10);

describe('reporting periods in UTC+7', () => {
  it('put every instant in the day, month, quarter and year of its Vietnamese date', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2020-01-01'), max: new Date('2035-12-31'), noInvalidDate: true }),
        (at) => {
          const day = vietnamDay(at);
          const periods = periodsOf(at);
          expect(periods.day).toBe(day);
          expect(periods.month).toBe(day.slice(0, 7));
          expect(periods.year).toBe(day.slice(0, 4));
          expect(periods.quarter).toBe(`${day.slice(0, 4)}-Q${Math.ceil(Number(day.slice(5, 7)) / 3)}`);
          for (const period of Object.values(periods)) {
            expect(periodEnd(period).getTime()).toBeGreaterThan(at.getTime());
            expect(daysOf(period)).toContain(day);
          }
        },
      ),
    );
  });

  it('turn the year at 17:00 UTC on 31 December', () => {
    expect(periodsOf(new Date('2026-12-31T16:59:59.999Z'))).toEqual({
      day: '2026-12-31',
      month: '2026-12',
      quarter: '2026-Q4',
      year: '2026',
    });
    expect(periodsOf(new Date('2026-12-31T17:00:00Z')).quarter).toBe('2027-Q1');
    expect(periodEnd('2026-Q4').toISOString()).toBe('2026-12-31T17:00:00.000Z');
  });

  it('have as many days as the calendar says, and ranges list each period once', () => {
    expect(daysOf('2028-02')).toHaveLength(29);
    expect(daysOf('2026-Q1')).toHaveLength(90);
    expect(daysOf('2026')).toHaveLength(365);
    expect(periodBounds('2026-11').afterLast).toEqual({ year: 2026, month: 12, day: 1 });
    expect(periodRange('2026-11', '2027-02')).toEqual(['2026-11', '2026-12', '2027-01', '2027-02']);
    expect(periodRange('2026-Q3', '2027-Q1')).toEqual(['2026-Q3', '2026-Q4', '2027-Q1']);
  });

  it('close each day once across runs, and a month, quarter or year with its last day', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 40 }), { minLength: 1, maxLength: 12 }), (gaps) => {
        let last: string | undefined = '2026-09-20';
        let today = new Date('2026-09-21T05:00:00Z');
        const closed: string[] = [];
        for (const gap of gaps) {
          today = new Date(today.getTime() + gap * 24 * HOUR);
          const run = closablePeriods(last, vietnamDay(today));
          closed.push(...run.periods);
          last = run.lastClosedDay ?? last;
        }
        const days = closed.filter((p) => p.length === 10);
        expect(new Set(closed).size).toBe(closed.length);
        expect(days).toEqual([...days].sort());
        if (days.includes('2026-09-30')) expect(closed).toContain('2026-09');
        if (days.includes('2026-09-30')) expect(closed).toContain('2026-Q3');
        expect(closed.filter((p) => p === '2026-10').length).toBe(days.includes('2026-10-31') ? 1 : 0);
      }),
    );
  });
});

describe('counters driven by dossier changes', () => {
  it('add up, over any sequence of changes and any spread over shards, to the recount of the final dossiers', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.tuple(facts, fc.integer({ min: 0, max: 3 })), { minLength: 1, maxLength: 5 }), {
          maxLength: 30,
        }),
        (histories) => {
          // Each history is one dossier's successive versions, each change landing on a random shard.
          const shards = [emptyDeltas(), emptyDeltas(), emptyDeltas(), emptyDeltas()];
          const finals: DossierFacts[] = [];
          for (const versions of histories) {
            let previous: DossierFacts | undefined;
            for (const [version, shard] of versions) {
              mergeDeltas(
                shards[shard] ?? emptyDeltas(),
                changeDeltas(previous ? contributions(previous) : [], contributions(version)),
              );
              previous = version;
            }
            if (previous) finals.push(previous);
          }
          for (const period of ['2026-10', '2026-Q4', '2026-10-15']) {
            const cells = shards
              .flatMap((deltas) => [...deltas.flow.values()])
              .filter((c) => c.period === period);
            const recounted = recount(finals.flatMap(contributions), period);
            expect(driftOf(sumCells(cells), recounted)).toEqual([]);
          }
          const open = new Map<string, number>();
          for (const deltas of shards)
            for (const cell of deltas.open.values())
              open.set(cell.agencyCode, (open.get(cell.agencyCode) ?? 0) + cell.count);
          for (const agency of AGENCIES) {
            const expected = finals.filter(
              (f) =>
                f.agencyCode === agency.code &&
                !['done', 'result_returned', 'not_accepted', 'withdrawn', 'stopped'].includes(f.status),
            ).length;
            expect(open.get(agency.code) ?? 0).toBe(expected);
          }
        },
      ),
    );
  });

  it('count a settlement after two supplement requests as late (Decision 766, 2.1)', () => {
    const settled: DossierFacts = {
      agencyCode: '000.17.22.H56',
      tier: 'commune',
      receivedAt: new Date('2026-10-01T02:00:00Z'),
      channel: 'online',
      attachments: 1,
      status: 'done',
      dueAt: new Date('2026-10-10T10:00:00Z'),
      clockPaused: false,
      settledAt: new Date('2026-10-05T03:00:00Z'),
      supplementRequests: 1,
      receiptSigned: true,
      resultIssued: true,
      resultSigned: true,
    };
    expect(timelinessOf(settled)).toBe('early');
    expect(timelinessOf({ ...settled, settledAt: new Date('2026-10-10T09:00:00Z') })).toBe('on_time');
    expect(timelinessOf({ ...settled, settledAt: new Date('2026-10-10T10:00:01Z') })).toBe('late');
    expect(timelinessOf({ ...settled, supplementRequests: 2 })).toBe('late');
  });

  it('split open dossiers at today: due earlier is overdue, due today or paused is within time', () => {
    expect(
      pendingOf(
        [
          ['2026-11-30', 2],
          ['2026-12-01', 3],
          ['paused', 4],
          ['2026-11-02', 1],
        ],
        '2026-12-01',
      ),
    ).toEqual({ pendingWithinTime: 7, pendingOverdue: 3 });
  });

  it('keep their split when the days long past are gathered into the overdue cell', () => {
    const day = fc
      .date({
        min: new Date('2025-01-01T00:00:00Z'),
        max: new Date('2027-12-31T00:00:00Z'),
        noInvalidDate: true,
      })
      .map((date) => date.toISOString().slice(0, 10));
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.oneof(day, fc.constant('paused')), fc.integer({ min: -3, max: 20 })), {
          maxLength: 30,
        }),
        day,
        fc.integer({ min: 0, max: 400 }),
        (cells, today, daysAfterMonthStart) => {
          const gathered = cells
            .filter(([dueDay]) => foldsIntoOverdue(dueDay, today))
            .reduce((sum, [, count]) => sum + count, 0);
          const folded: [string, number][] = [
            ...cells.filter(([dueDay]) => !foldsIntoOverdue(dueDay, today)),
            [OVERDUE_DUE_DAY, gathered],
          ];
          // Every day a run splits at: today, or the day after a period that just closed.
          const monthStart = Date.parse(`${today.slice(0, 7)}-01T00:00:00Z`);
          const referenceDay = new Date(monthStart + daysAfterMonthStart * 86_400_000)
            .toISOString()
            .slice(0, 10);
          expect(pendingOf(folded, referenceDay)).toEqual(pendingOf(cells, referenceDay));
          expect(folded.filter(([dueDay]) => foldsIntoOverdue(dueDay, today))).toEqual([]);
        },
      ),
    );
    expect(foldsIntoOverdue('2026-11-30', '2026-12-01')).toBe(true);
    expect(foldsIntoOverdue('2026-12-01', '2026-12-31')).toBe(false);
    expect(foldsIntoOverdue('paused', '2026-12-01')).toBe(false);
    expect(foldsIntoOverdue(OVERDUE_DUE_DAY, '2026-12-01')).toBe(false);
  });

  it('are brought back to the recount by the correction of the drift found', () => {
    fc.assert(
      fc.property(
        fc.array(facts, { maxLength: 40 }),
        fc.array(fc.integer({ min: -3, max: 3 }), {
          minLength: FLOW_COUNT_NAMES.length,
          maxLength: FLOW_COUNT_NAMES.length,
        }),
        fc.integer({ min: -3, max: 3 }),
        (dossiers, noise, procedureNoise) => {
          const counted = emptyDeltas();
          accumulate(counted, dossiers.flatMap(contributions), 1);
          const cells = [...counted.flow.values()].filter((c) => c.period === '2026-10');
          const first = cells[0];
          if (first) {
            FLOW_COUNT_NAMES.forEach((name, i) => {
              first.counts[name] = (first.counts[name] ?? 0) + (noise[i] ?? 0);
            });
            const online = onlineCountName('P-2');
            first.counts[online] = (first.counts[online] ?? 0) + procedureNoise;
          }
          const recounted = recount(dossiers.flatMap(contributions), '2026-10');
          const correction = correctionDeltas('2026-10', driftOf(sumCells(cells), recounted));
          const corrected = [...cells, ...correction.flow.values()];
          expect(driftOf(sumCells(corrected), recounted)).toEqual([]);
        },
      ),
    );
  });
});

const countsArbitrary: fc.Arbitrary<KpiCounts> = fc.array(facts, { maxLength: 60 }).map((dossiers) => {
  const deltas = emptyDeltas();
  accumulate(deltas, dossiers.flatMap(contributions), 1);
  const counts = emptyCounts();
  for (const cell of deltas.flow.values())
    if (cell.period === '2026') for (const name of FLOW_COUNT_NAMES) counts[name] += cell.counts[name] ?? 0;
  counts.proceduresOffered = 10;
  counts.proceduresOnline = 10;
  counts.proceduresFullOnline = dossiers.length % 11;
  counts.onlineServicesUsed = dossiers.length % 11;
  counts.pendingWithinTime = dossiers.length % 4;
  counts.pendingOverdue = dossiers.length % 3;
  return counts;
});

describe('indicators and the Decision 766 score', () => {
  it('keep every rate in [0, 1] with its numerator and denominator, and the score within 0 and what is measured', () => {
    fc.assert(
      fc.property(
        countsArbitrary,
        fc.constantFrom('commune' as const, 'district' as const),
        (counts, tier) => {
          const indicators = indicatorsOf(counts, tier, DEFAULT_SIGNING_TARGETS);
          for (const [name, value] of Object.entries(indicators)) {
            if (name === 'averageRating') {
              if (value !== null) expect(value).toBeGreaterThanOrEqual(1);
              continue;
            }
            if (name === 'averageProcessingDays') {
              if (value !== null) expect(value).toBeGreaterThanOrEqual(0);
              continue;
            }
            const r = value as { numerator: number; denominator: number; value: number | null };
            expect(r.numerator).toBeLessThanOrEqual(r.denominator);
            expect(r.value === null ? r.denominator : r.numerator / r.denominator).toBe(r.value ?? 0);
            if (r.value !== null) expect(r.value).toBeGreaterThanOrEqual(0);
            if (r.value !== null) expect(r.value).toBeLessThanOrEqual(1);
          }
          expect(indicators.signedRate.target).toBe(tier === 'commune' ? 0.6 : 0.8);
          const score = score766(counts);
          expect(score.total).toBeGreaterThanOrEqual(0);
          expect(score.total).toBeLessThanOrEqual(score.measuredMaxPoints + 0.01);
          expect(score.groups.reduce((sum, group) => sum + group.maxPoints, 0)).toBe(100);
          expect(score.groups.map((g) => g.maxPoints)).toEqual([18, 20, 22, 22, 18]);
        },
      ),
    );
  });

  it('score full points at the threshold and proportionally below it', () => {
    expect(pointsFor(0.8, 4, 0.8)).toBe(4);
    expect(pointsFor(0.95, 4, 0.8)).toBe(4);
    expect(pointsFor(0.4, 4, 0.8)).toBe(2);
    expect(pointsFor(0.5, 14)).toBe(7);
    expect(pointsFor(null, 14)).toBe(0);
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (a, b) => {
          const [low, high] = a <= b ? [a, b] : [b, a];
          expect(pointsFor(low, 6, 0.8)).toBeLessThanOrEqual(pointsFor(high, 6, 0.8));
        },
      ),
    );
  });
});

describe('rows of a period', () => {
  it('sum the units into their tier and the province, and rank the active units of each tier', () => {
    fc.assert(
      fc.property(fc.array(facts, { maxLength: 80 }), (dossiers) => {
        const deltas = emptyDeltas();
        accumulate(deltas, dossiers.flatMap(contributions), 1);
        const rows = kpiRowsOf({
          period: '2026-10',
          closed: true,
          aggregatedAt: '2026-11-01T00:05:00+07:00',
          units: new Map(AGENCIES.map((a) => [a.code, { ...a, name: a.code }])),
          flows: [...deltas.flow.values()].filter((c) => c.period === '2026-10'),
          pending: new Map([['000.17.22.H56', { pendingWithinTime: 2, pendingOverdue: 1 }]]),
          procedures: new Map(),
          signingTargets: DEFAULT_SIGNING_TARGETS,
        });
        const province = rows.find((r) => r.scope.kind === 'province');
        const units = rows.filter((r) => r.scope.kind === 'agency');
        const tiers = rows.filter((r) => r.scope.kind === 'tier');
        for (const name of ['received', 'settled', 'settledLate', 'pendingOverdue'] as const) {
          const total = units.reduce((sum, r) => sum + r.counts[name], 0);
          expect(province?.counts[name]).toBe(total);
          expect(tiers.reduce((sum, r) => sum + r.counts[name], 0)).toBe(total);
        }
        for (const tier of ['commune', 'district']) {
          const ranks = units
            .filter((r) => r.scope.kind === 'agency' && r.scope.tier === tier && r.rank !== undefined)
            .map((r) => r.rank);
          expect([...ranks].sort()).toEqual(ranks.map((_, i) => i + 1).sort());
        }
      }),
    );
  });

  it('export to CSV with one column per header, and no cell read as a formula', () => {
    const rows = kpiRowsOf({
      period: '2026-10',
      closed: true,
      aggregatedAt: '2026-11-01T00:05:00+07:00',
      units: new Map([
        ['000.17.22.H56', { code: '000.17.22.H56', name: '=HYPERLINK("x"), xã "A"', tier: 'commune' }],
      ]),
      flows: [{ agencyCode: '000.17.22.H56', tier: 'commune', counts: { received: 3, receivedOnline: 2 } }],
      pending: new Map(),
      procedures: new Map(),
      signingTargets: DEFAULT_SIGNING_TARGETS,
    });
    const csv = kpiCsv(rows);
    expect(csv.startsWith('\uFEFFperiod,scope,code')).toBe(true);
    const lines = csv.split('\r\n');
    expect(lines[3]).toContain(`"'=HYPERLINK(""x""), xã ""A"""`);
    expect(lines[3]).toContain(',0.6667,');
  });

  it('neutralise in the CSV a unit name that starts like a formula, a signed number or spaces then a formula', () => {
    for (const name of [
      "-2+3+cmd|' /C calc'!A0",
      '  =HYPERLINK("http://x")',
      '\t=1+1',
      '+84 đường dây nóng',
    ]) {
      const rows = kpiRowsOf({
        period: '2026-10',
        closed: true,
        aggregatedAt: '2026-11-01T00:05:00+07:00',
        units: new Map([['000.17.22.H56', { code: '000.17.22.H56', name, tier: 'commune' }]]),
        flows: [{ agencyCode: '000.17.22.H56', tier: 'commune', counts: { received: 1 } }],
        pending: new Map(),
        procedures: new Map(),
        signingTargets: DEFAULT_SIGNING_TARGETS,
      });
      const [, ...records] = parse(kpiCsv(rows).replace(/^\uFEFF/, ''), {
        relax_column_count: true,
      }) as string[][];
      const names = records.filter((record) => record[1] === 'agency').map((record) => record[3]);
      expect(names, JSON.stringify(name)).toEqual([`'${name}`]);
    }
  });
});
