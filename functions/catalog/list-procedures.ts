import { ReferenceStore } from '../../shared/adapters/reference-store.ts';
import { loadEnv } from '../../shared/config/env.ts';
import { httpEndpoint } from '../../shared/http/endpoint.ts';
import { json } from '../../shared/http/responses.ts';
import { listProceduresSpec } from './list-procedures.spec.ts';

const env = loadEnv(listProceduresSpec.env);
const reference = new ReferenceStore(env.REFERENCE_TABLE);

export const handler = httpEndpoint(async () => {
  const [procedures, agencies] = await Promise.all([reference.listProcedures(), reference.listAgencies()]);
  procedures.sort((a, b) => a.code.localeCompare(b.code));
  agencies.sort((a, b) => a.code.localeCompare(b.code));
  return json(200, { procedures, agencies }, { 'cache-control': 'public, max-age=300' });
});
