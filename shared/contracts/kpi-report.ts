import * as z from 'zod';
import { AgencyCodeSchema } from './catalog.ts';
import { KpiQuerySchema } from './kpi.ts';

/** `GET /kpi/report`: one unit (or the province) and one period, as a printable page. */
export const KpiReportQuerySchema = z
  .object({
    unit: AgencyCodeSchema.optional().meta({ description: 'The unit; omitted: the whole province.' }),
    period: KpiQuerySchema.shape.period,
  })
  .meta({ id: 'KpiReportQuery' });

export type KpiReportQuery = z.infer<typeof KpiReportQuerySchema>;
