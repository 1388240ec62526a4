import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { KPI_INDEX_SHARDS, kpiShardOf } from '../../../shared/domain/kpi/kpi.ts';

describe('the shards of the indexes read by time', () => {
  it('give every dossier code a shard among the readers’ 0 … KPI_INDEX_SHARDS − 1', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 40 }), (code) => {
        const shard = Number(kpiShardOf(code));
        expect(Number.isInteger(shard) && shard >= 0 && shard < KPI_INDEX_SHARDS).toBe(true);
      }),
    );
  });

  it('spread a day’s sequential codes of one agency evenly over the shards', () => {
    const counts = new Map<string, number>();
    const perShard = 100;
    for (let sequence = 1; sequence <= perShard * KPI_INDEX_SHARDS; sequence += 1) {
      const code = `000.17.22.H56-261203-${String(sequence).padStart(4, '0')}`;
      counts.set(kpiShardOf(code), (counts.get(kpiShardOf(code)) ?? 0) + 1);
    }
    expect(counts.size).toBe(KPI_INDEX_SHARDS);
    for (const count of counts.values())
      expect(Math.abs(count - perShard)).toBeLessThanOrEqual(perShard * 0.25);
  });
});
