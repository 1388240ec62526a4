import * as z from 'zod';
import { name } from '../../shared/config/env.ts';
import { apiFunction } from '../../shared/http/endpoint-spec.ts';

export const lookupPageSpec = apiFunction({
  id: 'LookupPage',
  handler: 'web/lookup-page.ts',
  description: 'Serves the citizen status lookup page',
  // The page uploads supplementary documents straight to the bucket, so its policy names the bucket's origin.
  env: z.object({ ATTACHMENTS_BUCKET: name }),
  permissions: [],
  endpoints: [{ method: 'GET', path: '/lookup', access: { kind: 'public' }, page: true }],
});
