/**
 * The shapes of the KPI counter items (see `stored-items.ts`), apart so that the KPI functions do not
 * build every other stored shape when they start.
 */
import * as z from 'zod';
import { TierSchema } from '../domain/agencies/tier-schema.ts';

/** A unit's counts for one period in one shard: every attribute besides the keys and tier is a count. */
export const StoredFlowCellSchema = z
  .object({ bucket: z.string(), cell: z.string(), tier: TierSchema })
  .catchall(z.number());

export const StoredOpenCellSchema = z.looseObject({
  bucket: z.string(),
  cell: z.string(),
  agencyCode: z.string(),
  tier: TierSchema,
  dueDay: z.string(),
  open: z.number(),
});

export const StoredClosingStateSchema = z.looseObject({ lastClosedDay: z.string() });

export const StoredPublishedFingerprintsSchema = z.looseObject({
  fingerprints: z.record(z.string(), z.string()),
});

export const StoredDriftSchema = z.looseObject({
  recounted: z.string(),
  scopeKey: z.string(),
  recountedAt: z.string(),
  requestedBy: z.string(),
  dossiers: z.number(),
  differences: z.array(
    z.looseObject({ agencyCode: z.string(), count: z.string(), counted: z.number(), recounted: z.number() }),
  ),
});
