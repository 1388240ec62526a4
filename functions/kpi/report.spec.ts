import * as z from 'zod';
import { name } from '../../shared/config/env.ts';
import { KpiReportQuerySchema } from '../../shared/contracts/kpi-report.ts';
import { apiFunction } from '../../shared/http/endpoint-spec.ts';
import { errorContent, errors, pdfContent, publicRoute } from '../../shared/http/openapi.ts';

export const kpiReportSpec = apiFunction({
  id: 'KpiReport',
  handler: 'kpi/report.ts',
  description: 'Renders one unit’s KPI report for a period as a one-page PDF',
  env: z.object({ KPI_TABLE: name }),
  permissions: ['kpi:query', 'dataKey:decrypt'],
  memorySize: 512,
  timeoutSeconds: 20,
  endpoints: [
    publicRoute('GET', '/kpi/report', {
      summary: 'One unit’s (or the province’s) KPI report for a period, as a one-page PDF',
      throttle: { rate: 5, burst: 10 },
      params: { query: KpiReportQuerySchema },
      responses: {
        '200': { description: 'PDF (A4, one page)', content: pdfContent },
        '404': { description: 'No published figures for this unit and period', content: errorContent },
        ...errors,
      },
    }),
  ],
});
