import type { Tier } from '../agencies/tiers.ts';
import { recordOf } from '../common/keys.ts';
import {
  accumulate,
  type CellCountName,
  type CellCounts,
  type Contribution,
  type CounterDeltas,
  cellCountEntries,
  emptyDeltas,
  FLOW_COUNT_NAMES,
  type FlowCounts,
} from './kpi.ts';

export interface UnitCounts {
  tier: Tier;
  /** The named counts, and the per-procedure online counts a cell holds. */
  counts: FlowCounts & CellCounts;
}

const zero = (): FlowCounts & CellCounts => recordOf(FLOW_COUNT_NAMES, () => 0);

/** Per unit, what `contributions` add up to in one period: the recount the counters must equal. */
export function recount(items: Iterable<Contribution>, period: string): Map<string, UnitCounts> {
  const deltas = emptyDeltas();
  accumulate(
    deltas,
    [...items].filter((item) => item.kind === 'flow'),
    1,
  );
  const result = new Map<string, UnitCounts>();
  for (const cell of deltas.flow.values()) {
    if (cell.period !== period) continue;
    const counts = zero();
    for (const [name, value] of cellCountEntries(cell.counts)) counts[name] = value;
    result.set(cell.agencyCode, { tier: cell.tier, counts });
  }
  return result;
}

/** Sums counter cells (any number of shards per unit). */
export function sumCells(
  cells: Iterable<{ agencyCode: string; tier: Tier; counts: Readonly<Record<string, unknown>> }>,
): Map<string, UnitCounts> {
  const result = new Map<string, UnitCounts>();
  for (const cell of cells) {
    const entry = result.get(cell.agencyCode) ?? { tier: cell.tier, counts: zero() };
    for (const [name, value] of cellCountEntries(cell.counts))
      entry.counts[name] = (entry.counts[name] ?? 0) + value;
    result.set(cell.agencyCode, entry);
  }
  return result;
}

export interface Difference {
  agencyCode: string;
  tier: Tier;
  count: CellCountName;
  counted: number;
  recounted: number;
}

/** Every count where the counters and the recount disagree. */
export function driftOf(counted: Map<string, UnitCounts>, recounted: Map<string, UnitCounts>): Difference[] {
  const differences: Difference[] = [];
  for (const agencyCode of new Set([...counted.keys(), ...recounted.keys()])) {
    const a = counted.get(agencyCode);
    const b = recounted.get(agencyCode);
    const tier = (b ?? a)?.tier ?? 'commune';
    const names = new Set<CellCountName>([
      ...FLOW_COUNT_NAMES,
      ...cellCountEntries(a?.counts ?? {}).map(([name]) => name),
      ...cellCountEntries(b?.counts ?? {}).map(([name]) => name),
    ]);
    for (const count of names) {
      const countedValue = a?.counts[count] ?? 0;
      const recountedValue = b?.counts[count] ?? 0;
      if (countedValue !== recountedValue)
        differences.push({ agencyCode, tier, count, counted: countedValue, recounted: recountedValue });
    }
  }
  return differences.sort(
    (x, y) => x.agencyCode.localeCompare(y.agencyCode) || x.count.localeCompare(y.count),
  );
}

/** Counter deltas that bring the period's cells to the recount. */
export function correctionDeltas(period: string, differences: readonly Difference[]): CounterDeltas {
  const deltas = emptyDeltas();
  for (const difference of differences) {
    const key = `${period}|${difference.agencyCode}`;
    const cell = deltas.flow.get(key) ?? {
      agencyCode: difference.agencyCode,
      tier: difference.tier,
      period,
      counts: {},
    };
    cell.counts[difference.count] = difference.recounted - difference.counted;
    deltas.flow.set(key, cell);
  }
  return deltas;
}
