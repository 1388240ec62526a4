import { dejaVuSans } from '../../shared/adapters/dejavu-fonts.ts';
import { type KpiReportInput, renderKpiReportPdf } from '../../shared/adapters/kpi-report-pdf.ts';
import { KpiRowStore } from '../../shared/adapters/kpi-store.ts';
import { kpiReport } from '../../shared/app/kpi/kpi-report.ts';
import { loadEnv } from '../../shared/config/env.ts';
import { KpiReportQuerySchema } from '../../shared/contracts/kpi-report.ts';
import { httpEndpoint, validate } from '../../shared/http/endpoint.ts';
import { binary } from '../../shared/http/responses.ts';
import { kpiReportSpec } from './report.spec.ts';

const env = loadEnv(kpiReportSpec.env);
const ports = {
  store: new KpiRowStore(env.KPI_TABLE),
  render: (input: KpiReportInput) => renderKpiReportPdf(input, dejaVuSans),
  now: () => new Date(),
};

/** One unit's (or the province's) published indicators for one period, as a printable A4 page. */
export const handler = httpEndpoint(async (event) => {
  const report = await kpiReport(ports, validate(KpiReportQuerySchema, event.queryStringParameters ?? {}));
  return binary(200, report.pdf, 'application/pdf', {
    'cache-control': 'public, max-age=60',
    'content-disposition': `inline; filename="${report.fileName}"`,
  });
});
