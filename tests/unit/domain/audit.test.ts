import { describe, expect, it } from 'vitest';
import {
  type AuditEntry,
  GENESIS_HASH,
  nextAuditEntry,
  verifyAuditChain,
} from '../../../shared/domain/audit/audit.ts';

function chainOf(length: number): AuditEntry[] {
  const entries: AuditEntry[] = [];
  for (let i = 0; i < length; i += 1) {
    entries.push(
      nextAuditEntry('D-1', entries.at(-1), {
        kind: 'state_change',
        action: `step-${i}`,
        actor: 'officer',
        at: `2026-11-24T0${i}:00:00+07:00`,
        details: { i },
      }),
    );
  }
  return entries;
}

describe('tamper-evident audit chain', () => {
  it('links each entry to the hash of the previous one, from a genesis hash', () => {
    const entries = chainOf(3);
    expect(entries[0]?.prevHash).toBe(GENESIS_HASH);
    expect(entries[1]?.prevHash).toBe(entries[0]?.hash);
    expect(verifyAuditChain('D-1', entries)).toEqual({ chain: 'D-1', intact: true, length: 3 });
  });

  it('reports an altered entry as the first broken link', () => {
    const entries = chainOf(4);
    const altered = entries.map((e) => (e.seq === 2 ? { ...e, actor: 'someone-else' } : e));
    expect(verifyAuditChain('D-1', altered)).toMatchObject({
      intact: false,
      brokenAt: 2,
      reason: expect.stringContaining('altered'),
    });
  });

  it('reports a removed entry', () => {
    const entries = chainOf(4).filter((e) => e.seq !== 3);
    expect(verifyAuditChain('D-1', entries)).toMatchObject({ intact: false, brokenAt: 3 });
  });

  it('reports an entry rewritten with a recomputed hash, because the next link no longer matches', () => {
    const entries = chainOf(3);
    const [first, second, third] = entries;
    if (!first || !second || !third) throw new Error('chain too short');
    const forged = nextAuditEntry('D-1', first, { ...second, actor: 'forger' });
    expect(verifyAuditChain('D-1', [first, forged, third])).toMatchObject({ intact: false, brokenAt: 3 });
  });
});
