import { AttachmentStore } from '../../shared/adapters/attachment-store.ts';
import { type DocumentHeaderRecord, DocumentStore } from '../../shared/adapters/document-store.ts';
import { ReferenceStore } from '../../shared/adapters/reference-store.ts';
import { loadEnv } from '../../shared/config/env.ts';
import { DocumentBoxQuerySchema } from '../../shared/contracts/documents.ts';
import {
  allowedActions,
  mayRecall,
  type RecipientRecord,
  stepTimings,
} from '../../shared/domain/documents.ts';
import { toEdxml } from '../../shared/domain/edxml.ts';
import { DomainError } from '../../shared/domain/errors.ts';
import { httpEndpoint, validate } from '../../shared/http/endpoint.ts';
import { officerAuthFromEnv, officerOf } from '../../shared/http/officer-auth.ts';
import { officerUnit } from '../../shared/http/officer-unit.ts';
import { json } from '../../shared/http/responses.ts';
import { readDocumentsSpec } from './read.spec.ts';

const env = loadEnv(readDocumentsSpec.env);
const documents = new DocumentStore(env.DOCUMENTS_TABLE);
const reference = new ReferenceStore(env.REFERENCE_TABLE);
const files = new AttachmentStore(env.ATTACHMENTS_BUCKET);

const notFound = () =>
  new DomainError('NOT_FOUND', {
    vi: 'Không có văn bản này trong hộp thư của đơn vị.',
    en: 'There is no such document in your unit’s boxes.',
  });

const copyView = (copy: RecipientRecord) => ({
  organId: copy.recipient.organId,
  organName: copy.recipient.organName,
  tier: copy.recipientTier,
  state: copy.state,
  recall: copy.recall,
  steps: stepTimings(copy),
});

/**
 * The unit's inbox and outbox, one document as its sender sees it (every recipient, each step with
 * its duration and when its status came back) or as a recipient sees it (its own copy), and the
 * document as an edXML message.
 */
export const handler = httpEndpoint(async (event) => {
  const unit = await officerUnit(reference, officerOf(event));
  const id = event.pathParameters?.id;
  if (!id) {
    const { box } = validate(DocumentBoxQuerySchema, event.queryStringParameters ?? {});
    const items =
      box === 'inbox'
        ? (await documents.inbox(unit.code)).map((copy) => ({
            id: copy.id,
            documentId: copy.documentId,
            subject: copy.subject,
            kind: copy.kind,
            from: copy.senderOrganId,
            sentAt: copy.sentAt,
            state: copy.state,
            recall: copy.recall,
          }))
        : (await documents.outbox(unit.code)).map((header) => ({
            id: header.id,
            documentId: header.documentId,
            subject: header.envelope.subject,
            kind: header.envelope.kind,
            sentAt: header.sentAt,
            recipients: header.envelope.to.length,
          }));
    return json(200, { box, items });
  }
  const header = await documents.header(id);
  if (!header) throw notFound();
  const isSender = header.senderOrganId === unit.code;
  const ownCopy = isSender ? undefined : await documents.recipient(id, unit.code);
  if (!isSender && !ownCopy) throw notFound();
  if (event.resource.endsWith('/edxml')) return edxml(header);
  const copies = isSender ? await documents.recipients(id) : [ownCopy as RecipientRecord];
  return json(200, {
    id,
    documentId: header.documentId,
    envelope: header.envelope,
    signature: header.signature,
    role: isSender ? 'sender' : 'recipient',
    recipients: copies.map((copy) => ({
      ...copyView(copy),
      allowedActions: isSender ? (mayRecall(copy) ? ['recall'] : []) : allowedActions(copy),
    })),
  });
}, officerAuthFromEnv(env));

async function edxml(header: DocumentHeaderRecord) {
  const attachments = await Promise.all(
    header.attachments.map(async (file) => ({
      name: file.name,
      contentType: file.contentType,
      bytes: await files.read(file.key),
    })),
  );
  return {
    statusCode: 200,
    headers: {
      'content-type': 'application/xml; charset=utf-8',
      'x-content-type-options': 'nosniff',
      'cache-control': 'no-store',
    },
    body: toEdxml({ envelope: header.envelope, signature: header.signature, attachments }),
  };
}
