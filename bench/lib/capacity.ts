import { isDeepStrictEqual } from 'node:util';
import { itemSize, type ReadMode, readUnits, writeUnits } from './item-size.ts';

/**
 * Write and read units of one request against a table with global secondary indexes, by the
 * rules of "Provisioned throughput considerations for GSIs" in the DynamoDB developer guide: a
 * table write that puts an item into an index costs one index write of the projected entry's
 * size; one that changes an index key costs two (delete the old entry, put the new); one that
 * only changes projected attributes costs one; one that removes an index key costs one delete;
 * one that touches neither costs nothing in that index.
 */

export type Projection = 'ALL' | 'KEYS_ONLY' | readonly string[];

export interface IndexShape {
  name: string;
  /** Partition key, then sort key when there is one. */
  keys: readonly string[];
  projection: Projection;
}

export interface TableShape {
  name: string;
  keys: readonly string[];
  indexes: readonly IndexShape[];
}

type Item = Record<string, unknown>;

const present = (value: unknown) => value !== undefined && value !== null;

/** The entry an item has in an index, or undefined when it lacks one of the index's keys (sparse). */
export function projectedEntry(
  table: TableShape,
  index: IndexShape,
  item: Item | undefined,
): Item | undefined {
  if (!item || index.keys.some((key) => !present(item[key]))) return undefined;
  if (index.projection === 'ALL') return item;
  const names = new Set([
    ...table.keys,
    ...index.keys,
    ...(index.projection === 'KEYS_ONLY' ? [] : index.projection),
  ]);
  return Object.fromEntries(Object.entries(item).filter(([name]) => names.has(name)));
}

/** Index write units a change from `before` to `after` costs in one index (either may be absent). */
export function indexWriteUnits(
  table: TableShape,
  index: IndexShape,
  before: Item | undefined,
  after: Item | undefined,
): number {
  const old = projectedEntry(table, index, before);
  const next = projectedEntry(table, index, after);
  if (!old && !next) return 0;
  if (!old && next) return writeUnits(itemSize(next));
  if (old && !next) return writeUnits(itemSize(old));
  if (!old || !next) return 0;
  const keyChanged = index.keys.some((key) => !isDeepStrictEqual(old[key], next[key]));
  if (keyChanged) return writeUnits(itemSize(old)) + writeUnits(itemSize(next));
  if (isDeepStrictEqual(old, next)) return 0;
  return writeUnits(Math.max(itemSize(old), itemSize(next)));
}

export interface WriteCost {
  /** Units of the table write itself (doubled in a transaction). */
  table: number;
  /** Units the table's indexes add, by index name. */
  indexes: Record<string, number>;
}

/**
 * One write (put, update or delete) of an item: DynamoDB bills the larger of the item before and
 * after; a transactional write bills twice that. Index writes are the indexes' own (not doubled).
 */
export function writeCost(
  table: TableShape,
  before: Item | undefined,
  after: Item | undefined,
  { transactional = false }: { transactional?: boolean } = {},
): WriteCost {
  const size = Math.max(before ? itemSize(before) : 0, after ? itemSize(after) : 0);
  return {
    table: writeUnits(size) * (transactional ? 2 : 1),
    indexes: Object.fromEntries(
      table.indexes.map((index) => [index.name, indexWriteUnits(table, index, before, after)]),
    ),
  };
}

export const totalUnits = (cost: WriteCost) =>
  cost.table + Object.values(cost.indexes).reduce((sum, units) => sum + units, 0);

/**
 * Read units of one request returning `items` (a GetItem of one item, or a Query or Scan page):
 * their sizes are summed before rounding up; a request that finds nothing still costs the minimum.
 */
export function readCost(items: readonly Item[], mode: ReadMode): number {
  return readUnits(
    items.reduce((sum, item) => sum + itemSize(item), 0),
    mode,
  );
}
