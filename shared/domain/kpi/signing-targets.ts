import * as z from 'zod';
import { TierSchema } from '../agencies/tier-schema.ts';
import type { Tier } from '../agencies/tiers.ts';

/** Share of documents each tier's units must sign. */
export const SigningTargetsSchema = z.record(TierSchema, z.number().min(0).max(1));

/** Seeds: 80% of documents signed for district-level units, 60% for communes; configurable. */
export const DEFAULT_SIGNING_TARGETS: Record<Tier, number> = {
  commune: 0.6,
  district: 0.8,
  province: 0.8,
  central: 0.8,
};
