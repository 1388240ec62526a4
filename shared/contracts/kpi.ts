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
    signed: z.number().int().nonnegative(),
    onTimeRate: RateSchema,
    onlineRate: RateSchema,
    signedRate: RateSchema,
    aggregatedAt: z.iso.datetime({ offset: true }),
  })
  .meta({
    id: 'KpiRow',
    description:
      'Per agency and local day of receipt. onTimeRate = settledOnTime / settled; onlineRate = receivedOnline / received; signedRate = signed / received.',
  });

export const KpiResponseSchema = z.object({ rows: z.array(KpiRowSchema) }).meta({ id: 'KpiResponse' });

export type KpiQuery = z.infer<typeof KpiQuerySchema>;
export type KpiRow = z.infer<typeof KpiRowSchema>;
