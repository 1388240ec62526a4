import { toVietnamIso } from '../calendar/time.ts';
import { DomainError } from '../common/errors.ts';

/**
 * Failed lookup-secret checks are counted per dossier code and per source address in fixed
 * windows; reaching a limit locks that code or source for a while. A 128-bit secret cannot be
 * guessed anyway: the limits stop the noise (and the cost) of trying, and a locked code answers
 * even its correct secret with 429, since a lock that a right guess could pass would tell the
 * guesser when they were right.
 */
export interface LookupThrottlePolicy {
  windowSeconds: number;
  /** Failures on one code within a window that lock the code. */
  codeFailures: number;
  /** Failures from one source address within a window that lock the source. */
  sourceFailures: number;
  lockSeconds: number;
}

export const LOOKUP_THROTTLE: LookupThrottlePolicy = {
  windowSeconds: 15 * 60,
  codeFailures: 5,
  sourceFailures: 20,
  lockSeconds: 15 * 60,
};

export type ThrottleSubject = { kind: 'code' | 'source'; id: string };

export const subjectKey = (subject: ThrottleSubject) => `${subject.kind}#${subject.id}`;

/** The fixed window `now` falls in, as epoch seconds, and when its count may be forgotten. */
export function failureWindow(now: Date, policy: LookupThrottlePolicy = LOOKUP_THROTTLE) {
  const seconds = Math.floor(now.getTime() / 1000);
  const start = seconds - (seconds % policy.windowSeconds);
  return { start, expiresAt: start + policy.windowSeconds };
}

/** The latest lock still running at `now` (epoch seconds), if any: when the lookup may be tried again. */
export function activeLockout(lockedUntil: readonly number[], now: Date): Date | undefined {
  const latest = Math.max(0, ...lockedUntil);
  return latest * 1000 > now.getTime() ? new Date(latest * 1000) : undefined;
}

/**
 * The subjects whose count, after this failure, has reached its limit, and until when they are
 * locked. A failure counted after the limit (a race between two lookups) locks again: that only
 * moves the end of the lock later.
 */
export function locksAfterFailure(
  counts: readonly { subject: ThrottleSubject; failures: number }[],
  now: Date,
  policy: LookupThrottlePolicy = LOOKUP_THROTTLE,
): { subject: ThrottleSubject; until: number }[] {
  const until = Math.floor(now.getTime() / 1000) + policy.lockSeconds;
  return counts
    .filter(({ subject, failures }) => failures >= limitOf(subject, policy))
    .map(({ subject }) => ({ subject, until }));
}

function limitOf(subject: ThrottleSubject, policy: LookupThrottlePolicy): number {
  return subject.kind === 'code' ? policy.codeFailures : policy.sourceFailures;
}

/** Whole seconds until `retryAt`, at least 1: the value of a `Retry-After` header. */
export function retryAfterSeconds(retryAt: Date, now: Date): number {
  return Math.max(1, Math.ceil((retryAt.getTime() - now.getTime()) / 1000));
}

/** The 429 a locked lookup gets, saying when to try again in both languages. */
export function lookupLocked(retryAt: Date, now: Date): DomainError {
  const seconds = retryAfterSeconds(retryAt, now);
  const minutes = Math.ceil(seconds / 60);
  const at = toVietnamIso(retryAt);
  // The clock time shown is the minute after the lock ends, so trying at that time works.
  const clock = toVietnamIso(new Date(Math.ceil(retryAt.getTime() / 60_000) * 60_000)).slice(11, 16);
  return new DomainError(
    'TOO_MANY_ATTEMPTS',
    {
      vi: `Đã có quá nhiều lần nhập sai mã tra cứu. Vui lòng thử lại sau ${minutes} phút (lúc ${clock}, giờ Việt Nam).`,
      en: `Too many wrong lookup secrets. Please try again in ${minutes} minute${minutes === 1 ? '' : 's'} (at ${clock}, Vietnam time).`,
    },
    [],
    { retryAt: at },
    { 'retry-after': String(seconds) },
  );
}
