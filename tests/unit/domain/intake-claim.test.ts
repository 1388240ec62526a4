import { describe, expect, it } from 'vitest';
import { claimedAnswer, intakeClaimId, newIntakeClaim } from '../../../shared/domain/intake/intake-claim.ts';

describe('intake claims', () => {
  const now = new Date('2026-12-01T08:00:00Z');
  const claim = newIntakeClaim('key-1', '{"a":1}', '000.17.22.H56-261201-0001', { dossierCode: 'x' }, now);

  it('are keyed by a hash of the Idempotency-Key, never the key itself', () => {
    expect(claim.id).toBe(intakeClaimId('key-1'));
    expect(claim.id).not.toContain('key-1');
    expect(intakeClaimId('key-2')).not.toBe(claim.id);
  });

  it('give the earlier answer to the same body, flag another body, and lapse after a day', () => {
    expect(claimedAnswer(claim, '{"a":1}', now)).toEqual({ sameBody: true, response: { dossierCode: 'x' } });
    expect(claimedAnswer(claim, '{"a":2}', now)?.sameBody).toBe(false);
    expect(claimedAnswer(claim, '{"a":1}', new Date(now.getTime() + 25 * 3600_000))).toBeUndefined();
    expect(claimedAnswer(undefined, '{"a":1}', now)).toBeUndefined();
  });
});
