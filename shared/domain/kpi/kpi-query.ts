import { csvCell, csvLine } from '../common/csv.ts';
import { DomainError } from '../common/errors.ts';
import { KPI_COUNT_NAMES, KPI_FORMULAS } from './kpi.ts';
import { type Granularity, granularityOf, periodRange, periodsOf } from './kpi-periods.ts';
import type { KpiQuery, KpiRow } from './kpi-schema.ts';
import { KPI_RATE_NAMES } from './rate-names.ts';

/** A trend may cover at most this many periods (about 13 months of days). */
export const MAX_PERIODS = 400;

/** The periods a query asks for: one, a range of one granularity, or by default the current month. */
export function periodsFor(query: KpiQuery, now: Date): { granularity: Granularity; periods: string[] } {
  const from = query.period ?? query.from ?? periodsOf(now).month;
  const to = query.period ?? query.to ?? from;
  const granularity = granularityOf(from);
  if (!granularity || granularity !== granularityOf(to) || from > to) {
    throw new DomainError(
      'VALIDATION_FAILED',
      {
        vi: 'Khoảng thời gian không hợp lệ: from và to phải cùng loại kỳ (ngày, tháng, quý, năm) và from ≤ to.',
        en: 'Invalid range: from and to must be periods of the same kind (day, month, quarter, year) with from ≤ to.',
      },
      [
        {
          field: 'to',
          message: { vi: 'Không cùng loại kỳ với from.', en: 'Not the same kind of period as from.' },
        },
      ],
    );
  }
  try {
    return { granularity, periods: periodRange(from, to, MAX_PERIODS) };
  } catch {
    throw new DomainError(
      'VALIDATION_FAILED',
      {
        vi: `Tối đa ${MAX_PERIODS} kỳ mỗi lần truy vấn.`,
        en: `At most ${MAX_PERIODS} periods per query.`,
      },
      [{ field: 'from', message: { vi: 'Khoảng quá dài.', en: 'Range too long.' } }],
    );
  }
}

/** The rows a query keeps: by scope kind, unit (and its children), tier. */
export function selectRows(rows: readonly KpiRow[], query: KpiQuery): KpiRow[] {
  return rows.filter((row) => {
    const { scope } = row;
    if (query.scope !== 'all' && scope.kind !== query.scope) return false;
    if (query.tier && scope.kind !== 'province' && scope.tier !== query.tier) return false;
    if (query.tier && scope.kind === 'province') return false;
    if (query.unit) {
      if (scope.kind !== 'agency') return false;
      const child = query.children === 'true' && scope.parentCode === query.unit;
      if (scope.code !== query.unit && !child) return false;
    }
    return true;
  });
}

/** RFC 4180 CSV with a BOM (spreadsheets then read Vietnamese correctly); formulas in the last lines. */
export function kpiCsv(rows: readonly KpiRow[]): string {
  const header = [
    'period',
    'scope',
    'code',
    'name',
    'tier',
    'closed',
    ...KPI_COUNT_NAMES,
    ...KPI_RATE_NAMES.flatMap((name) => [`${name}.numerator`, `${name}.denominator`, `${name}.value`]),
    'averageProcessingDays',
    'averageRating',
    'score766',
    'rank',
  ];
  const lines = rows.map((row) => {
    const { scope } = row;
    return csvLine([
      row.period,
      scope.kind,
      scope.kind === 'agency' ? scope.code : scope.kind === 'tier' ? scope.tier : '',
      scope.kind === 'agency' ? scope.name : '',
      scope.kind === 'province' ? '' : scope.tier,
      row.closed,
      ...KPI_COUNT_NAMES.map((name) => row.counts[name]),
      ...KPI_RATE_NAMES.flatMap((name) => {
        const rate = row.indicators[name];
        return [rate.numerator, rate.denominator, rate.value === null ? '' : rate.value.toFixed(4)];
      }),
      row.indicators.averageProcessingDays === null ? '' : row.indicators.averageProcessingDays.toFixed(2),
      row.indicators.averageRating === null ? '' : row.indicators.averageRating.toFixed(2),
      row.score.total,
      row.rank ?? '',
    ]);
  });
  const formulas = Object.entries(KPI_FORMULAS).map(([name, f]) => `# ${name}: ${f.formula} (${f.source})`);
  return `\uFEFF${[csvLine(header), ...lines, ...formulas.map(csvCell)].join('\r\n')}\r\n`;
}
