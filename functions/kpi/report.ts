import regular from 'dejavu-fonts-ttf/ttf/DejaVuSans.ttf';
import bold from 'dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf';
import { renderKpiReportPdf } from '../../shared/adapters/kpi-report-pdf.ts';
import { KpiRowStore } from '../../shared/adapters/kpi-store.ts';
import { loadEnv } from '../../shared/config/env.ts';
import { KpiReportQuerySchema } from '../../shared/contracts/kpi-report.ts';
import { DomainError } from '../../shared/domain/errors.ts';
import { periodsOf } from '../../shared/domain/kpi-periods.ts';
import { httpEndpoint, validate } from '../../shared/http/endpoint.ts';
import { binary } from '../../shared/http/responses.ts';
import { kpiReportSpec } from './report.spec.ts';

const env = loadEnv(kpiReportSpec.env);
const store = new KpiRowStore(env.KPI_TABLE);

/** One unit's (or the province's) published indicators for one period, as a printable A4 page. */
export const handler = httpEndpoint(async (event) => {
  const query = validate(KpiReportQuerySchema, event.queryStringParameters ?? {});
  const period = query.period ?? periodsOf(new Date()).month;
  const rows = await store.rows(period);
  const scopeKey = query.unit ? `agency:${query.unit}` : 'province';
  const row = rows.find((candidate) => candidate.scopeKey === scopeKey);
  if (!row) {
    throw new DomainError('NOT_FOUND', {
      vi: `Chưa có số liệu của ${query.unit ? `đơn vị ${query.unit}` : 'toàn tỉnh'} cho kỳ ${period}.`,
      en: `No published figures for ${query.unit ? `unit ${query.unit}` : 'the province'} in period ${period}.`,
    });
  }
  const tier = row.scope.kind === 'agency' ? row.scope.tier : undefined;
  const rankedInTier = rows.filter(
    (candidate) =>
      candidate.scope.kind === 'agency' && candidate.scope.tier === tier && candidate.rank !== undefined,
  ).length;
  const pdf = await renderKpiReportPdf({ row, rankedInTier, generatedAt: new Date() }, { regular, bold });
  const name = `bao-cao-kpi-${query.unit ?? 'toan-tinh'}-${period}.pdf`;
  return binary(200, pdf, 'application/pdf', {
    'cache-control': 'public, max-age=60',
    'content-disposition': `inline; filename="${name}"`,
  });
});
