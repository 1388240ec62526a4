import * as z from 'zod';
import { lookupGateVariables, name } from '../../shared/config/env.ts';
import { FeedbackRequestSchema, FeedbackSchema } from '../../shared/contracts/feedback.ts';
import { apiFunction } from '../../shared/http/endpoint-spec.ts';
import {
  citizenNotFound,
  citizenParams,
  errorContent,
  errors,
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
    {
      method: 'POST',
      path: '/dossiers/{code}/feedback',
      access: { kind: 'lookupSecret' },
      operation: {
        summary: 'Rate a settled dossier, once (citizen, with the lookup secret)',
        requestParams: citizenParams,
        requestBody: { content: jsonContent(FeedbackRequestSchema) },
        responses: {
          '201': { description: 'Feedback stored', content: jsonContent(FeedbackSchema) },
          ...citizenNotFound,
          '409': { description: 'Not settled yet, or feedback already given', content: errorContent },
          ...errors,
        },
      },
    },
  ],
});
