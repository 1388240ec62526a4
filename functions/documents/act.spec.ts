import * as z from 'zod';
import { DocumentActionSchema } from '../../shared/contracts/documents.ts';
import { apiFunction } from '../../shared/http/endpoint-spec.ts';
import { errorContent, jsonContent, notFound, officerErrors } from '../../shared/http/openapi.ts';
import { documentExchangeEnv, documentExchangePermissions } from './exchange-env.ts';

export const documentActionSpec = apiFunction({
  id: 'DocumentAction',
  handler: 'documents/act.ts',
  description: 'Records a recipient’s step on a document, or the sender’s recall',
  env: documentExchangeEnv,
  permissions: documentExchangePermissions,
  endpoints: [
    {
      method: 'POST',
      path: '/officer/documents/{id}/actions',
      access: { kind: 'officer' },
      operation: {
        summary:
          'A recipient’s step (accept, refuse, assign, process, complete, answer a recall) or the sender’s recall',
        requestParams: { path: z.object({ id: z.string() }) },
        requestBody: { content: jsonContent(DocumentActionSchema) },
        responses: {
          '200': { description: 'The copy after the step' },
          '202': { description: 'Recall requested from every copy that can still be recalled' },
          '409': { description: 'Not allowed in the current state', content: errorContent },
          ...officerErrors,
          ...notFound('Not a document of the officer’s unit'),
        },
      },
    },
  ],
});
