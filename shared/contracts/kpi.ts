import * as z from 'zod';
import { BilingualMessageSchema } from '../domain/common/text-schema.ts';
import { GranularitySchema, KpiRowSchema } from '../domain/kpi/kpi-schema.ts';

export {
  GranularitySchema,
  KpiCountsSchema,
  KpiIndicatorsSchema,
  type KpiQuery,
  KpiQuerySchema,
  type KpiRow,
  KpiRowSchema,
  type KpiScope,
  KpiScopeSchema,
  type Score766,
  Score766Schema,
  ScoreIndicatorSchema,
} from '../domain/kpi/kpi-schema.ts';

export const KpiFormulaSchema = z.object({
  name: BilingualMessageSchema,
  formula: z.string(),
  source: z.string(),
});

export const KpiResponseSchema = z
  .object({
    granularity: GranularitySchema,
    periods: z.array(z.string()),
    rows: z.array(KpiRowSchema),
    formulas: z.record(z.string(), KpiFormulaSchema),
  })
  .meta({ id: 'KpiResponse' });

export type KpiResponse = z.infer<typeof KpiResponseSchema>;
