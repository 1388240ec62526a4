import { KpiStore } from '../../shared/adapters/kpi-store.ts';
import { loadEnv, readKpiEnv } from '../../shared/config/env.ts';
import { KpiQuerySchema } from '../../shared/contracts/kpi.ts';
import { httpEndpoint, validate } from '../../shared/http/endpoint.ts';
import { json } from '../../shared/http/responses.ts';

const env = loadEnv(readKpiEnv);
const kpi = new KpiStore(env.KPI_TABLE);

export const handler = httpEndpoint(async (event) => {
  const query = validate(KpiQuerySchema, event.queryStringParameters ?? {});
  return json(200, { rows: await kpi.query(query) }, { 'cache-control': 'public, max-age=60' });
});
