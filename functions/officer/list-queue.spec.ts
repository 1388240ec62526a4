import { OfficerQueueQuerySchema, OfficerQueueSchema } from '../../shared/contracts/lifecycle.ts';
import { apiFunction } from '../../shared/http/endpoint-spec.ts';
import { errorContent, jsonContent, officerRoute } from '../../shared/http/openapi.ts';
import { officerDeskEnv, queueCountsEnv } from './officer-env.ts';

export const officerQueueSpec = apiFunction({
  id: 'OfficerQueue',
  handler: 'officer/list-queue.ts',
  description: "Lists the dossiers held by the officer's unit",
  env: officerDeskEnv.extend(queueCountsEnv),
  permissions: ['dossiers:read', 'reference:read', 'officers:lookup', 'queueCounts:read'],
  endpoints: [
    officerRoute('GET', '/officer/dossiers', {
      summary:
        'One page of the dossiers the officer’s unit holds, by deadline (awaiting reception first), under a tab and filters, with the counts per tab',
      params: { query: OfficerQueueQuerySchema },
      responses: {
        '200': { description: 'A page of the queue', content: jsonContent(OfficerQueueSchema) },
        '400': {
          description: 'VALIDATION_FAILED: a filter, or a cursor this queue did not give',
          content: errorContent,
        },
      },
    }),
  ],
});
