import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  FIRST_REDELIVERY_DELAY_SECONDS,
  MAX_REDELIVERY_DELAY_SECONDS,
  redeliveryDelaySeconds,
} from '../../../shared/domain/lifecycle/redelivery.ts';

describe('redelivery delay of a failed queue message', () => {
  it('starts short and doubles with each failure: 2, 4, 8, 16, 32, then 60 s', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 100].map((count) => redeliveryDelaySeconds(count))).toEqual([
      2, 4, 8, 16, 32, 60, 60, 60,
    ]);
  });

  it('is within the first delay and the maximum, and never shrinks as failures add up', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000 }), fc.integer({ min: 0, max: 50 }), (count, more) => {
        const delay = redeliveryDelaySeconds(count);
        expect(delay).toBeGreaterThanOrEqual(FIRST_REDELIVERY_DELAY_SECONDS);
        expect(delay).toBeLessThanOrEqual(MAX_REDELIVERY_DELAY_SECONDS);
        expect(Number.isInteger(delay)).toBe(true);
        expect(redeliveryDelaySeconds(count + more)).toBeGreaterThanOrEqual(delay);
      }),
    );
  });

  it('needs no wait after the last delivery the queue allows, since the message goes to its DLQ', () => {
    expect([1, 2, 3, 4, 5, 6].map((count) => redeliveryDelaySeconds(count, 6))).toEqual([2, 4, 8, 16, 32, 0]);
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 50 }), fc.integer({ min: 1, max: 50 }), (count, max) => {
        const delay = redeliveryDelaySeconds(count, max);
        expect(delay === 0).toBe(count >= max);
        if (count < max) expect(delay).toBe(redeliveryDelaySeconds(count));
      }),
    );
  });

  it('treats a missing or malformed receive count as the first failure', () => {
    expect(redeliveryDelaySeconds(Number.NaN)).toBe(FIRST_REDELIVERY_DELAY_SECONDS);
    expect(redeliveryDelaySeconds(0)).toBe(FIRST_REDELIVERY_DELAY_SECONDS);
  });
});
