import { name } from '../../shared/config/env.ts';
import { OfficerQueueSchema, OfficerQueueSearchSchema } from '../../shared/contracts/lifecycle.ts';
import { apiFunction } from '../../shared/http/endpoint-spec.ts';
import { errorContent, jsonContent, officerRoute } from '../../shared/http/openapi.ts';
import { officerDeskEnv } from './officer-env.ts';

export const officerQueueSearchSpec = apiFunction({
  id: 'OfficerQueueSearch',
  handler: 'officer/search-queue.ts',
  description: "Searches the dossiers held by the officer's unit by code, applicant name or identifier",
  env: officerDeskEnv.extend({
    /** The HMAC key the stored digests of applicant identifiers derive from. */
    SEARCH_KEY_ID: name,
  }),
  // Counting a unit's open dossiers reads its whole open range once per instance and 30 s.
  timeoutSeconds: 29,
  permissions: ['dossiers:read', 'reference:read', 'officers:lookup', 'searchKey:mac'],
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
