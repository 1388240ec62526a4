import { ReferenceStore } from '../../shared/adapters/reference-store.ts';
import { listCatalog } from '../../shared/app/catalog/list-catalog.ts';
import { listProceduresEnv, loadEnv } from '../../shared/config/env.ts';
import { httpEndpoint } from '../../shared/http/endpoint.ts';
import { json } from '../../shared/http/responses.ts';

const env = loadEnv(listProceduresEnv);
const reference = new ReferenceStore(env.REFERENCE_TABLE);

export const handler = httpEndpoint(async () =>
  json(200, await listCatalog({ reference }), { 'cache-control': 'public, max-age=300' }),
);
