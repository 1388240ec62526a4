import type { APIGatewayProxyEvent } from 'aws-lambda';
import { LookupAttempts } from '../adapters/lookup-attempts.ts';
import { LOOKUP_SECRET_HEADER } from '../contracts/dossiers.ts';
import { DomainError } from '../domain/common/errors.ts';
import { parseDossierCode } from '../domain/intake/dossier-code.ts';
import { secretOpens } from '../domain/intake/lookup-secret.ts';
import {
  activeLockout,
  failureWindow,
  LOOKUP_THROTTLE,
  type LookupThrottlePolicy,
  locksAfterFailure,
  lookupLocked,
  type ThrottleSubject,
} from '../domain/intake/lookup-throttle.ts';

/** Where failed checks are counted and locks kept (`LookupAttempts` in AWS). */
export interface AttemptStore {
  locks(subjects: readonly ThrottleSubject[]): Promise<number[]>;
  countFailure(subject: ThrottleSubject, window: { start: number; expiresAt: number }): Promise<number>;
  lock(subject: ThrottleSubject, until: number): Promise<void>;
}

export function lookupSecretInQuery(): DomainError {
  return new DomainError('LOOKUP_SECRET_IN_QUERY', {
    vi: `Mã tra cứu chỉ được gửi trong tiêu đề ${LOOKUP_SECRET_HEADER}, không gửi trong địa chỉ (URL).`,
    en: `The lookup secret is accepted only in the ${LOOKUP_SECRET_HEADER} header, not in the URL.`,
  });
}

/** The caller's lookup secret, from its header; one sent in the query string is refused, not ignored. */
export function lookupSecretOf(event: APIGatewayProxyEvent): string | undefined {
  const names = Object.keys({
    ...event.queryStringParameters,
    ...event.multiValueQueryStringParameters,
  });
  if (names.some((name) => /secret/i.test(name))) throw lookupSecretInQuery();
  return event.headers[LOOKUP_SECRET_HEADER];
}

interface Guarded {
  lookupSecretHash?: string | undefined;
}

/**
 * Opens a dossier for a citizen holding its lookup secret, under the lockout rule: a locked code or
 * source is refused before the dossier is read, and a presented secret that opens nothing is
 * counted against both. A missing secret is not a guess and is not counted.
 */
export class LookupGate {
  private readonly policy: LookupThrottlePolicy;
  private readonly exemptSources: ReadonlySet<string>;

  constructor(
    private readonly store: AttemptStore,
    options: { policy?: LookupThrottlePolicy; exemptSources?: readonly string[] } = {},
  ) {
    this.policy = options.policy ?? LOOKUP_THROTTLE;
    this.exemptSources = new Set(options.exemptSources ?? []);
  }

  async open<T extends Guarded>(
    event: APIGatewayProxyEvent,
    code: string,
    read: () => Promise<T | undefined>,
    notFound: () => DomainError,
  ): Promise<T> {
    const secret = lookupSecretOf(event);
    const subjects = this.subjectsOf(event, code);
    if (subjects.length > 0) {
      const now = new Date();
      const retryAt = activeLockout(await this.store.locks(subjects), now);
      if (retryAt) throw lookupLocked(retryAt, now);
    }
    const dossier = parseDossierCode(code) ? await read() : undefined;
    if (dossier && secretOpens(secret, dossier.lookupSecretHash)) return dossier;
    if (secret !== undefined) await this.countFailure(subjects);
    throw notFound();
  }

  /** The gate as one request's caller meets it: their secret, their source. */
  for(event: APIGatewayProxyEvent) {
    return {
      open: <T extends Guarded>(
        code: string,
        read: () => Promise<T | undefined>,
        notFound: () => DomainError,
      ) => this.open(event, code, read, notFound),
    };
  }

  /** The code only when well formed (no dossier has another), the source unless exempt. */
  private subjectsOf(event: APIGatewayProxyEvent, code: string): ThrottleSubject[] {
    const subjects: ThrottleSubject[] = [];
    if (parseDossierCode(code)) subjects.push({ kind: 'code', id: code });
    const source = event.requestContext?.identity?.sourceIp;
    if (source && !this.exemptSources.has(source)) subjects.push({ kind: 'source', id: source });
    return subjects;
  }

  private async countFailure(subjects: readonly ThrottleSubject[]): Promise<void> {
    const now = new Date();
    const window = failureWindow(now, this.policy);
    const counts = await Promise.all(
      subjects.map(async (subject) => ({
        subject,
        failures: await this.store.countFailure(subject, window),
      })),
    );
    await Promise.all(
      locksAfterFailure(counts, now, this.policy).map(({ subject, until }) =>
        this.store.lock(subject, until),
      ),
    );
  }
}

/** The gate of a function whose environment names the attempts table and the exempt sources. */
export function lookupGateFromEnv(env: {
  COUNTERS_TABLE: string;
  LOOKUP_THROTTLE_EXEMPT_SOURCES: readonly string[];
}): LookupGate {
  return new LookupGate(new LookupAttempts(env.COUNTERS_TABLE), {
    exemptSources: env.LOOKUP_THROTTLE_EXEMPT_SOURCES,
  });
}
