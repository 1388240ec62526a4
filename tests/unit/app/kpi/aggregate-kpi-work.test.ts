import { describe, expect, it } from 'vitest';
import { measureRun, type WorkScenario } from '../../../../bench/lib/kpi-work.ts';

const scenario = (history: number): WorkScenario => ({
  history,
  perDay: 500,
  units: 12,
  procedures: 40,
  shards: 4,
  now: new Date('2026-11-24T03:00:00Z'),
});

describe('a scheduled KPI run', () => {
  it('reads and writes as many items with ten times the history: its open cells, its periods’ cells, the periods that changed', async () => {
    const small = await measureRun(scenario(1_000));
    const large = await measureRun(scenario(10_000));
    // History adds cells of past periods, which a run within the day never reads.
    expect(large.cells).toBeGreaterThan(2 * small.cells);
    expect(large.itemsRead / small.itemsRead).toBeLessThanOrEqual(1.1);
    expect(large.itemsWritten / small.itemsWritten).toBeLessThanOrEqual(1.1);
    // The quarter hour's new dossiers changed the day, month, quarter and year: each one item.
    expect(large.periodsWritten).toBe(4);
    // Registry, catalog, fingerprints, last closed day, open cells, and at most a cell per unit, shard and open period.
    expect(large.itemsRead).toBeLessThanOrEqual(12 + 40 + 2 + large.openCells + 4 * 12 * 4);
  });
});
