import { SendDocumentRequestSchema } from '../../shared/contracts/documents.ts';
import { apiFunction } from '../../shared/http/endpoint-spec.ts';
import { errorContent, officerRoute } from '../../shared/http/openapi.ts';
import { documentExchangeEnv, documentExchangePermissions } from './exchange-env.ts';

export const sendDocumentSpec = apiFunction({
  id: 'SendDocument',
  handler: 'documents/send.ts',
  description: 'Signs an official document and routes a copy to each recipient’s tier queue',
  env: documentExchangeEnv,
  permissions: [...documentExchangePermissions, 'documentFiles:put'],
  timeoutSeconds: 29,
  memorySize: 512,
  endpoints: [
    officerRoute('POST', '/officer/documents', {
      summary: 'Send an official document to agencies (signed, routed per tier)',
      body: SendDocumentRequestSchema,
      responses: {
        '201': { description: 'Sent: document id and recipients' },
        '409': {
          description: 'Another document already has this number and notation',
          content: errorContent,
        },
        '422': {
          description: 'Classified document refused, or an attachment rejected',
          content: errorContent,
        },
      },
    }),
  ],
});
