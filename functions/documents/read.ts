import { AttachmentStore } from '../../shared/adapters/attachment-store.ts';
import { AuditLog } from '../../shared/adapters/audit-log.ts';
import { DocumentStore } from '../../shared/adapters/document-store.ts';
import { ReferenceStore } from '../../shared/adapters/reference-store.ts';
import {
  documentAsEdxml,
  documentAttachmentLink,
  listBox,
  readDocument,
} from '../../shared/app/documents/read-documents.ts';
import { loadEnv } from '../../shared/config/env.ts';
import { DocumentBoxQuerySchema } from '../../shared/contracts/documents.ts';
import { AttachmentPathSchema } from '../../shared/contracts/files.ts';
import { httpEndpoint, logger, validate } from '../../shared/http/endpoint.ts';
import { officerAuthFromEnv, officerOf } from '../../shared/http/officer-auth.ts';
import { officerUnit } from '../../shared/http/officer-unit.ts';
import { json } from '../../shared/http/responses.ts';
import { readDocumentsSpec } from './read.spec.ts';

const env = loadEnv(readDocumentsSpec.env);
const reference = new ReferenceStore(env.REFERENCE_TABLE);
const documents = new DocumentStore(env.DOCUMENTS_TABLE);
const files = new AttachmentStore(env.ATTACHMENTS_BUCKET);
const audit = new AuditLog(env.AUDIT_TABLE, env.AUDIT_PENDING_TABLE);
const ports = { documents, files, audit, log: logger, now: () => new Date() };
const EDXML_HEADERS = {
  'content-type': 'application/xml; charset=utf-8',
  'x-content-type-options': 'nosniff',
  'cache-control': 'no-store',
};

/**
 * The unit's inbox and outbox, one document as its sender or a recipient sees it, a link to one of
 * its attachments, and its edXML message.
 */
export const handler = httpEndpoint(async (event) => {
  const officer = officerOf(event);
  const unit = await officerUnit(reference, officer);
  const id = event.pathParameters?.id;
  if (!id) {
    const { box } = validate(DocumentBoxQuerySchema, event.queryStringParameters ?? {});
    return json(200, await listBox(ports, unit.code, box));
  }
  if (event.resource.endsWith('/{index}')) {
    const { index } = validate(AttachmentPathSchema, { index: event.pathParameters?.index });
    const link = await documentAttachmentLink(ports, {
      unitCode: unit.code,
      id,
      index,
      officer,
    });
    return json(200, link, { 'cache-control': 'no-store' });
  }
  if (!event.resource.endsWith('/edxml')) return json(200, await readDocument(ports, unit.code, id));
  return { statusCode: 200, headers: EDXML_HEADERS, body: await documentAsEdxml(ports, unit.code, id) };
}, officerAuthFromEnv(env));
