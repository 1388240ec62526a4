import { describe, expect, it } from 'vitest';
import { submitDossierSpec } from '../../../functions/dossiers/submit.spec.ts';
import { tierConsumerEnv } from '../../../shared/config/env.ts';

const submitDossierEnv = submitDossierSpec.env;

const base = {
  DOSSIERS_TABLE: 'd',
  AUDIT_TABLE: 'a',
  AUDIT_PENDING_TABLE: 'p',
  COUNTERS_TABLE: 'c',
  REFERENCE_TABLE: 'r',
  IDEMPOTENCY_TABLE: 'i',
  ATTACHMENTS_BUCKET: 'b',
  SIGNING_KEY_ID: 'k',
  RSA_SIGNING_KEY_ID: 'r',
  DATA_KEY_ID: 'dk',
  SEARCH_KEY_ID: 'sk',
};

describe('function environments', () => {
  it('accept the queue map of the two-level 2025 profile, which has no district tier', () => {
    const env = submitDossierEnv.parse({
      ...base,
      TIER_QUEUE_URLS: JSON.stringify({ commune: 'q1', province: 'q2', central: 'q3' }),
    });
    expect(env.TIER_QUEUE_URLS).toEqual({ commune: 'q1', province: 'q2', central: 'q3' });
  });

  it('refuse a queue map that is not JSON or names an unknown tier', () => {
    expect(submitDossierEnv.safeParse({ ...base, TIER_QUEUE_URLS: 'commune=q1' }).success).toBe(false);
    expect(submitDossierEnv.safeParse({ ...base, TIER_QUEUE_URLS: '{"hamlet":"q"}' }).success).toBe(false);
  });

  it('refuse a consumer without an official sender address', () => {
    const result = tierConsumerEnv.safeParse({
      DOSSIERS_TABLE: 'd',
      TIER: 'commune',
      MAIL_CONFIGURATION_SET: 'm',
      OFFICIAL_SENDER: 'not-an-address',
    });
    expect(result.success).toBe(false);
  });
});
