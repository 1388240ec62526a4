import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  activeLockout,
  failureWindow,
  LOOKUP_THROTTLE,
  locksAfterFailure,
  lookupLocked,
  retryAfterSeconds,
  type ThrottleSubject,
} from '../../../shared/domain/intake/lookup-throttle.ts';
import { statusOf } from '../../../shared/http/errors.ts';

const instant = fc
  .integer({ min: Date.UTC(2026, 0, 1), max: Date.UTC(2030, 0, 1) })
  .map((ms) => new Date(ms));
const subject = fc.record({
  kind: fc.constantFrom<ThrottleSubject['kind']>('code', 'source'),
  id: fc.string({ minLength: 1, maxLength: 20 }),
});

describe('lookup lockout rule', () => {
  it('locks a code at its 5th failure in a window and a source at its 20th, not before', () => {
    const now = new Date('2026-12-01T10:00:00Z');
    const code = { kind: 'code', id: '000.17.22.H56-261201-0001' } as const;
    const source = { kind: 'source', id: '203.0.113.7' } as const;
    expect(locksAfterFailure([{ subject: code, failures: 4 }], now)).toEqual([]);
    expect(locksAfterFailure([{ subject: code, failures: 5 }], now)).toEqual([
      { subject: code, until: now.getTime() / 1000 + 900 },
    ]);
    expect(locksAfterFailure([{ subject: source, failures: 19 }], now)).toEqual([]);
    expect(locksAfterFailure([{ subject: source, failures: 20 }], now).map((lock) => lock.subject)).toEqual([
      source,
    ]);
  });

  it('locks exactly the subjects whose count reached their limit, for the lock duration from now', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ subject, failures: fc.integer({ min: 1, max: 100 }) }), { maxLength: 4 }),
        instant,
        (counts, now) => {
          const locks = locksAfterFailure(counts, now);
          const expected = counts.filter(
            ({ subject: s, failures }) =>
              failures >= (s.kind === 'code' ? LOOKUP_THROTTLE.codeFailures : LOOKUP_THROTTLE.sourceFailures),
          );
          expect(locks.map((lock) => lock.subject)).toEqual(expected.map((count) => count.subject));
          for (const lock of locks) {
            const seconds = lock.until - now.getTime() / 1000;
            // Whole seconds, never longer than the lock: Retry-After then never says more than 900.
            expect(Number.isInteger(lock.until)).toBe(true);
            expect(seconds).toBeGreaterThan(LOOKUP_THROTTLE.lockSeconds - 1);
            expect(seconds).toBeLessThanOrEqual(LOOKUP_THROTTLE.lockSeconds);
            expect(retryAfterSeconds(new Date(lock.until * 1000), now)).toBeLessThanOrEqual(
              LOOKUP_THROTTLE.lockSeconds,
            );
          }
        },
      ),
    );
  });

  it('puts every instant in a fixed window that contains it and ends one window length later', () => {
    fc.assert(
      fc.property(instant, (now) => {
        const window = failureWindow(now);
        const seconds = now.getTime() / 1000;
        expect(window.start).toBeLessThanOrEqual(seconds);
        expect(window.expiresAt).toBeGreaterThan(seconds);
        expect(window.expiresAt - window.start).toBe(LOOKUP_THROTTLE.windowSeconds);
        expect(window.start % LOOKUP_THROTTLE.windowSeconds).toBe(0);
        const later = new Date(now.getTime() + 1000);
        if (later.getTime() / 1000 < window.expiresAt) expect(failureWindow(later)).toEqual(window);
      }),
    );
  });

  it('refuses while the latest lock runs and not after, with a Retry-After of 1 s to the whole lock', () => {
    fc.assert(
      fc.property(
        instant,
        fc.array(fc.integer({ min: -3600, max: 3600 }), { maxLength: 3 }),
        (now, offsets) => {
          const nowSeconds = Math.floor(now.getTime() / 1000);
          const locks = offsets.map((offset) => nowSeconds + offset);
          const retryAt = activeLockout(locks, now);
          const latest = Math.max(0, ...locks);
          if (latest * 1000 > now.getTime()) {
            expect(retryAt?.getTime()).toBe(latest * 1000);
            const seconds = retryAfterSeconds(retryAt as Date, now);
            expect(seconds).toBeGreaterThanOrEqual(1);
            expect(seconds).toBeLessThanOrEqual(3600);
          } else {
            expect(retryAt).toBeUndefined();
          }
        },
      ),
    );
  });

  it('answers 429 with Retry-After and says when to try again in both languages', () => {
    const now = new Date('2026-12-01T03:00:00Z');
    const error = lookupLocked(new Date('2026-12-01T03:14:30Z'), now);
    expect(statusOf(error)).toBe(429);
    expect(error.headers).toEqual({ 'retry-after': '870' });
    expect(error.bilingual.vi).toBe(
      'Đã có quá nhiều lần nhập sai mã tra cứu. Vui lòng thử lại sau 15 phút (lúc 10:15, giờ Việt Nam).',
    );
    expect(error.bilingual.en).toBe(
      'Too many wrong lookup secrets. Please try again in 15 minutes (at 10:15, Vietnam time).',
    );
    expect(error.details).toEqual({ retryAt: '2026-12-01T10:14:30+07:00' });
  });
});
