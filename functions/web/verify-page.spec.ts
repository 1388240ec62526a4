import { noEnv } from '../../shared/config/env.ts';
import { apiFunction } from '../../shared/http/endpoint-spec.ts';

export const verifyPageSpec = apiFunction({
  id: 'VerifyPage',
  handler: 'web/verify-page.ts',
  description: 'Serves the public signature verification page',
  env: noEnv,
  permissions: [],
  endpoints: [{ method: 'GET', path: '/verify', access: { kind: 'public' }, page: true }],
});
