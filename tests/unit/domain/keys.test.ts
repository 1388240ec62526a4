import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { entriesOf, keysOf, recordOf } from '../../../shared/domain/common/keys.ts';

const NAMES = ['alpha', 'beta', 'gamma'] as const;

describe('keysOf', () => {
  it('lists the keys of the literal and refuses an empty one', () => {
    expect(keysOf({ a: 1, b: 2 })).toEqual(['a', 'b']);
    expect(() => keysOf({})).toThrow();
  });
});

describe('recordOf', () => {
  it('gives every key of the list its value', () => {
    expect(recordOf(NAMES, (name) => name.length)).toEqual({ alpha: 5, beta: 4, gamma: 5 });
  });
});

describe('entriesOf', () => {
  it('keeps the present keys of the list, in its order, and nothing else', () => {
    const record = { gamma: 3, alpha: 1, other: 9 };
    expect(entriesOf(NAMES, record)).toEqual([
      ['alpha', 1],
      ['gamma', 3],
    ]);
  });

  it('sums to what Object.values sums for records over the list', () => {
    fc.assert(
      fc.property(
        fc.record({ alpha: fc.integer(), beta: fc.integer(), gamma: fc.integer() }, { requiredKeys: [] }),
        (record) => {
          const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
          expect(sum(entriesOf(NAMES, record).map(([, value]) => value))).toBe(sum(Object.values(record)));
        },
      ),
    );
  });
});
