import { noEnv } from '../../shared/config/env.ts';
import { apiFunction } from '../../shared/http/endpoint-spec.ts';

export const openApiSpec = apiFunction({
  id: 'OpenApi',
  handler: 'web/openapi.ts',
  description: 'Serves the OpenAPI 3.1 document',
  env: noEnv,
  permissions: [],
  // The document itself, for people and tools; it does not describe itself.
  endpoints: [{ method: 'GET', path: '/openapi.json', access: { kind: 'public' }, page: true }],
});
