import * as z from 'zod';
import { AgencyCodeSchema } from './catalog.ts';
import { RateSchema } from './common.ts';

export const KpiQuerySchema = z
  .object({
    agencyCode: AgencyCodeSchema.optional(),
    from: z.iso.date().optional(),
    to: z.iso.date().optional(),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { path: ['to'], message: 'to must not be before from' })
  .meta({ id: 'KpiQuery' });

export const KpiRowSchema = z
  .object({
    agencyCode: z.string(),
    day: z.iso.date(),
    received: z.number().int().nonnegative(),
    receivedOnline: z.number().int().nonnegative(),
    settled: z.number().int().nonnegative(),
    settledOnTime: z.number().int().nonnegative(),
    tier: z.enum(['commune', 'district', 'province', 'central']),
    documentsIssued: z.number().int().nonnegative(),
    documentsSigned: z.number().int().nonnegative(),
    onTimeRate: RateSchema,
    onlineRate: RateSchema,
    signedRate: RateSchema,
    signingTarget: z.number().min(0).max(1),
    signingTargetMet: z.boolean().nullable(),
    aggregatedAt: z.iso.datetime({ offset: true }),
  })
  .meta({
    id: 'KpiRow',
    description:
      'Per agency and local day of receipt. onTimeRate = settledOnTime / settled; onlineRate = receivedOnline / received; signedRate = documentsSigned / documentsIssued (receipts and issued results), against signingTarget for the unit’s tier.',
  });

export const KpiResponseSchema = z.object({ rows: z.array(KpiRowSchema) }).meta({ id: 'KpiResponse' });

export type KpiQuery = z.infer<typeof KpiQuerySchema>;
export type KpiRow = z.infer<typeof KpiRowSchema>;
