import { describe, expect, it } from 'vitest';
import { versionedCache } from '../../../shared/adapters/versioned-cache.ts';

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
