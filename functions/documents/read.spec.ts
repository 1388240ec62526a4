import * as z from 'zod';
import { name, officerPoolVariables } from '../../shared/config/env.ts';
import { DocumentBoxQuerySchema } from '../../shared/contracts/documents.ts';
import { FileLinkSchema } from '../../shared/contracts/files.ts';
import { apiFunction } from '../../shared/http/endpoint-spec.ts';
import { jsonContent, notFound, officerRoute } from '../../shared/http/openapi.ts';

const documentNotFound = notFound('Not a document of the officer’s unit');
const documentId = { path: z.object({ id: z.string() }) };

export const readDocumentsSpec = apiFunction({
  id: 'ReadDocuments',
  handler: 'documents/read.ts',
  description: 'Inbox, outbox, one document per recipient, its attachments and its edXML export',
  env: z.object({
    DOCUMENTS_TABLE: name,
    REFERENCE_TABLE: name,
    ATTACHMENTS_BUCKET: name,
    /** Each attachment link handed out is appended to the reading unit's chain of the document. */
    AUDIT_TABLE: name,
    AUDIT_PENDING_TABLE: name,
    ...officerPoolVariables,
  }),
  permissions: ['documents:read', 'reference:read', 'documentFiles:get', 'officers:lookup', 'audit:append'],
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
    officerRoute('GET', '/officer/documents/{id}/attachments/{index}', {
      summary: 'An attachment of a document the officer’s unit sent or received (audited)',
      description:
        'A presigned GET link (5 minutes) to attachment number `index` (from 0, in the order of `envelope.attachments`); PDFs and images are answered `inline` so that the browser shows them. Each link is an entry of the unit’s audit chain of the document (`download` / `officer_attachment`, with the officer, the agency, the index and the key).',
      params: { path: z.object({ id: z.string(), index: z.string().regex(/^\d+$/) }) },
      throttle: { rate: 50, burst: 100 },
      responses: {
        '200': { description: 'Link to the file', content: jsonContent(FileLinkSchema) },
        ...notFound('Not a document of the officer’s unit, or no attachment at that index'),
      },
    }),
  ],
});
