import { ReferenceStore } from '../../shared/adapters/reference-store.ts';
import { listProceduresEnv, loadEnv } from '../../shared/config/env.ts';
import { httpEndpoint } from '../../shared/http/endpoint.ts';
import { json } from '../../shared/http/responses.ts';

const env = loadEnv(listProceduresEnv);
const reference = new ReferenceStore(env.REFERENCE_TABLE);

export const handler = httpEndpoint(async () => {
  const [procedures, agencies] = await Promise.all([reference.listProcedures(), reference.listAgencies()]);
  procedures.sort((a, b) => a.code.localeCompare(b.code));
  agencies.sort((a, b) => a.code.localeCompare(b.code));
  return json(200, { procedures, agencies }, { 'cache-control': 'public, max-age=300' });
});
