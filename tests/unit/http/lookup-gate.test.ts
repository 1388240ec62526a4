import type { APIGatewayProxyEvent } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { DomainError, lookupNotFound } from '../../../shared/domain/common/errors.ts';
import { hashLookupSecret } from '../../../shared/domain/intake/lookup-secret.ts';
import { subjectKey, type ThrottleSubject } from '../../../shared/domain/intake/lookup-throttle.ts';
import { statusOf as httpStatusOf } from '../../../shared/http/errors.ts';
import { type AttemptStore, LookupGate, lookupSecretOf } from '../../../shared/http/lookup-gate.ts';

/** The Counters table's behaviour as far as the gate sees it: counts per subject and window, locks. */
class MemoryAttempts implements AttemptStore {
  readonly counts = new Map<string, number>();
  readonly lockedUntil = new Map<string, number>();
  async locks(subjects: readonly ThrottleSubject[]) {
    return subjects.flatMap((s) => this.lockedUntil.get(subjectKey(s)) ?? []);
  }
  async countFailure(subject: ThrottleSubject, window: { start: number }) {
    const key = `${subjectKey(subject)}#${window.start}`;
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
    return this.counts.get(key) as number;
  }
  async lock(subject: ThrottleSubject, until: number) {
    this.lockedUntil.set(subjectKey(subject), until);
  }
}

const SECRET = 'c2VjcmV0LXNlY3JldC1zZWNyZXQ';
const codes = Array.from({ length: 30 }, (_, i) => `000.17.22.H56-261201-${String(i + 1).padStart(4, '0')}`);
const dossiers = new Map(codes.map((code) => [code, { lookupSecretHash: hashLookupSecret(SECRET) }]));

function event(secret: string | undefined, sourceIp: string, query?: Record<string, string>) {
  return {
    headers: secret === undefined ? {} : { 'x-lookup-secret': secret },
    queryStringParameters: query ?? null,
    multiValueQueryStringParameters: null,
    requestContext: { identity: { sourceIp } },
  } as unknown as APIGatewayProxyEvent;
}

async function statusOf(gate: LookupGate, code: string, secret: string | undefined, source: string) {
  try {
    await gate.open(event(secret, source), code, async () => dossiers.get(code), lookupNotFound);
    return 200;
  } catch (error) {
    if (error instanceof DomainError) return httpStatusOf(error);
    throw error;
  }
}

describe('the lookup gate', () => {
  it('locks a source after 20 wrong secrets spread over codes below their own limit', async () => {
    const gate = new LookupGate(new MemoryAttempts());
    for (let attempt = 0; attempt < 20; attempt += 1) {
      // Each code gets at most 4 wrong secrets, under its limit of 5.
      expect(await statusOf(gate, codes[attempt % 5] as string, 'A'.repeat(22), '203.0.113.9')).toBe(404);
    }
    expect(await statusOf(gate, codes[20] as string, SECRET, '203.0.113.9')).toBe(429);
    expect(await statusOf(gate, codes[20] as string, SECRET, '198.51.100.4')).toBe(200);
  });

  it('locks a code after 5 wrong secrets, for every source and even for the right secret', async () => {
    const gate = new LookupGate(new MemoryAttempts());
    for (let attempt = 0; attempt < 5; attempt += 1) {
      expect(await statusOf(gate, codes[0] as string, 'B'.repeat(22), `203.0.113.${attempt}`)).toBe(404);
    }
    expect(await statusOf(gate, codes[0] as string, SECRET, '198.51.100.4')).toBe(429);
    expect(await statusOf(gate, codes[1] as string, SECRET, '198.51.100.4')).toBe(200);
  });

  it('serves one request through for(event): its secret opens, its source is counted', async () => {
    const attempts = new MemoryAttempts();
    const gate = new LookupGate(attempts);
    const code = codes[9] ?? '';
    const read = async () => dossiers.get(code);
    expect(await gate.for(event(SECRET, '203.0.113.7')).open(code, read, lookupNotFound)).toBe(
      dossiers.get(code),
    );
    await expect(
      gate.for(event('D'.repeat(22), '203.0.113.7')).open(code, read, lookupNotFound),
    ).rejects.toThrow();
    expect([...attempts.counts.keys()].map((key) => key.split('#').slice(0, 2).join('#')).sort()).toEqual([
      `code#${code}`,
      'source#203.0.113.7',
    ]);
  });

  it('does not count a missing secret, and skips the per-source count for exempt sources only', async () => {
    const attempts = new MemoryAttempts();
    const gate = new LookupGate(attempts, { exemptSources: ['127.0.0.1'] });
    for (let attempt = 0; attempt < 10; attempt += 1) {
      expect(await statusOf(gate, codes[2] as string, undefined, '203.0.113.1')).toBe(404);
    }
    expect(attempts.counts.size).toBe(0);
    for (let attempt = 0; attempt < 25; attempt += 1) {
      expect(await statusOf(gate, codes[3 + (attempt % 5)] as string, 'C'.repeat(22), '127.0.0.1')).toBe(404);
    }
    expect([...attempts.counts.keys()].some((key) => key.startsWith('source#'))).toBe(false);
    // The per-code lock still applies to an exempt source.
    expect(await statusOf(gate, codes[3] as string, SECRET, '127.0.0.1')).toBe(429);
  });

  it('refuses a lookup secret in the query string, naming the header', () => {
    for (const name of ['secret', 'lookupSecret', 'x-lookup-secret']) {
      let refusal: DomainError | undefined;
      try {
        lookupSecretOf(event(undefined, '203.0.113.1', { [name]: SECRET }));
      } catch (error) {
        refusal = error as DomainError;
      }
      expect(refusal && httpStatusOf(refusal)).toBe(400);
      expect(refusal?.bilingual.en).toContain('x-lookup-secret');
      expect(refusal?.bilingual.vi).toContain('x-lookup-secret');
    }
    expect(lookupSecretOf(event(SECRET, '203.0.113.1', { lang: 'en' }))).toBe(SECRET);
  });
});
