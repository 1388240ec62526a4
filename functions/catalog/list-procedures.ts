import { ReferenceStore } from '../../shared/adapters/reference-store.ts';
import { listCatalog } from '../../shared/app/catalog/list-catalog.ts';
import { loadEnv } from '../../shared/config/env.ts';
import { httpEndpoint } from '../../shared/http/endpoint.ts';
import { json } from '../../shared/http/responses.ts';
import { listProceduresSpec } from './list-procedures.spec.ts';

const env = loadEnv(listProceduresSpec.env);
const reference = new ReferenceStore(env.REFERENCE_TABLE);

export const handler = httpEndpoint(async () =>
  json(200, await listCatalog({ reference }), { 'cache-control': 'public, max-age=300' }),
);
