import * as z from 'zod';
import { name } from '../../shared/config/env.ts';
import { apiFunction } from '../../shared/http/endpoint-spec.ts';

export const citizenFormSpec = apiFunction({
  id: 'CitizenForm',
  handler: 'web/citizen-form.ts',
  description: 'Serves the citizen form page',
  // The form's script uploads straight to the bucket, so the page's policy names the bucket's origin.
  env: z.object({ ATTACHMENTS_BUCKET: name }),
  permissions: [],
  endpoints: [{ method: 'GET', path: '/', access: { kind: 'public' }, page: true }],
});
