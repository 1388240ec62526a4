/**
 * A unit's queue is spread over several partitions (its codes, and each code's shards: ADR 0032),
 * each read in the same order. A page of the queue is the first items of their merge: each partition
 * is read lazily, a little at a time, so a page reads about what it shows rather than a page from
 * every partition.
 */

/** One partition's items in the common order, from just after `after`, at most `size` of them. */
export type PageSource<Item, Position> = (
  after: Position | undefined,
  size: number,
) => Promise<{ items: Item[]; more: boolean }>;

export interface MergeReading<Item, Position> {
  /** Where an item is, to read on after it. */
  positionOf(item: Item): Position;
  /** Where every partition starts reading (exclusive); the start of each when absent. */
  after: Position | undefined;
  /** How many kept items are wanted. */
  wanted: number;
  keep(item: Item): boolean;
  /** The order every partition gives its items in; equal only for the same item. */
  compare(a: Item, b: Item): number;
}

/**
 * Items asked per request at most, when filters leave out most of what is read: DynamoDB stops a page
 * at 1 MB anyway (≈ 2,500 slim entries), so this only bounds what one request returns.
 */
export const READ_PAGE = 2000;

/**
 * What each partition is asked for first: its even share of what is wanted and half again, so that
 * with dossiers spread by a hash a second read is rare (for 51 of 8 partitions: 12 each, ≈ 0.6 % of
 * partitions hold more of the first 51).
 */
export function firstReadSize(wanted: number, partitions: number): number {
  return Math.ceil((1.5 * wanted) / Math.max(1, partitions)) + 2;
}

interface PartitionState<Item, Position> {
  read: PageSource<Item, Position>;
  position: Position | undefined;
  size: number;
  kept: Item[];
  more: boolean;
}

/**
 * The first `wanted` items that `keep` keeps of the merge of `sources` in `compare`'s order, after
 * `after`. A partition is read again only once every item read from it has been taken, each read
 * four times larger than the one before (up to `READ_PAGE`), so a filter that keeps few items costs a
 * few reads, not one per item. An item found in two partitions (a dossier moving between a unit's
 * codes, seen in both by an index not yet consistent) is given once.
 */
export async function firstMerged<Item extends { dossierCode: string }, Position>(
  sources: readonly PageSource<Item, Position>[],
  reading: MergeReading<Item, Position>,
): Promise<Item[]> {
  const { positionOf, after, wanted, keep, compare } = reading;
  const states: PartitionState<Item, Position>[] = sources.map((read) => ({
    read,
    position: after,
    size: firstReadSize(wanted, sources.length),
    kept: [],
    more: true,
  }));
  const refill = async (state: PartitionState<Item, Position>) => {
    while (state.kept.length === 0 && state.more) {
      const { items, more } = await state.read(state.position, state.size);
      const last = items.at(-1);
      state.kept.push(...items.filter(keep));
      state.more = more && last !== undefined;
      if (last) state.position = positionOf(last);
      state.size = Math.min(READ_PAGE, state.size * 4);
    }
  };
  const found: Item[] = [];
  const given = new Set<string>();
  while (found.length < wanted) {
    await Promise.all(states.map(refill));
    let next: PartitionState<Item, Position> | undefined;
    for (const state of states) {
      const head = state.kept[0];
      const best = next?.kept[0];
      if (head !== undefined && (best === undefined || compare(head, best) < 0)) next = state;
    }
    const item = next?.kept.shift();
    if (item === undefined) break;
    if (given.has(item.dossierCode)) continue;
    given.add(item.dossierCode);
    found.push(item);
  }
  return found;
}
