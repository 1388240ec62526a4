import { describe, expect, it } from 'vitest';
import {
  indexWriteUnits,
  projectedEntry,
  readCost,
  type TableShape,
  writeCost,
} from '../../../bench/lib/capacity.ts';

const table: TableShape = {
  name: 'Dossiers',
  keys: ['code'],
  indexes: [
    { name: 'all', keys: ['unit', 'due'], projection: 'ALL' },
    { name: 'sparse', keys: ['waiting'], projection: ['status'] },
    { name: 'keys', keys: ['unit'], projection: 'KEYS_ONLY' },
  ],
};
const [all, sparse, keys] = table.indexes as [
  TableShape['indexes'][number],
  TableShape['indexes'][number],
  TableShape['indexes'][number],
];
const big = 'x'.repeat(2000);

describe('index writes', () => {
  const item = { code: 'A', unit: 'U1', due: '2026-11-27', status: 'submitted', body: big };

  it('projects the table and index keys and the listed attributes; nothing for an item without the index key', () => {
    expect(projectedEntry(table, keys, item)).toEqual({ code: 'A', unit: 'U1' });
    expect(projectedEntry(table, sparse, item)).toBeUndefined();
    expect(projectedEntry(table, sparse, { ...item, waiting: '3' })).toEqual({
      code: 'A',
      waiting: '3',
      status: 'submitted',
    });
  });

  it('puts a new item into each index it has keys for, at the projected size', () => {
    expect(indexWriteUnits(table, all, undefined, item)).toBe(2);
    expect(indexWriteUnits(table, keys, undefined, item)).toBe(1);
    expect(indexWriteUnits(table, sparse, undefined, item)).toBe(0);
  });

  it('writes nothing to an index whose keys and projection the change leaves alone', () => {
    expect(indexWriteUnits(table, keys, item, { ...item, status: 'accepted', body: `${big}y` })).toBe(0);
    expect(indexWriteUnits(table, sparse, item, { ...item, status: 'accepted' })).toBe(0);
  });

  it('deletes and puts when an index key changes, rewrites when only a projected attribute does', () => {
    expect(indexWriteUnits(table, all, item, { ...item, due: '2026-11-28' })).toBe(2 + 2);
    expect(indexWriteUnits(table, all, item, { ...item, status: 'accepted' })).toBe(2);
    const waiting = { ...item, waiting: '3' };
    expect(indexWriteUnits(table, sparse, waiting, { ...waiting, status: 'accepted' })).toBe(1);
  });

  it('deletes the entry when the index key is removed', () => {
    const { waiting: _removed, ...after } = { ...item, waiting: '3' };
    expect(indexWriteUnits(table, sparse, { ...item, waiting: '3' }, after)).toBe(1);
  });

  it('bills the larger of the item before and after, twice in a transaction, its indexes once', () => {
    const grown = { ...item, body: big + big };
    const plainWrite = writeCost(table, item, grown);
    const inTransaction = writeCost(table, item, grown, { transactional: true });
    expect(plainWrite.table).toBe(4);
    expect(inTransaction.table).toBe(8);
    expect(inTransaction.indexes).toEqual(plainWrite.indexes);
    expect(plainWrite.indexes).toEqual({ all: 4, sparse: 0, keys: 0 });
  });
});

describe('reads', () => {
  it('sums the sizes of a query’s items before rounding, and bills the minimum for nothing found', () => {
    const items = Array.from({ length: 3 }, () => ({ body: 'x'.repeat(3000) }));
    expect(readCost(items, 'eventual')).toBe(1.5);
    expect(readCost([], 'strong')).toBe(1);
  });
});
