import { describe, expect, it } from 'vitest';
import { CAST_FOLDERS, castsIn, castsUnder } from '../../../scripts/lib/casts.ts';

/** The ceiling of issue 16: items read from outside are parsed, types are narrowed, not asserted. */
const MAX_CASTS = 10;

describe('type assertions in the source', () => {
  it('counts `as T` and `<T>x`, not `as const`', () => {
    const text = 'const a = b as string;\nconst c = <number>d;\nconst e = [1] as const;\n';
    expect(castsIn('sample.ts', text)).toEqual([1, 2]);
  });

  it(`keeps at most ${MAX_CASTS} in the deployed and served code`, () => {
    const casts = CAST_FOLDERS.flatMap(castsUnder);
    expect(casts.length, casts.join('\n')).toBeLessThanOrEqual(MAX_CASTS);
  });
});
