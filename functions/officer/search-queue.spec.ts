import { name } from '../../shared/config/env.ts';
import { OfficerQueueSchema, OfficerQueueSearchSchema } from '../../shared/contracts/lifecycle.ts';
import { apiFunction } from '../../shared/http/endpoint-spec.ts';
import { errorContent, jsonContent, officerRoute } from '../../shared/http/openapi.ts';
import { officerDeskEnv, queueCountsEnv } from './officer-env.ts';

export const officerQueueSearchSpec = apiFunction({
  id: 'OfficerQueueSearch',
  handler: 'officer/search-queue.ts',
  description: "Searches the dossiers held by the officer's unit by code, applicant name or identifier",
  env: officerDeskEnv.extend({
    ...queueCountsEnv,
    /** The HMAC key the stored digests of applicant identifiers derive from. */
    SEARCH_KEY_ID: name,
  }),
  permissions: ['dossiers:read', 'reference:read', 'officers:lookup', 'searchKey:mac', 'queueCounts:read'],
  endpoints: [
    officerRoute('POST', '/officer/dossiers/search', {
      summary:
        'Search the officer’s unit’s queue: the text (a code, a name, an identifier) is in the body so that it never appears in a URL or an access log',
      body: OfficerQueueSearchSchema,
      responses: {
        '200': { description: 'A page of the matching dossiers', content: jsonContent(OfficerQueueSchema) },
        '400': {
          description: 'VALIDATION_FAILED: the text, or a cursor this search did not give',
          content: errorContent,
        },
      },
    }),
  ],
});
