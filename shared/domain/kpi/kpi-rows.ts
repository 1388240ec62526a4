import { createHash } from 'node:crypto';
import type { Tier } from '../agencies/tiers.ts';
import { entriesOf, recordOf } from '../common/keys.ts';
import {
  type CellCounts,
  emptyCounts,
  FLOW_COUNT_NAMES,
  type FlowCounts,
  indicatorsOf,
  KPI_COUNT_NAMES,
  type KpiCounts,
  onlineCountsByProcedure,
} from './kpi.ts';
import { granularityOf } from './kpi-periods.ts';
import type { KpiRow, KpiScope } from './kpi-schema.ts';
import { score766 } from './kpi-score.ts';
import { isStepCountName, stepKpisOf } from './step-kpi.ts';

export interface UnitInfo {
  code: string;
  name: string;
  tier: Tier;
  parentCode?: string | undefined;
}

export interface PeriodAggregate {
  period: string;
  closed: boolean;
  aggregatedAt: string;
  /** Registered units; a unit seen only in counters (since removed) is reported under its code. */
  units: ReadonlyMap<string, UnitInfo>;
  /** Counter cells of the period, any number per unit (shards are summed here). */
  flows: Iterable<{ agencyCode: string; tier: Tier; counts: CellCounts }>;
  pending: ReadonlyMap<string, { pendingWithinTime: number; pendingOverdue: number }>;
  /** Each unit's catalog at aggregation time: counts, and the codes of the procedures it offers online. */
  procedures: ReadonlyMap<string, UnitProcedures>;
  signingTargets: Record<string, number>;
}

export interface UnitProcedures {
  proceduresOffered: number;
  proceduresOnline: number;
  proceduresFullOnline: number;
  onlineCodes: ReadonlySet<string>;
}

/** Each unit's catalog as 3.1 and 3.2 read it: every procedure of the catalog is offered online, partly or fully. */
export function unitProceduresOf(
  procedures: Iterable<{ code: string; agencyCode: string; onlineLevel: 'partial' | 'full' }>,
): Map<string, UnitProcedures> {
  const result = new Map<string, UnitProcedures & { onlineCodes: Set<string> }>();
  for (const procedure of procedures) {
    const entry = result.get(procedure.agencyCode) ?? {
      proceduresOffered: 0,
      proceduresOnline: 0,
      proceduresFullOnline: 0,
      onlineCodes: new Set<string>(),
    };
    entry.proceduresOffered += 1;
    entry.proceduresOnline += 1;
    entry.onlineCodes.add(procedure.code);
    if (procedure.onlineLevel === 'full') entry.proceduresFullOnline += 1;
    result.set(procedure.agencyCode, entry);
  }
  return result;
}

const add = (into: KpiCounts, more: Partial<KpiCounts>) => {
  for (const [name, value] of entriesOf(KPI_COUNT_NAMES, more)) into[name] += value;
};

/** One unit's counts of a period as published: every indicator, score and rank of its row comes from them. */
export interface PublishedUnit {
  unit: UnitInfo;
  counts: KpiCounts;
  /** The steps it finished, as `step#…` counts (see step-kpi.ts). */
  steps: Record<string, number>;
}

/**
 * A period as published: only counts, one entry per unit, in code order. The province and tier
 * rows are sums of the units, and indicators, scores, ranks and their bilingual names come from
 * code, so they are computed when the period is read rather than stored.
 */
export interface PublishedPeriod {
  period: string;
  closed: boolean;
  aggregatedAt: string;
  signingTargets: Record<string, number>;
  units: PublishedUnit[];
}

/** Every unit's counts of one period: flows summed over shards, pending and catalog snapshots added. */
export function publishedPeriodOf(input: PeriodAggregate): PublishedPeriod {
  if (!granularityOf(input.period)) throw new Error(`Not a period key: ${input.period}`);
  const perUnit = new Map<string, PublishedUnit & { online: Map<string, number> }>();
  const unitEntry = (code: string, tier: Tier) => {
    let entry = perUnit.get(code);
    if (!entry) {
      const unit = input.units.get(code) ?? { code, name: code, tier };
      entry = { unit, counts: emptyCounts(), online: new Map(), steps: {} };
      perUnit.set(code, entry);
    }
    return entry;
  };
  for (const unit of input.units.values()) unitEntry(unit.code, unit.tier);
  for (const cell of input.flows) {
    const entry = unitEntry(cell.agencyCode, cell.tier);
    add(entry.counts, cell.counts);
    for (const [procedureCode, count] of onlineCountsByProcedure(cell.counts)) {
      entry.online.set(procedureCode, (entry.online.get(procedureCode) ?? 0) + count);
    }
    for (const [name, value] of Object.entries(cell.counts)) {
      if (isStepCountName(name) && typeof value === 'number')
        entry.steps[name] = (entry.steps[name] ?? 0) + value;
    }
  }
  for (const [code, pending] of input.pending)
    add(unitEntry(code, input.units.get(code)?.tier ?? 'commune').counts, pending);
  for (const [code, procedures] of input.procedures) {
    const entry = perUnit.get(code);
    if (!entry) continue;
    const { onlineCodes, ...counts } = procedures;
    add(entry.counts, counts);
    // 3.2: the unit's online services (catalog) that received an online dossier in the period.
    entry.counts.onlineServicesUsed = [...onlineCodes].filter((c) => (entry.online.get(c) ?? 0) > 0).length;
  }
  return {
    period: input.period,
    closed: input.closed,
    aggregatedAt: input.aggregatedAt,
    signingTargets: { ...input.signingTargets },
    units: [...perUnit.values()]
      .sort((a, b) => a.unit.code.localeCompare(b.unit.code))
      .map(({ unit, counts, steps }) => ({ unit, counts, steps })),
  };
}

/**
 * What decides whether a period must be written again: its counts, units and closing, not the time
 * of the run (a run that changes nothing rewrites nothing).
 */
export function publishedFingerprint(published: PublishedPeriod): string {
  const { aggregatedAt: _, ...figures } = published;
  return createHash('sha256').update(JSON.stringify(figures)).digest('base64url');
}

/**
 * The rows of one published period: every unit, each tier and the province, the last two summed
 * from the units. Units of a tier are ranked by their Decision 766 score (ties: on-time rate, then
 * code); a unit with no dossier settled or received in the period is listed but not ranked.
 */
export function rowsOfPublished(published: PublishedPeriod): KpiRow[] {
  const granularity = granularityOf(published.period);
  if (!granularity) throw new Error(`Not a period key: ${published.period}`);
  const row = (scope: KpiScope, scopeKey: string, counts: KpiCounts, tier: Tier | undefined): KpiRow => ({
    period: published.period,
    granularity,
    scopeKey,
    scope,
    closed: published.closed,
    aggregatedAt: published.aggregatedAt,
    counts,
    indicators: indicatorsOf(counts, tier, published.signingTargets),
    score: score766(counts),
  });

  const province = emptyCounts();
  const tiers = new Map<Tier, KpiCounts>();
  const unitRows: KpiRow[] = [];
  for (const { unit, counts, steps } of published.units) {
    add(province, counts);
    const tierCounts = tiers.get(unit.tier) ?? emptyCounts();
    add(tierCounts, counts);
    tiers.set(unit.tier, tierCounts);
    const scope: KpiScope = {
      kind: 'agency',
      code: unit.code,
      name: unit.name,
      tier: unit.tier,
      ...(unit.parentCode ? { parentCode: unit.parentCode } : {}),
    };
    unitRows.push({ ...row(scope, `agency:${unit.code}`, counts, unit.tier), steps: stepKpisOf(steps) });
  }
  rank(unitRows);
  return [
    row({ kind: 'province' }, 'province', province, undefined),
    ...[...tiers].map(([tier, counts]) => row({ kind: 'tier', tier }, `tier:${tier}`, counts, tier)),
    ...unitRows,
  ];
}

/** The rows of one period as `rowsOfPublished` reads them back from what `publishedPeriodOf` keeps. */
export function kpiRowsOf(input: PeriodAggregate): KpiRow[] {
  return rowsOfPublished(publishedPeriodOf(input));
}

const active = (row: KpiRow) => row.counts.received > 0 || row.counts.settled > 0;

function rank(rows: KpiRow[]): void {
  const byTier = new Map<string, KpiRow[]>();
  for (const row of rows.filter(active)) {
    const tier = row.scope.kind === 'agency' ? row.scope.tier : '';
    byTier.set(tier, [...(byTier.get(tier) ?? []), row]);
  }
  for (const group of byTier.values()) {
    group.sort(
      (a, b) =>
        b.score.total - a.score.total ||
        (b.indicators.onTimeRate.value ?? -1) - (a.indicators.onTimeRate.value ?? -1) ||
        a.scopeKey.localeCompare(b.scopeKey),
    );
    group.forEach((row, index) => {
      row.rank = index + 1;
    });
  }
}

/** Only the counts events add to: what a recount compares. */
export function flowCountsOf(counts: Partial<KpiCounts>): FlowCounts {
  return recordOf(FLOW_COUNT_NAMES, (name) => counts[name] ?? 0);
}
