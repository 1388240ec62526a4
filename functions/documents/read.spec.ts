import * as z from 'zod';
import { name, officerPoolVariables } from '../../shared/config/env.ts';
import { DocumentBoxQuerySchema } from '../../shared/contracts/documents.ts';
import { apiFunction } from '../../shared/http/endpoint-spec.ts';
import { notFound, officerRoute } from '../../shared/http/openapi.ts';

const documentNotFound = notFound('Not a document of the officer’s unit');
const documentId = { path: z.object({ id: z.string() }) };

export const readDocumentsSpec = apiFunction({
  id: 'ReadDocuments',
  handler: 'documents/read.ts',
  description: 'Inbox, outbox, one document per recipient, and its edXML export',
  env: z.object({
    DOCUMENTS_TABLE: name,
    REFERENCE_TABLE: name,
    ATTACHMENTS_BUCKET: name,
    ...officerPoolVariables,
  }),
  permissions: ['documents:read', 'reference:read', 'documentFiles:get', 'officers:lookup'],
  memorySize: 512,
  endpoints: [
    officerRoute('GET', '/officer/documents', {
      summary: 'The unit’s inbox or outbox',
      params: { query: DocumentBoxQuerySchema },
      responses: { '200': { description: 'Documents, newest first' } },
    }),
    officerRoute('GET', '/officer/documents/{id}', {
      summary: 'One document: every recipient’s steps for its sender, its own copy for a recipient',
      params: documentId,
      responses: { '200': { description: 'Document, steps and their durations' }, ...documentNotFound },
    }),
    officerRoute('GET', '/officer/documents/{id}/edxml', {
      summary: 'The document as an edXML message with its signature and attachments',
      params: documentId,
      responses: {
        '200': { description: 'edXML', content: { 'application/xml': { schema: z.string() } } },
        ...documentNotFound,
      },
    }),
  ],
});
