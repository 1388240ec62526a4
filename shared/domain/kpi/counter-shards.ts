/**
 * How the KPI counters spread a period's cells over partitions. Writers pick one of the deployment's
 * `KPI_COUNTER_SHARDS` items at random; readers query every shard up to `MAX_KPI_COUNTER_SHARDS`,
 * so the setting can be raised for a peak and lowered after it without losing a count written
 * under the larger setting. An empty shard costs one query of the minimum read unit.
 */
export const MAX_KPI_COUNTER_SHARDS = 64;

/** Enough for a province's deadline day (docs/capacity-throttles.md). */
export const DEFAULT_KPI_COUNTER_SHARDS = 4;

/**
 * Dossiers a second one shard carries: a partition takes 1,000 write units a second and the counted
 * life's worst case writes about 1.25 units a dossier to each period's bucket, with room left for
 * the recount's corrections and a busy unit's cells growing past 1 KB.
 */
export const DOSSIERS_PER_SECOND_PER_COUNTER_SHARD = 200;

/** The shards a deployment planned for this peak writes to: never below the default, never above the readers' reach. */
export function kpiCounterShardsFor(plannedPeakDossiersPerSecond: number): number {
  const needed = Math.ceil(plannedPeakDossiersPerSecond / DOSSIERS_PER_SECOND_PER_COUNTER_SHARD);
  return Math.min(MAX_KPI_COUNTER_SHARDS, Math.max(DEFAULT_KPI_COUNTER_SHARDS, needed));
}
