import { KpiRowStore } from '../../shared/adapters/kpi-store.ts';
import { loadEnv } from '../../shared/config/env.ts';
import { KpiQuerySchema } from '../../shared/contracts/kpi.ts';
import { KPI_FORMULAS } from '../../shared/domain/kpi.ts';
import { kpiCsv, periodsFor, selectRows } from '../../shared/domain/kpi-query.ts';
import { httpEndpoint, validate } from '../../shared/http/endpoint.ts';
import { json, text } from '../../shared/http/responses.ts';
import { readKpiSpec } from './read.spec.ts';

const env = loadEnv(readKpiSpec.env);
const store = new KpiRowStore(env.KPI_TABLE);

/** Published indicators: aggregates only, no personal data, so the same answer serves the public. */
export const handler = httpEndpoint(async (event) => {
  const query = validate(KpiQuerySchema, event.queryStringParameters ?? {});
  const { granularity, periods } = periodsFor(query, new Date());
  const perPeriod = await Promise.all(periods.map((period) => store.rows(period)));
  const rows = perPeriod.flatMap((periodRows) => selectRows(periodRows, query));
  const caching = { 'cache-control': 'public, max-age=60' };
  if (query.format === 'csv') {
    return text(200, kpiCsv(rows), 'text/csv; charset=utf-8', {
      ...caching,
      'content-disposition': `attachment; filename="kpi-${periods[0]}${periods.length > 1 ? `_${periods.at(-1)}` : ''}.csv"`,
    });
  }
  return json(200, { granularity, periods, rows, formulas: KPI_FORMULAS }, caching);
});
