import { KpiRowStore } from '../../shared/adapters/kpi-store.ts';
import { readKpi } from '../../shared/app/kpi/read-kpi.ts';
import { loadEnv } from '../../shared/config/env.ts';
import { KpiQuerySchema } from '../../shared/contracts/kpi.ts';
import { httpEndpoint, validate } from '../../shared/http/endpoint.ts';
import { json, text } from '../../shared/http/responses.ts';
import { readKpiSpec } from './read.spec.ts';

const env = loadEnv(readKpiSpec.env);
const ports = { store: new KpiRowStore(env.KPI_TABLE), now: () => new Date() };

export const handler = httpEndpoint(async (event) => {
  const answer = await readKpi(ports, validate(KpiQuerySchema, event.queryStringParameters ?? {}));
  const caching = { 'cache-control': 'public, max-age=60' };
  if (answer.format === 'json') return json(200, answer.body, caching);
  return text(200, answer.csv, 'text/csv; charset=utf-8', {
    ...caching,
    'content-disposition': `attachment; filename="${answer.fileName}"`,
  });
});
