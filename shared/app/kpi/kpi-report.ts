import type { KpiRow } from '../../contracts/kpi.ts';
import type { KpiReportQuery } from '../../contracts/kpi-report.ts';
import { DomainError } from '../../domain/common/errors.ts';
import { periodsOf } from '../../domain/kpi/kpi-periods.ts';
import { type KpiRows, rowsOfPeriod } from './read-kpi.ts';

export interface KpiReportPorts {
  store: KpiRows;
  /** The printable A4 page of one row (pdf-lib in every deployment). */
  render(input: { row: KpiRow; rankedInTier?: number | undefined; generatedAt: Date }): Promise<Uint8Array>;
  now(): Date;
}

/** One unit's (or the province's) published indicators for one period, as a printable A4 page. */
export async function kpiReport(
  ports: KpiReportPorts,
  query: KpiReportQuery,
): Promise<{ pdf: Uint8Array; fileName: string }> {
  const period = query.period ?? periodsOf(ports.now()).month;
  const rows = await rowsOfPeriod(ports.store, period);
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
  const pdf = await ports.render({ row, rankedInTier, generatedAt: ports.now() });
  return { pdf, fileName: `bao-cao-kpi-${query.unit ?? 'toan-tinh'}-${period}.pdf` };
}
