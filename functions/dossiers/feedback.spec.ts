import * as z from 'zod';
import { lookupGateVariables, name } from '../../shared/config/env.ts';
import { FeedbackRequestSchema, FeedbackSchema } from '../../shared/contracts/feedback.ts';
import { apiFunction } from '../../shared/http/endpoint-spec.ts';
import {
  citizenBodyErrors,
  citizenDossierRoute,
  errorContent,
  jsonContent,
} from '../../shared/http/openapi.ts';

export const dossierFeedbackSpec = apiFunction({
  id: 'DossierFeedback',
  handler: 'dossiers/feedback.ts',
  description: 'Records the citizen feedback on a settled dossier, once',
  env: z.object({ DOSSIERS_TABLE: name, ...lookupGateVariables }),
  // Reads the dossier and sets its feedback attribute: no deletes, no other table.
  permissions: ['dossiers:getAndUpdate', 'lookupGate'],
  endpoints: [
    citizenDossierRoute('POST', '/dossiers/{code}/feedback', {
      summary: 'Rate a settled dossier, once (citizen, with the lookup secret)',
      body: FeedbackRequestSchema,
      responses: {
        '201': { description: 'Feedback stored', content: jsonContent(FeedbackSchema) },
        '409': { description: 'Not settled yet, or feedback already given', content: errorContent },
        ...citizenBodyErrors,
      },
    }),
  ],
});
