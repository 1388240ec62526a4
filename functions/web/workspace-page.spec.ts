import * as z from 'zod';
import { jsonText, name } from '../../shared/config/env.ts';
import { apiFunction } from '../../shared/http/endpoint-spec.ts';

export const workspacePageSpec = apiFunction({
  id: 'WorkspacePage',
  handler: 'web/workspace-page.ts',
  description: "Serves the officers' workspace page",
  // The page signs in against the officers' pool straight from the browser (SRP) and uploads scanned
  // papers to the bucket, so its policy names both origins.
  env: z.object({
    ATTACHMENTS_BUCKET: name,
    OFFICER_SIGN_IN: jsonText(
      z.object({ userPoolId: name, clientId: name }),
      'the officers’ pool and the workspace’s app client',
    ),
    AWS_REGION: z.string().default('us-east-1'),
    AWS_ENDPOINT_URL: z.url().optional(),
  }),
  permissions: [],
  endpoints: [{ method: 'GET', path: '/workspace', access: { kind: 'public' }, page: true }],
});
