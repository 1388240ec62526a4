import { OfficerQueueQuerySchema } from '../../shared/contracts/lifecycle.ts';
import { apiFunction } from '../../shared/http/endpoint-spec.ts';
import { officerRoute } from '../../shared/http/openapi.ts';
import { officerDeskEnv } from './officer-env.ts';

export const officerQueueSpec = apiFunction({
  id: 'OfficerQueue',
  handler: 'officer/list-queue.ts',
  description: "Lists the dossiers held by the officer's unit",
  env: officerDeskEnv,
  permissions: ['dossiers:read', 'reference:read', 'officers:lookup'],
  endpoints: [
    officerRoute('GET', '/officer/dossiers', {
      summary: 'Dossiers the officer’s unit holds, by due date',
      params: { query: OfficerQueueQuerySchema },
      responses: { '200': { description: 'Queue' } },
    }),
  ],
});
