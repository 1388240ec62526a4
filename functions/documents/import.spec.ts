import * as z from 'zod';
import { name, officerPoolVariables, signingKeysVariable } from '../../shared/config/env.ts';
import { EdxmlImportResultSchema } from '../../shared/contracts/documents.ts';
import { apiFunction } from '../../shared/http/endpoint-spec.ts';
import { jsonContent, officerErrors } from '../../shared/http/openapi.ts';

export const importEdxmlSpec = apiFunction({
  id: 'ImportEdxml',
  handler: 'documents/import.ts',
  description: 'Validates an edXML message and verifies its signature',
  env: z.object({ REFERENCE_TABLE: name, SIGNING_KEYS: signingKeysVariable, ...officerPoolVariables }),
  permissions: ['reference:read', 'signingKeys:publish', 'officers:lookup'],
  memorySize: 512,
  endpoints: [
    {
      method: 'POST',
      path: '/officer/documents/edxml',
      access: { kind: 'officer' },
      operation: {
        summary: 'Read an edXML message: validated, signature verified',
        requestBody: { content: { 'application/xml': { schema: z.string() } } },
        responses: {
          '200': {
            description: 'The document and whether its signature verifies',
            content: jsonContent(EdxmlImportResultSchema),
          },
          ...officerErrors,
        },
      },
    },
  ],
});
