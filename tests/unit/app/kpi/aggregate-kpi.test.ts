import { describe, expect, it } from 'vitest';
import {
  aggregateKpi,
  type DriftRecord,
  type FlowCell,
  type KpiAggregationPorts,
  type OpenCell,
  recountKpiPeriod,
} from '../../../../shared/app/kpi/aggregate-kpi.ts';
import type { KpiRow } from '../../../../shared/contracts/kpi.ts';
import {
  cellCountEntries,
  DEFAULT_SIGNING_TARGETS,
  type FlowCounts,
  OPEN_STATUSES,
} from '../../../../shared/domain/kpi/kpi.ts';
import { rowsOfPublished } from '../../../../shared/domain/kpi/kpi-rows.ts';
import { stepCountName } from '../../../../shared/domain/kpi/step-kpi.ts';
import type { DossierRecord } from '../../../../shared/domain/lifecycle/dossier.ts';

const UNIT = '000.17.22.H56';

type Line = { level: string; message: string; fields: Record<string, unknown> };

/** Counters, rows, dossiers and reference data in memory; counters keep one cell per period and unit. */
function memoryPorts(options: {
  now: string;
  lastClosedDay?: string;
  dossiers?: Partial<DossierRecord>[];
  flows?: Record<string, Partial<FlowCounts>>;
  open?: OpenCell[];
}) {
  const flows = new Map<string, FlowCell>(
    Object.entries(options.flows ?? {}).map(([period, counts]) => [
      period,
      { cell: UNIT, tier: 'commune', counts: { ...counts } },
    ]),
  );
  const rows: KpiRow[] = [];
  const drifts: DriftRecord[] = [];
  const lines: Line[] = [];
  const state = {
    lastClosedDay: options.lastClosedDay,
    gathered: [] as string[],
    dropped: 0,
    written: [] as string[],
    fingerprints: {} as Record<string, string>,
  };
  const log = (level: string) => (message: string, fields: Record<string, unknown>) =>
    lines.push({ level, message, fields });
  const ports: KpiAggregationPorts = {
    reference: {
      listAgencies: async () => [
        { code: UNIT, name: 'UBND xã Hoằng Hóa', tier: 'commune', parentCode: undefined },
      ],
      listProcedures: async () => [
        { code: '1.000001.000.00.00.H56', agencyCode: UNIT, onlineLevel: 'full' },
        { code: '1.000002.000.00.00.H56', agencyCode: UNIT, onlineLevel: 'partial' },
      ],
    },
    counters: {
      period: async (period) => {
        const cell = flows.get(period);
        return cell ? [structuredClone(cell)] : [];
      },
      open: async () => options.open ?? [],
      dropEmpty: async (cells) => {
        state.dropped += cells.filter((cell) => cell.open === 0).length;
      },
      gatherOverdue: async (cells, today) => {
        state.gathered.push(today);
        return cells.filter((cell) => cell.dueDay < today).length;
      },
      apply: async (deltas, { shard }) => {
        expect(shard).toBe(0);
        for (const delta of deltas.flow.values()) {
          const cell = flows.get(delta.period) ?? { cell: delta.agencyCode, tier: delta.tier, counts: {} };
          for (const [name, value] of cellCountEntries(delta.counts)) {
            cell.counts[name] = (cell.counts[name] ?? 0) + value;
          }
          flows.set(delta.period, cell);
        }
      },
    },
    rows: {
      putPeriod: async (published) => {
        state.written.push(published.period);
        rows.push(...rowsOfPublished(published));
      },
      fingerprints: async () => ({ ...state.fingerprints }),
      setFingerprints: async (fingerprints) => {
        state.fingerprints = { ...fingerprints };
      },
      lastClosedDay: async () => state.lastClosedDay,
      setLastClosedDay: async (day) => {
        state.lastClosedDay = day;
      },
      recordDrift: async (drift) => {
        drifts.push(drift);
      },
    },
    dossiers: {
      async *inKpiWindow(index, from, to) {
        const field = index === 'received' ? 'receivedAt' : 'settledAt';
        for (const dossier of options.dossiers ?? []) {
          const at = dossier[field];
          if (at && Date.parse(at) >= Date.parse(from) && Date.parse(at) < Date.parse(to)) yield dossier;
        }
      },
      async *open() {
        for (const dossier of options.dossiers ?? [])
          if (dossier.receivedAt && dossier.status && OPEN_STATUSES.has(dossier.status)) yield dossier;
      },
    },
    documents: { sentBetween: async () => [] },
    signingTargets: DEFAULT_SIGNING_TARGETS,
    log: { info: log('info'), warn: log('warn'), error: log('error') },
    now: () => new Date(options.now),
  };
  return { ports, flows, rows, drifts, lines, state };
}

const received = (dossierCode: string, receivedAt: string): Partial<DossierRecord> => ({
  dossierCode,
  agency: { code: UNIT, name: 'UBND xã Hoằng Hóa', tier: 'commune' },
  channel: 'online',
  status: 'in_progress',
  receivedAt,
  dueAt: '2026-12-10T17:00:00+07:00',
});

describe('KPI aggregation', () => {
  it('closing a day recounts it, corrects the counters, records the drift and publishes final rows', async () => {
    const memory = memoryPorts({
      now: '2026-11-28T08:00:00+07:00',
      lastClosedDay: '2026-11-26',
      dossiers: [received('H56.17.22-261127-0001', '2026-11-27T09:00:00+07:00')],
      // A stream batch retried whole counted the one dossier twice.
      flows: { '2026-11-27': { received: 2, receivedOnline: 2 } },
    });
    const summary = await aggregateKpi(memory.ports);

    expect(summary.closed).toEqual(['2026-11-27']);
    expect(summary.refreshed).toEqual(['2026-11-28', '2026-11', '2026-Q4', '2026']);
    expect(memory.flows.get('2026-11-27')?.counts).toMatchObject({ received: 1, receivedOnline: 1 });
    expect(memory.drifts).toEqual([
      expect.objectContaining({
        period: '2026-11-27',
        requestedBy: 'schedule',
        dossiers: 1,
        recountedAt: '2026-11-28T08:00:00+07:00',
      }),
    ]);
    expect(memory.drifts[0]?.differences).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ agencyCode: UNIT, count: 'received', counted: 2, recounted: 1 }),
      ]),
    );
    const closedUnitRow = memory.rows.find(
      (row) => row.period === '2026-11-27' && row.scope.kind === 'agency',
    );
    expect(closedUnitRow).toMatchObject({ closed: true, counts: { received: 1, proceduresOffered: 2 } });
    expect(memory.state.lastClosedDay).toBe('2026-11-27');
    expect(memory.lines).toContainEqual(
      expect.objectContaining({
        level: 'warn',
        message: 'KPI drift corrected',
        fields: { period: '2026-11-27', differences: memory.drifts[0]?.differences.length },
      }),
    );
    expect(memory.lines.at(-1)).toMatchObject({
      level: 'info',
      message: 'KPI aggregated',
      fields: { closed: ['2026-11-27'] },
    });
  });

  it('the last day of a month closes the month too, and open periods are refreshed unclosed', async () => {
    const memory = memoryPorts({ now: '2026-12-01T00:30:00+07:00', lastClosedDay: '2026-11-29' });
    const summary = await aggregateKpi(memory.ports);
    expect(summary.closed).toEqual(['2026-11-30', '2026-11']);
    expect(memory.rows.filter((row) => row.period === '2026-12').every((row) => !row.closed)).toBe(true);
    expect(memory.rows.filter((row) => row.period === '2026-11').every((row) => row.closed)).toBe(true);
    // Counters that agree with the recount are left alone and no drift is logged.
    expect(memory.drifts.map((drift) => drift.differences)).toEqual([[], []]);
    expect(memory.lines.map((line) => line.message)).toEqual(['KPI aggregated']);
  });

  it('a run rewrites only the periods whose counts changed since the last one, whatever the time', async () => {
    const memory = memoryPorts({
      now: '2026-11-28T09:00:00+07:00',
      lastClosedDay: '2026-11-27',
      flows: { '2026-11-28': { received: 1 }, '2026-11': { received: 5 } },
    });
    const first = await aggregateKpi(memory.ports);
    expect(memory.state.written).toEqual(['2026-11-28', '2026-11', '2026-Q4', '2026']);
    expect(first.unchanged).toEqual([]);

    memory.state.written.length = 0;
    const quiet = await aggregateKpi({ ...memory.ports, now: () => new Date('2026-11-28T09:15:00+07:00') });
    expect(memory.state.written).toEqual([]);
    expect(quiet).toMatchObject({ rows: 0, unchanged: ['2026-11-28', '2026-11', '2026-Q4', '2026'] });

    const month = memory.flows.get('2026-11');
    if (month) month.counts.received = 6;
    await aggregateKpi({ ...memory.ports, now: () => new Date('2026-11-28T09:30:00+07:00') });
    expect(memory.state.written).toEqual(['2026-11']);
    const rewritten = memory.rows.filter((row) => row.period === '2026-11' && row.scope.kind === 'province');
    expect(rewritten.map((row) => [row.counts.received, row.aggregatedAt])).toEqual([
      [5, '2026-11-28T09:00:00+07:00'],
      [6, '2026-11-28T09:30:00+07:00'],
    ]);
  });

  it('a run on the same day closes nothing again', async () => {
    const memory = memoryPorts({ now: '2026-11-28T09:00:00+07:00', lastClosedDay: '2026-11-27' });
    const summary = await aggregateKpi(memory.ports);
    expect(summary.closed).toEqual([]);
    expect(memory.drifts).toEqual([]);
    expect(memory.state.lastClosedDay).toBe('2026-11-27');
  });

  it('open dossiers count as pending, overdue once their due day has passed', async () => {
    const open = (dueDay: string, count: number): OpenCell => ({
      bucket: 'open#0',
      cell: `${UNIT}|${dueDay}`,
      agencyCode: UNIT,
      tier: 'commune',
      dueDay,
      open: count,
    });
    const memory = memoryPorts({
      now: '2026-11-28T09:00:00+07:00',
      lastClosedDay: '2026-11-27',
      open: [open('2026-11-20', 2), open('2026-12-05', 3), open('2026-12-06', 0)],
    });
    const summary = await aggregateKpi(memory.ports);
    expect(summary).toMatchObject({ openCells: 3, gatheredIntoOverdue: 1 });
    expect(memory.state).toMatchObject({ gathered: ['2026-11-28'], dropped: 1 });
    const today = memory.rows.find((row) => row.period === '2026-11-28' && row.scope.kind === 'agency');
    expect(today?.counts).toMatchObject({ pendingOverdue: 2, pendingWithinTime: 3 });
  });

  it("an operator's recount of an ended period corrects it, records who asked, and republishes it closed", async () => {
    const memory = memoryPorts({
      now: '2026-11-28T09:00:00+07:00',
      lastClosedDay: '2026-11-27',
      dossiers: [
        received('H56.17.22-261103-0001', '2026-11-03T09:00:00+07:00'),
        received('H56.17.22-261104-0001', '2026-11-04T10:00:00+07:00'),
      ],
      flows: { '2026-10': { received: 1 }, '2026-11': { received: 1, receivedOnline: 1 } },
    });
    const answer = await recountKpiPeriod(memory.ports, '2026-11', 'operator:an');
    expect(answer).toMatchObject({ period: '2026-11', requestedBy: 'operator:an', dossiers: 2 });
    expect(answer.rows).toBeGreaterThan(0);
    expect(memory.flows.get('2026-11')?.counts).toMatchObject({ received: 2, receivedOnline: 2 });
    // November has not ended on the 28th: its rows stay open.
    expect(memory.rows.every((row) => row.period === '2026-11' && !row.closed)).toBe(true);
    expect(memory.flows.get('2026-10')?.counts).toEqual({ received: 1 });
  });

  it('a recount keeps the steps finished in the period of dossiers received before it, open or settled since', async () => {
    const finished = (dossierCode: string, finishedAt: string) => ({
      step: 'THAM_DINH',
      name: { vi: 'Thẩm định', en: 'Examination' },
      role: 'chuyen_vien' as const,
      unit: { code: UNIT, name: 'UBND xã Hoằng Hóa', tier: 'commune' as const },
      handedOverBy: `officer:tn-${dossierCode}`,
      startedAt: '2026-10-30T08:00:00+07:00',
      dueAt: '2026-11-02T17:00:00+07:00',
      budgetMinutes: 960,
      finishedAt,
      finishedBy: 'officer:cv1',
      action: 'forward' as const,
      next: ['KY_DUYET'],
      timeliness: 'late' as const,
      workingMinutes: 1200,
    });
    const withStep = (
      dossierCode: string,
      status: 'in_progress' | 'done',
      settledAt?: string,
    ): Partial<DossierRecord> => ({
      ...received(dossierCode, '2026-10-30T08:00:00+07:00'),
      status,
      settledAt,
      process: {
        code: 'QT-XA',
        version: 1,
        statutoryMinutes: 2400,
        active: [],
        done: [finished(dossierCode, '2026-11-03T10:00:00+07:00')],
      },
    });
    const name = (measure: 'finished' | 'late' | 'workingMinutes') =>
      stepCountName('QT-XA', 'THAM_DINH', measure);
    const memory = memoryPorts({
      now: '2026-12-02T09:00:00+07:00',
      lastClosedDay: '2026-12-01',
      dossiers: [
        withStep('H56.17.22-261030-0001', 'in_progress'),
        withStep('H56.17.22-261030-0002', 'done', '2026-12-01T15:00:00+07:00'),
      ],
      flows: { '2026-11': { [name('finished')]: 2, [name('late')]: 2, [name('workingMinutes')]: 2400 } },
    });
    const answer = await recountKpiPeriod(memory.ports, '2026-11', 'operator:an');
    expect(answer.differences).toEqual([]);
    // Read for their steps, yet neither was received nor settled in November.
    expect(answer.dossiers).toBe(0);
    const row = memory.rows.find((r) => r.period === '2026-11' && r.scope.kind === 'agency');
    expect(row?.steps).toEqual([
      {
        process: 'QT-XA',
        step: 'THAM_DINH',
        finished: 2,
        late: 2,
        inTime: 0,
        workingMinutes: 2400,
        averageWorkingDays: 2.5,
        lateShare: 1,
      },
    ]);
  });
});
