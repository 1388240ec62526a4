import type { KpiQuery, KpiRow } from '../../contracts/kpi.ts';
import { KPI_FORMULAS } from '../../domain/kpi/kpi.ts';
import type { Granularity } from '../../domain/kpi/kpi-periods.ts';
import { kpiCsv, periodsFor, selectRows } from '../../domain/kpi/kpi-query.ts';
import { type PublishedPeriod, rowsOfPublished } from '../../domain/kpi/kpi-rows.ts';

export interface KpiRows {
  /** A period's published counts (every unit's, in one item), if it was published. */
  published(period: string): Promise<PublishedPeriod | undefined>;
}

/** Every row of a period (the province, each tier, each unit), none if it was not published. */
export async function rowsOfPeriod(store: KpiRows, period: string): Promise<KpiRow[]> {
  const published = await store.published(period);
  return published ? rowsOfPublished(published) : [];
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
  const perPeriod = await Promise.all(periods.map((period) => rowsOfPeriod(ports.store, period)));
  const rows = perPeriod.flatMap((periodRows) => selectRows(periodRows, query));
  if (query.format === 'csv') {
    const span = `${periods[0]}${periods.length > 1 ? `_${periods.at(-1)}` : ''}`;
    return { format: 'csv', csv: kpiCsv(rows), fileName: `kpi-${span}.csv` };
  }
  return { format: 'json', body: { granularity, periods, rows, formulas: KPI_FORMULAS } };
}
