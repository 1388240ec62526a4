import * as z from 'zod';
import { name, officerPoolVariables } from '../../shared/config/env.ts';
import { DocumentBoxQuerySchema } from '../../shared/contracts/documents.ts';
import { apiFunction } from '../../shared/http/endpoint-spec.ts';
import { notFound, officerErrors } from '../../shared/http/openapi.ts';

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
    {
      method: 'GET',
      path: '/officer/documents',
      access: { kind: 'officer' },
      operation: {
        summary: 'The unit’s inbox or outbox',
        requestParams: { query: DocumentBoxQuerySchema },
        responses: { '200': { description: 'Documents, newest first' }, ...officerErrors },
      },
    },
    {
      method: 'GET',
      path: '/officer/documents/{id}',
      access: { kind: 'officer' },
      operation: {
        summary: 'One document: every recipient’s steps for its sender, its own copy for a recipient',
        requestParams: documentId,
        responses: {
          '200': { description: 'Document, steps and their durations' },
          ...officerErrors,
          ...documentNotFound,
        },
      },
    },
    {
      method: 'GET',
      path: '/officer/documents/{id}/edxml',
      access: { kind: 'officer' },
      operation: {
        summary: 'The document as an edXML message with its signature and attachments',
        requestParams: documentId,
        responses: {
          '200': { description: 'edXML', content: { 'application/xml': { schema: z.string() } } },
          ...officerErrors,
          ...documentNotFound,
        },
      },
    },
  ],
});
