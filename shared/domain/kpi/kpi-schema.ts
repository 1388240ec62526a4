import * as z from 'zod';
import { recordOf } from '../common/keys.ts';
import { BilingualMessageSchema, RateSchema } from '../common/text-schema.ts';
import { AgencyCodeSchema, TierSchema } from '../intake/catalog.ts';
import { KPI_COUNT_NAMES } from './kpi.ts';
import { GRANULARITIES, isPeriodKey } from './kpi-periods.ts';
import { SCORE_GROUP_IDS } from './kpi-score.ts';
import type { KpiRateName } from './rate-names.ts';
import { StepKpiSchema } from './step-kpi.ts';

export const GranularitySchema = z.enum(GRANULARITIES).meta({ id: 'KpiGranularity' });

const PeriodKeySchema = z
  .string()
  .refine(isPeriodKey, { message: 'period must be YYYY-MM-DD, YYYY-MM, YYYY-Qn or YYYY' })
  .meta({ example: '2026-11' });

export const KpiQuerySchema = z
  .object({
    period: PeriodKeySchema.optional().meta({
      description: 'One period (day, month, quarter or year, in UTC+7). Default: the current month.',
    }),
    from: PeriodKeySchema.optional().meta({ description: 'First period of a trend (with `to`).' }),
    to: PeriodKeySchema.optional().meta({
      description: 'Last period of a trend (same granularity as `from`).',
    }),
    unit: AgencyCodeSchema.optional().meta({
      description: 'One unit; with `children=true`, also the units directly under it.',
    }),
    children: z.enum(['true', 'false']).optional(),
    tier: TierSchema.optional().meta({ description: 'Only units of this tier (and the tier total).' }),
    scope: z.enum(['all', 'province', 'tier', 'agency']).default('all'),
    format: z.enum(['json', 'csv']).default('json'),
  })
  .refine((q) => !(q.period && (q.from || q.to)), {
    path: ['period'],
    message: 'give either period or from/to, not both',
  })
  .refine((q) => !q.from === !q.to, { path: ['to'], message: 'from and to go together' })
  .meta({ id: 'KpiQuery' });

export const KpiCountsSchema = z
  .object(recordOf(KPI_COUNT_NAMES, () => z.number().int()))
  .meta({ id: 'KpiCounts', description: 'The counts every indicator of the row is computed from.' });

export const KpiScopeSchema = z
  .discriminatedUnion('kind', [
    z.object({ kind: z.literal('province') }),
    z.object({ kind: z.literal('tier'), tier: TierSchema }),
    z.object({
      kind: z.literal('agency'),
      code: z.string(),
      name: z.string(),
      tier: TierSchema,
      parentCode: z.string().optional(),
    }),
  ])
  .meta({ id: 'KpiScope' });

const IndicatorRateSchema = RateSchema.extend({
  target: z.number().min(0).max(1).optional(),
  targetMet: z.boolean().nullable().optional(),
});

export const KpiIndicatorsSchema = z
  .object({
    onTimeRate: IndicatorRateSchema,
    onlineProcedureRate: IndicatorRateSchema,
    onlineServiceRate: IndicatorRateSchema,
    onlineRate: IndicatorRateSchema,
    digitisationRate: IndicatorRateSchema,
    digitisedDossierRate: IndicatorRateSchema,
    signedRate: IndicatorRateSchema,
    exchangeSignedRate: IndicatorRateSchema,
    fullOnlineProcedureRate: IndicatorRateSchema,
    satisfactionRate: IndicatorRateSchema,
    averageProcessingDays: z.number().min(0).nullable().meta({
      description:
        'Decision 766 indicator 2.2: working days from receipt to settlement, time waiting for the applicant left out (processingWorkingMinutes / settledTimed / 480).',
    }),
    averageRating: z.number().min(1).max(5).nullable(),
  } satisfies Record<KpiRateName, typeof IndicatorRateSchema> & {
    averageProcessingDays: z.ZodType;
    averageRating: z.ZodType;
  })
  .meta({ id: 'KpiIndicators' });

export const ScoreIndicatorSchema = z.object({
  id: z.string().meta({ example: '2.1' }),
  name: BilingualMessageSchema,
  measured: z.boolean().meta({
    description:
      'false: the platform holds no data for it, or no scoring rule for it is confirmed; it scores 0.',
  }),
  rate: RateSchema.nullable(),
  threshold: z.number().min(0).max(1).nullable(),
  points: z.number().min(0),
  maxPoints: z.number().min(0),
});

export const Score766Schema = z
  .object({
    groups: z.array(
      z.object({
        id: z.enum(SCORE_GROUP_IDS),
        name: BilingualMessageSchema,
        points: z.number().min(0),
        maxPoints: z.number().min(0),
        indicators: z.array(ScoreIndicatorSchema),
      }),
    ),
    total: z.number().min(0).max(100),
    maxPoints: z.literal(100),
    measuredMaxPoints: z.number().min(0).max(100).meta({
      description: 'The points of the indicators the platform measures: the most this unit can score here.',
    }),
  })
  .meta({ id: 'Score766', description: 'Decision 766/QĐ-TTg index with threshold scoring.' });

export const KpiRowSchema = z
  .object({
    period: z.string().meta({ example: '2026-11' }),
    granularity: GranularitySchema,
    scopeKey: z.string().meta({ example: 'agency:000.17.22.H56' }),
    scope: KpiScopeSchema,
    closed: z.boolean().meta({ description: 'The period has ended and was reconciled against a recount.' }),
    aggregatedAt: z.iso.datetime({ offset: true }),
    counts: KpiCountsSchema,
    indicators: KpiIndicatorsSchema,
    score: Score766Schema,
    rank: z
      .number()
      .int()
      .min(1)
      .optional()
      .meta({ description: 'Place among the units of the same tier in this period, by score (1 = best).' }),
    steps: z.array(StepKpiSchema).optional().meta({
      description:
        'A unit’s row only: the internal-process steps it finished in the period, per process and step, highest late share first.',
    }),
  })
  .meta({ id: 'KpiRow' });

export type KpiQuery = z.infer<typeof KpiQuerySchema>;
export type KpiRow = z.infer<typeof KpiRowSchema>;
export type KpiScope = z.infer<typeof KpiScopeSchema>;
export type Score766 = z.infer<typeof Score766Schema>;
