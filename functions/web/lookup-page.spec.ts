import { noEnv } from '../../shared/config/env.ts';
import { apiFunction } from '../../shared/http/endpoint-spec.ts';

export const lookupPageSpec = apiFunction({
  id: 'LookupPage',
  handler: 'web/lookup-page.ts',
  description: 'Serves the citizen status lookup page',
  env: noEnv,
  permissions: [],
  endpoints: [{ method: 'GET', path: '/lookup', access: { kind: 'public' }, page: true }],
});
