import type { KpiQuery, KpiRow } from '../../contracts/kpi.ts';
import { KPI_FORMULAS } from '../../domain/kpi/kpi.ts';
import type { Granularity } from '../../domain/kpi/kpi-periods.ts';
import { kpiCsv, periodsFor, selectRows } from '../../domain/kpi/kpi-query.ts';

export interface KpiRows {
  /** Every published row (each unit, each tier, the province) of one period. */
  rows(period: string): Promise<KpiRow[]>;
}

export interface ReadKpiPorts {
  store: KpiRows;
  now(): Date;
}

export type KpiAnswer =
  | { format: 'csv'; csv: string; fileName: string }
  | {
      format: 'json';
      body: { granularity: Granularity; periods: string[]; rows: KpiRow[]; formulas: typeof KPI_FORMULAS };
    };

/** Published indicators: aggregates only, no personal data, so the same answer serves the public. */
export async function readKpi(ports: ReadKpiPorts, query: KpiQuery): Promise<KpiAnswer> {
  const { granularity, periods } = periodsFor(query, ports.now());
  const perPeriod = await Promise.all(periods.map((period) => ports.store.rows(period)));
  const rows = perPeriod.flatMap((periodRows) => selectRows(periodRows, query));
  if (query.format === 'csv') {
    const span = `${periods[0]}${periods.length > 1 ? `_${periods.at(-1)}` : ''}`;
    return { format: 'csv', csv: kpiCsv(rows), fileName: `kpi-${span}.csv` };
  }
  return { format: 'json', body: { granularity, periods, rows, formulas: KPI_FORMULAS } };
}
