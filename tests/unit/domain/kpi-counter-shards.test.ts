import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_KPI_COUNTER_SHARDS,
  DOSSIERS_PER_SECOND_PER_COUNTER_SHARD,
  kpiCounterShardsFor,
  MAX_KPI_COUNTER_SHARDS,
} from '../../../shared/domain/kpi/counter-shards.ts';

describe('KPI counter shards from the planned peak', () => {
  it('keeps the default for a province, and 50 shards for 10,000 dossiers a second', () => {
    expect(kpiCounterShardsFor(4.5)).toBe(DEFAULT_KPI_COUNTER_SHARDS);
    expect(kpiCounterShardsFor(10_000)).toBe(50);
  });

  it('stays between the default and the readers’ reach, carries the peak when it can, and never shrinks as the peak grows', () => {
    const peak = fc.double({ min: 0.01, max: 100_000, noNaN: true });
    fc.assert(
      fc.property(peak, peak, (a, b) => {
        const shards = kpiCounterShardsFor(a);
        expect(Number.isInteger(shards)).toBe(true);
        expect(shards).toBeGreaterThanOrEqual(DEFAULT_KPI_COUNTER_SHARDS);
        expect(shards).toBeLessThanOrEqual(MAX_KPI_COUNTER_SHARDS);
        if (a <= MAX_KPI_COUNTER_SHARDS * DOSSIERS_PER_SECOND_PER_COUNTER_SHARD)
          expect(shards * DOSSIERS_PER_SECOND_PER_COUNTER_SHARD).toBeGreaterThanOrEqual(a);
        if (a <= b) expect(kpiCounterShardsFor(b)).toBeGreaterThanOrEqual(shards);
      }),
    );
  });
});
