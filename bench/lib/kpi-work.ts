import {
  aggregateKpi,
  type FlowCell,
  type KpiAggregationPorts,
  type OpenCell,
} from '../../shared/app/kpi/aggregate-kpi.ts';
import type { Tier } from '../../shared/domain/agencies/tiers.ts';
import { MAX_KPI_COUNTER_SHARDS } from '../../shared/domain/kpi/counter-shards.ts';
import {
  accumulate,
  type CounterDeltas,
  cellCountEntries,
  contributions,
  DEFAULT_SIGNING_TARGETS,
  type DossierFacts,
  emptyDeltas,
  foldsIntoOverdue,
  OVERDUE_DUE_DAY,
} from '../../shared/domain/kpi/kpi.ts';
import { publishedPeriodItem } from '../../shared/domain/kpi/kpi-published.ts';
import { itemSize, readUnits, writeUnits } from './item-size.ts';

/**
 * The work of one scheduled KPI aggregator run, counted in items and capacity units, over a
 * generated history: the real use case (`aggregateKpi`) on in-memory stores that keep the counter
 * cells exactly as `KpiCounterStore` does (one item per unit, period and shard, open dossiers per
 * unit and due day) and price every item they hand over or take by its DynamoDB size.
 */
export interface RunWork {
  itemsRead: number;
  itemsWritten: number;
  readUnits: number;
  writeUnits: number;
  periodsWritten: number;
}

export interface WorkScenario {
  /** Dossiers in the history, received at `perDay` a day up to `now`. */
  history: number;
  perDay: number;
  units: number;
  procedures: number;
  shards: number;
  now: Date;
}

const DAY = 86_400_000;

/** A deterministic generator, so two sizes differ by their history only. */
function random(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state * 1_664_525 + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
}

const unitCode = (index: number) => `000.${String(index).padStart(3, '0')}.22.H56`;
const tierOf = (index: number): Tier => (index === 0 ? 'province' : index < 30 ? 'district' : 'commune');

/** One dossier of the history: received `ageDays` ago, settled after three days unless still open. */
function dossierFacts(next: () => number, scenario: WorkScenario, ageDays: number): DossierFacts {
  const unit = Math.floor(next() * scenario.units);
  const receivedAt = new Date(scenario.now.getTime() - ageDays * DAY);
  const settled = ageDays > 3;
  const late = next() < 0.05;
  return {
    agencyCode: unitCode(unit),
    tier: tierOf(unit),
    // One of the unit's own procedures (the catalog below gives procedure i to unit i mod units).
    procedureCode: `1.${String(unit + scenario.units * Math.floor((next() * scenario.procedures) / scenario.units)).padStart(6, '0')}.000.00.00.H56`,
    receivedAt,
    channel: next() < 0.7 ? 'online' : 'counter',
    attachments: 2,
    status: settled ? 'done' : 'in_progress',
    dueAt: new Date(receivedAt.getTime() + (late ? 2 : 5) * DAY),
    clockPaused: false,
    settledAt: settled ? new Date(receivedAt.getTime() + 3 * DAY) : undefined,
    timeliness: settled ? (late ? 'late' : 'on_time') : undefined,
    supplementRequests: 0,
    receiptSigned: true,
    resultIssued: settled,
    resultSigned: settled,
    processingWorkingMinutes: settled ? 1_440 : undefined,
  };
}

/** The counters as the stream consumer leaves them: flow cells by `period#shard`, open cells by unit and due day. */
class MemoryCounters {
  readonly flow = new Map<string, Map<string, FlowCell>>();
  readonly open = new Map<string, OpenCell>();

  constructor(
    private readonly shards: number,
    private readonly next: () => number,
  ) {}

  add(deltas: CounterDeltas) {
    for (const cell of deltas.flow.values()) {
      const bucket = `${cell.period}#${Math.floor(this.next() * this.shards)}`;
      const cells = this.flow.get(bucket) ?? new Map<string, FlowCell>();
      const stored = cells.get(cell.agencyCode) ?? { cell: cell.agencyCode, tier: cell.tier, counts: {} };
      for (const [name, value] of cellCountEntries(cell.counts))
        stored.counts[name] = (stored.counts[name] ?? 0) + value;
      cells.set(cell.agencyCode, stored);
      this.flow.set(bucket, cells);
    }
    for (const cell of deltas.open.values()) {
      const key = `${cell.agencyCode}|${cell.dueDay}`;
      const stored = this.open.get(key) ?? {
        bucket: `open#${Math.floor(this.next() * this.shards)}`,
        cell: key,
        agencyCode: cell.agencyCode,
        tier: cell.tier,
        dueDay: cell.dueDay,
        open: 0,
      };
      stored.open += cell.count;
      this.open.set(key, stored);
    }
  }
}

/** Generates the history, runs the aggregator once to publish it, then measures the next run after a quarter hour of new dossiers. */
export async function measureRun(
  scenario: WorkScenario,
): Promise<RunWork & { openCells: number; cells: number }> {
  const next = random(20_26);
  const counters = new MemoryCounters(scenario.shards, next);
  const days = scenario.history / scenario.perDay;
  for (let index = 0; index < scenario.history; index += 1) {
    const deltas = emptyDeltas();
    accumulate(deltas, contributions(dossierFacts(next, scenario, days * (1 - index / scenario.history))), 1);
    counters.add(deltas);
  }

  const work: RunWork = { itemsRead: 0, itemsWritten: 0, readUnits: 0, writeUnits: 0, periodsWritten: 0 };
  /** A Query or GetItem: billed on the bytes it returns, eventually consistent, one unit minimum. */
  const read = (items: readonly Record<string, unknown>[]) => {
    work.itemsRead += items.length;
    work.readUnits += readUnits(
      items.reduce((sum, item) => sum + itemSize(item), 0),
      'eventual',
    );
  };
  const write = (item: Record<string, unknown>) => {
    work.itemsWritten += 1;
    work.writeUnits += writeUnits(itemSize(item));
  };
  const agencies = Array.from({ length: scenario.units }, (_, index) => ({
    code: unitCode(index),
    name: `Ủy ban nhân dân đơn vị ${index}`,
    tier: tierOf(index),
    parentCode: index === 0 ? undefined : unitCode(0),
  }));
  const procedures = Array.from({ length: scenario.procedures }, (_, index) => ({
    code: `1.${String(index).padStart(6, '0')}.000.00.00.H56`,
    agencyCode: unitCode(index % scenario.units),
    onlineLevel: index % 3 === 0 ? ('full' as const) : ('partial' as const),
  }));
  const state = {
    lastClosedDay: new Date(scenario.now.getTime() + 7 * 3_600_000 - DAY).toISOString().slice(0, 10),
    fingerprints: {} as Record<string, string>,
  };
  let clock = scenario.now;
  const ports: KpiAggregationPorts = {
    reference: {
      listAgencies: async () => {
        read(agencies);
        return agencies;
      },
      listProcedures: async () => {
        read(procedures);
        return procedures;
      },
    },
    counters: {
      period: async (period) => {
        const cells: FlowCell[] = [];
        for (let shard = 0; shard < MAX_KPI_COUNTER_SHARDS; shard += 1) {
          const bucket = [...(counters.flow.get(`${period}#${shard}`)?.values() ?? [])];
          read(bucket.map((cell) => ({ bucket: `${period}#${shard}`, ...cell, ...cell.counts })));
          cells.push(...bucket.map((cell) => structuredClone(cell)));
        }
        return cells;
      },
      open: async () => {
        const cells = [...counters.open.values()].map((cell) => ({ ...cell }));
        for (let shard = 0; shard < MAX_KPI_COUNTER_SHARDS; shard += 1)
          read(cells.filter((cell) => cell.bucket === `open#${shard}`));
        return cells;
      },
      dropEmpty: async (cells) => {
        for (const cell of cells.filter((c) => c.open === 0)) {
          write({ ...cell });
          counters.open.delete(cell.cell);
        }
      },
      gatherOverdue: async (cells, today) => {
        const gathering = cells.filter((cell) => cell.open !== 0 && foldsIntoOverdue(cell.dueDay, today));
        for (const cell of gathering) {
          // One transaction: the cell removed, the overdue cell added, each billed twice.
          write({ ...cell });
          write({ ...cell });
          work.writeUnits += 2;
          counters.open.delete(cell.cell);
          const deltas = emptyDeltas();
          deltas.open.set(cell.agencyCode, {
            agencyCode: cell.agencyCode,
            tier: cell.tier,
            dueDay: OVERDUE_DUE_DAY,
            count: cell.open,
          });
          counters.add(deltas);
        }
        return gathering.length;
      },
      apply: async () => {
        throw new Error('A scheduled run within the day corrects no counter');
      },
    },
    rows: {
      putPeriod: async (published, fingerprint) => {
        write(publishedPeriodItem(published, fingerprint));
        work.periodsWritten += 1;
      },
      fingerprints: async () => {
        read([{ period: '_state', scopeKey: 'published', fingerprints: state.fingerprints }]);
        return { ...state.fingerprints };
      },
      setFingerprints: async (fingerprints) => {
        state.fingerprints = { ...fingerprints };
        write({ period: '_state', scopeKey: 'published', fingerprints });
      },
      lastClosedDay: async () => {
        read([{ period: '_state', scopeKey: 'closing', lastClosedDay: state.lastClosedDay }]);
        return state.lastClosedDay;
      },
      setLastClosedDay: async (day) => {
        state.lastClosedDay = day;
      },
      recordDrift: async () => {
        throw new Error('A scheduled run within the day records no drift');
      },
    },
    dossiers: {
      inKpiWindow: () => {
        throw new Error('A scheduled run within the day recounts nothing');
      },
      open: () => {
        throw new Error('A scheduled run within the day recounts nothing');
      },
    },
    documents: { sentBetween: async () => [] },
    signingTargets: DEFAULT_SIGNING_TARGETS,
    log: { info: () => {}, warn: () => {}, error: () => {} },
    now: () => clock,
  };
  await aggregateKpi(ports);

  // A quarter hour of new dossiers, then the run measured.
  const quarter = Math.round(scenario.perDay / 96);
  for (let index = 0; index < quarter; index += 1) {
    const deltas = emptyDeltas();
    accumulate(deltas, contributions(dossierFacts(next, scenario, (index / quarter) * (15 / 1_440))), 1);
    counters.add(deltas);
  }
  clock = new Date(scenario.now.getTime() + 15 * 60_000);
  Object.assign(work, { itemsRead: 0, itemsWritten: 0, readUnits: 0, writeUnits: 0, periodsWritten: 0 });
  await aggregateKpi(ports);
  const cells = [...counters.flow.values()].reduce((sum, bucket) => sum + bucket.size, 0);
  return { ...work, openCells: counters.open.size, cells };
}
