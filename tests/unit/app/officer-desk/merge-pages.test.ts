import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  firstMerged,
  firstReadSize,
  type PageSource,
} from '../../../../shared/app/officer-desk/merge-pages.ts';

interface Entry {
  dossierCode: string;
  key: string;
  kept: boolean;
}

const compare = (a: Entry, b: Entry) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);

/** Partitions in memory, read as the index reads them: in order, after a position, at most `size`. */
function partitions(entries: readonly Entry[], count: number, shardOf: (entry: Entry) => number) {
  const reads: { partition: number; size: number; returned: number }[] = [];
  const sources: PageSource<Entry, string>[] = Array.from({ length: count }, (_, partition) => {
    const own = entries.filter((entry) => shardOf(entry) === partition).sort(compare);
    return async (after, size) => {
      const rest = own.filter((entry) => after === undefined || entry.key > after);
      const items = rest.slice(0, size);
      reads.push({ partition, size, returned: items.length });
      return { items, more: rest.length > size };
    };
  });
  return { sources, reads };
}

const entriesArbitrary = fc
  .uniqueArray(fc.string({ minLength: 1, maxLength: 6 }), { maxLength: 300 })
  .chain((keys) =>
    fc.tuple(
      fc.constant(keys),
      fc.array(fc.boolean(), { minLength: keys.length, maxLength: keys.length }),
      fc.array(fc.nat(15), { minLength: keys.length, maxLength: keys.length }),
    ),
  )
  .map(([keys, kept, shards]) =>
    keys.map((key, index) => ({
      entry: { dossierCode: key, key, kept: kept[index] ?? true },
      shard: shards[index] ?? 0,
    })),
  );

describe('the merge of a unit’s queue partitions', () => {
  it('walked page by page gives every kept item once, in order, whatever the spread and the page size', async () => {
    await fc.assert(
      fc.asyncProperty(
        entriesArbitrary,
        fc.integer({ min: 1, max: 16 }),
        fc.integer({ min: 1, max: 60 }),
        async (spread, count, limit) => {
          const shard = new Map(spread.map(({ entry, shard: index }) => [entry.key, index % count]));
          const entries = spread.map(({ entry }) => entry);
          const { sources } = partitions(entries, count, (entry) => shard.get(entry.key) ?? 0);
          const walked: Entry[] = [];
          let after: string | undefined;
          for (let page = 0; page < 400; page += 1) {
            const found = await firstMerged(sources, {
              positionOf: (entry) => entry.key,
              after,
              wanted: limit + 1,
              keep: (entry) => entry.kept,
              compare,
            });
            walked.push(...found.slice(0, limit));
            if (found.length <= limit) break;
            after = found[limit - 1]?.key;
          }
          expect(walked).toEqual(entries.filter((entry) => entry.kept).sort(compare));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('gives a dossier seen in two partitions once', async () => {
    const twice = { dossierCode: 'X-1', key: 'b', kept: true };
    const { sources } = partitions(
      [{ dossierCode: 'X-0', key: 'a', kept: true }, twice, { dossierCode: 'X-2', key: 'c', kept: true }],
      2,
      (entry) => (entry.key === 'a' ? 0 : 1),
    );
    const doubled: PageSource<Entry, string> = async (after, size) => {
      const page = await (sources[0] as PageSource<Entry, string>)(after, size);
      return { items: [...page.items, twice].sort(compare).slice(0, size), more: page.more };
    };
    const found = await firstMerged([doubled, sources[1] as PageSource<Entry, string>], {
      positionOf: (entry) => entry.key,
      after: undefined,
      wanted: 10,
      keep: () => true,
      compare,
    });
    expect(found.map((entry) => entry.dossierCode)).toEqual(['X-0', 'X-1', 'X-2']);
  });

  it('reads about what a page shows when dossiers are spread by their shard, not a page of every partition', async () => {
    // 2,000 dossiers of one unit spread over 8 partitions by position, as a hash spreads them.
    const entries = Array.from({ length: 2000 }, (_, index) => ({
      dossierCode: `D-${String(index).padStart(5, '0')}`,
      key: `1#${String(index).padStart(5, '0')}`,
      kept: true,
    }));
    const { sources, reads } = partitions(entries, 8, (entry) => Number(entry.key.slice(2)) % 8);
    const found = await firstMerged(sources, {
      positionOf: (entry) => entry.key,
      after: undefined,
      wanted: 51,
      keep: () => true,
      compare,
    });
    expect(found.map((entry) => entry.key)).toEqual(entries.slice(0, 51).map((entry) => entry.key));
    expect(reads).toEqual(
      Array.from({ length: 8 }, (_, partition) => ({ partition, size: firstReadSize(51, 8), returned: 12 })),
    );
    expect(reads.reduce((total, read) => total + read.returned, 0)).toBe(96);
  });

  it('reads a partition again with larger pages while the filter keeps nothing of it', async () => {
    const entries = Array.from({ length: 500 }, (_, index) => ({
      dossierCode: `D-${index}`,
      key: String(index).padStart(4, '0'),
      kept: index === 499,
    }));
    const { sources, reads } = partitions(entries, 1, () => 0);
    const found = await firstMerged(sources, {
      positionOf: (entry) => entry.key,
      after: undefined,
      wanted: 5,
      keep: (entry) => entry.kept,
      compare,
    });
    expect(found.map((entry) => entry.key)).toEqual(['0499']);
    expect(reads.map((read) => read.size)).toEqual([10, 40, 160, 640]);
  });
});
