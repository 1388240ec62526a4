import { describe, expect, it } from 'vitest';
import { immutableCache, versionedCache } from '../../../shared/adapters/versioned-cache.ts';

/** A reader of published versions that counts its reads and can be made to fail. */
function source() {
  const state = { reads: [] as number[], failing: false };
  const read = async (version: number) => {
    state.reads.push(version);
    if (state.failing) throw new Error('table unavailable');
    return [`procedures of v${version}`];
  };
  return { state, read };
}

describe('the versioned cache of published reference data', () => {
  it('reads a version once and serves it again from memory', async () => {
    const { state, read } = source();
    const cached = versionedCache(read);
    expect(await cached(3)).toEqual(['procedures of v3']);
    expect(await cached(3)).toEqual(['procedures of v3']);
    expect(state.reads).toEqual([3]);
  });

  it('reads anew as soon as another version is named, and keeps only the last one', async () => {
    const { state, read } = source();
    const cached = versionedCache(read);
    await cached(3);
    expect(await cached(4)).toEqual(['procedures of v4']);
    expect(await cached(3)).toEqual(['procedures of v3']);
    expect(state.reads).toEqual([3, 4, 3]);
  });

  it('shares one read between concurrent callers of the same version', async () => {
    const { state, read } = source();
    const cached = versionedCache(read);
    await Promise.all([cached(5), cached(5), cached(5)]);
    expect(state.reads).toEqual([5]);
  });

  it('does not keep a failed read: the next call reads again', async () => {
    const { state, read } = source();
    const cached = versionedCache(read);
    state.failing = true;
    await expect(cached(2)).rejects.toThrow('table unavailable');
    state.failing = false;
    expect(await cached(2)).toEqual(['procedures of v2']);
    expect(state.reads).toEqual([2, 2]);
  });
});

describe('the cache of published, unchanging items', () => {
  it('reads each key once, absent items included, and shares a read between concurrent callers', async () => {
    const reads: string[] = [];
    const cached = immutableCache(
      async (key: string) => {
        reads.push(key);
        return key === 'missing' ? undefined : { key };
      },
      (key) => key,
    );
    expect(await Promise.all([cached('v3|a'), cached('v3|a')])).toEqual([{ key: 'v3|a' }, { key: 'v3|a' }]);
    expect(await cached('missing')).toBeUndefined();
    expect(await cached('missing')).toBeUndefined();
    expect(await cached('v4|a')).toEqual({ key: 'v4|a' });
    expect(reads).toEqual(['v3|a', 'missing', 'v4|a']);
  });

  it('starts afresh past its limit, so callers cannot grow it without end', async () => {
    const reads: string[] = [];
    const cached = immutableCache(
      async (key: string) => {
        reads.push(key);
        return key;
      },
      (key) => key,
      2,
    );
    await cached('a');
    await cached('b');
    await cached('c');
    await cached('a');
    expect(reads).toEqual(['a', 'b', 'c', 'a']);
    await cached('c');
    expect(reads).toEqual(['a', 'b', 'c', 'a']);
  });

  it('does not keep a failed read', async () => {
    let failing = true;
    const cached = immutableCache(
      async (key: string) => {
        if (failing) throw new Error('table unavailable');
        return key;
      },
      (key) => key,
    );
    await expect(cached('a')).rejects.toThrow('table unavailable');
    failing = false;
    expect(await cached('a')).toBe('a');
  });
});
