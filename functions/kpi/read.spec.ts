import * as z from 'zod';
import { name } from '../../shared/config/env.ts';
import { KpiQuerySchema, KpiResponseSchema } from '../../shared/contracts/kpi.ts';
import { apiFunction } from '../../shared/http/endpoint-spec.ts';
import { errors, jsonContent, publicRoute } from '../../shared/http/openapi.ts';

export const readKpiSpec = apiFunction({
  id: 'ReadKpi',
  handler: 'kpi/read.ts',
  description: 'Reads KPI rows',
  env: z.object({ KPI_TABLE: name }),
  permissions: ['kpi:read'],
  endpoints: [
    publicRoute('GET', '/kpi', {
      summary: 'KPI indicators of the province, each tier and each unit for one period or a trend',
      description:
        'Aggregates only, no personal data: the same answer serves operators and the public. Periods are days, months, quarters or years in UTC+7; every rate carries its numerator and denominator, and `formulas` documents each. `format=csv` answers the same rows as CSV.',
      params: { query: KpiQuerySchema },
      responses: {
        '200': {
          description: 'Rows',
          content: { ...jsonContent(KpiResponseSchema), 'text/csv': { schema: z.string() } },
        },
        ...errors,
      },
    }),
  ],
});
