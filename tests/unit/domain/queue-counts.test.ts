import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { counterMoves, recounted, TABS_CELL } from '../../../shared/domain/officers/queue-counts.ts';
import { queuePartition, queueShardOf } from '../../../shared/domain/officers/work-queue.ts';

const open = (dossierCode: string, currentAgencyCode: string) => ({
  dossierCode,
  currentAgencyCode,
  queueKey: `1#2026-12-20T08:00:00+07:00#${dossierCode}`,
  status: 'in_progress',
  dueAt: '2026-12-20T08:00:00+07:00',
  openAssignees: ['chuyen-vien-1'],
});

describe('the queue counts of a dossier, by queue partition', () => {
  it('count a dossier in its unit’s partition for its code, and move it to the same shard of the next unit', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1 }), (code) => {
        const moves = counterMoves(open(code, 'A'), open(code, 'B'));
        const from = queuePartition('A', code);
        const to = queuePartition('B', code);
        expect(from.endsWith(`#${queueShardOf(code)}`)).toBe(true);
        expect(moves.cells.filter((move) => move.cell === TABS_CELL)).toEqual([
          { unit: from, cell: TABS_CELL, by: { all: -1 } },
          { unit: to, cell: TABS_CELL, by: { all: 1 } },
        ]);
        expect(moves.remove.map((entry) => entry.unit)).toEqual([from]);
        expect(moves.put.map((entry) => entry.unit)).toEqual([to]);
      }),
    );
  });

  it('spread one unit’s dossiers over several partitions', () => {
    const units = new Set(
      Array.from(
        { length: 40 },
        (_, index) => counterMoves(undefined, open(`X-${index}`, 'A')).cells[0]?.unit,
      ),
    );
    expect(units.size).toBeGreaterThan(4);
  });

  it('are recounted in the partition read, whatever the items say of their unit', () => {
    const { cells, entries } = recounted('A#3', [
      { dossierCode: 'X-1', queueKey: '0#2026-12-01T08:00:00+07:00#X-1', status: 'submitted' },
      open('X-2', 'A'),
    ]);
    expect(cells.find((cell) => cell.cell === TABS_CELL)).toEqual({
      unit: 'A#3',
      cell: TABS_CELL,
      by: { all: 2, reception: 1 },
    });
    expect(entries.map((entry) => entry.unit)).toEqual(['A#3']);
  });
});
