import type { DocumentHeaderRecord } from '../../adapters/document-store.ts';
import type { AuditFields } from '../../domain/audit/audit.ts';
import { toVietnamIsoPrecise } from '../../domain/calendar/time.ts';
import { DomainError } from '../../domain/common/errors.ts';
import {
  allowedActions,
  mayRecall,
  type RecipientRecord,
  recipientChain,
  senderChain,
  stepTimings,
} from '../../domain/documents/documents.ts';
import { toEdxml } from '../../domain/documents/edxml.ts';
import {
  type DossierFile,
  FILE_LINK_SECONDS,
  fileDisposition,
  fileLink,
  previewDisposition,
} from '../../domain/intake/dossier-files.ts';
import type { FileLink } from '../../domain/intake/file-link-schema.ts';
import { type DocumentReader, documentNotFound } from './act-on-document.ts';

export interface BoxReader extends DocumentReader {
  inbox(organId: string): Promise<RecipientRecord[]>;
  outbox(organId: string): Promise<DocumentHeaderRecord[]>;
}

export interface ReadPorts {
  documents: BoxReader;
  files: { read(key: string): Promise<Uint8Array> };
}

/** The unit's inbox (copies it received) or outbox (documents it sent), newest first. */
export async function listBox(ports: ReadPorts, unitCode: string, box: 'inbox' | 'outbox') {
  const items =
    box === 'inbox'
      ? (await ports.documents.inbox(unitCode)).map((copy) => ({
          id: copy.id,
          documentId: copy.documentId,
          subject: copy.subject,
          kind: copy.kind,
          from: copy.senderOrganId,
          sentAt: copy.sentAt,
          state: copy.state,
          recall: copy.recall,
        }))
      : (await ports.documents.outbox(unitCode)).map((header) => ({
          id: header.id,
          documentId: header.documentId,
          subject: header.envelope.subject,
          kind: header.envelope.kind,
          sentAt: header.sentAt,
          recipients: header.envelope.to.length,
        }));
  return { box, items };
}

/** A document the unit sent (with every copy) or received (with its own copy only); no other. */
async function documentOf(ports: { documents: DocumentReader }, unitCode: string, id: string) {
  const header = await ports.documents.header(id);
  if (!header) throw documentNotFound();
  if (header.senderOrganId === unitCode) return { header, ownCopy: undefined };
  const ownCopy = await ports.documents.recipient(id, unitCode);
  if (!ownCopy) throw documentNotFound();
  return { header, ownCopy };
}

const copyView = (copy: RecipientRecord) => ({
  organId: copy.recipient.organId,
  organName: copy.recipient.organName,
  tier: copy.recipientTier,
  state: copy.state,
  recall: copy.recall,
  steps: stepTimings(copy),
});

/**
 * One document as its sender sees it (every recipient, each step with its duration and when its
 * status came back) or as a recipient sees it (its own copy), with the actions open to the reader.
 */
export async function readDocument(ports: ReadPorts, unitCode: string, id: string) {
  const { header, ownCopy } = await documentOf(ports, unitCode, id);
  const copies = ownCopy ? [ownCopy] : await ports.documents.recipients(id);
  return {
    id,
    documentId: header.documentId,
    envelope: header.envelope,
    signature: header.signature,
    role: ownCopy ? 'recipient' : 'sender',
    recipients: copies.map((copy) => ({
      ...copyView(copy),
      allowedActions: ownCopy ? allowedActions(copy) : mayRecall(copy) ? ['recall'] : [],
    })),
  };
}

/** The document as an edXML message, its attachments included. */
export async function documentAsEdxml(ports: ReadPorts, unitCode: string, id: string): Promise<string> {
  const { header } = await documentOf(ports, unitCode, id);
  const attachments = await Promise.all(
    header.attachments.map(async (file) => ({
      name: file.name,
      contentType: file.contentType,
      bytes: await ports.files.read(file.key),
    })),
  );
  return toEdxml({ envelope: header.envelope, signature: header.signature, attachments });
}

export interface AttachmentLinkPorts {
  documents: DocumentReader;
  files: {
    presignFile(
      key: string,
      expiresInSeconds: number,
      response: { contentType: string; contentDisposition: string },
    ): Promise<string>;
  };
  audit: { append(chain: string, fields: AuditFields): Promise<unknown> };
  log: { info(message: string, fields: Record<string, unknown>): void };
  now(): Date;
}

/** 404: the document carries no attachment at that position. */
export const documentFileNotFound = () =>
  new DomainError('NOT_FOUND', {
    vi: 'Văn bản không có tệp đính kèm này.',
    en: 'The document has no such attachment.',
  });

/**
 * A short-lived link to attachment number `index` (from 0, in the envelope's order) of a document
 * the unit sent or received, shown in the browser (only PDFs and images travel); no other unit's.
 *
 * Each link handed out is an entry of the reading unit's own chain, written before the link exists:
 * the sender's reads go to the document's chain, a recipient's to its copy's chain. A recipient's
 * copy chain is where everything that unit did with the document is recorded, and writing there
 * keeps hundreds of recipients from contending for the sender's chain; the sender is not told,
 * since opening a file is no status of the exchange.
 */
export async function documentAttachmentLink(
  ports: AttachmentLinkPorts,
  request: {
    unitCode: string;
    id: string;
    index: number;
    officer: { id: string; username: string; agencyCode: string };
  },
): Promise<FileLink> {
  const { officer, index } = request;
  const { header, ownCopy } = await documentOf(ports, request.unitCode, request.id);
  const stored = header.attachments[index];
  if (!stored) throw documentFileNotFound();
  const file: DossierFile = {
    key: stored.key,
    fileName: stored.name,
    contentType: stored.contentType,
    sha256: stored.sha256,
    sizeBytes: stored.size,
  };
  const now = ports.now();
  const chain = ownCopy ? recipientChain(header.id, ownCopy.recipient.organId) : senderChain(header.id);
  await ports.audit.append(chain, {
    kind: 'download',
    action: 'officer_attachment',
    actor: officer.username,
    at: toVietnamIsoPrecise(now),
    details: { key: file.key, agency: officer.agencyCode, index },
  });
  ports.log.info('document file opened', {
    id: header.id,
    unit: request.unitCode,
    officer: officer.id,
    index,
  });
  const url = await ports.files.presignFile(file.key, FILE_LINK_SECONDS, {
    contentType: file.contentType,
    contentDisposition: fileDisposition(file, previewDisposition(file), `van-ban-tep-${index + 1}`),
  });
  return fileLink(file, url, now);
}
