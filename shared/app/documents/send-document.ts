import { createHash, randomUUID } from 'node:crypto';
import type { DocumentHeaderRecord } from '../../adapters/document-store.ts';
import type { AgencyRecord } from '../../contracts/catalog.ts';
import type { SendDocumentRequest } from '../../contracts/documents.ts';
import type { RoutingMessage } from '../../contracts/routing.ts';
import type { Signature } from '../../contracts/signing.ts';
import type { Tier } from '../../domain/agencies/tiers.ts';
import type { AuditEntry, AuditFields } from '../../domain/audit/audit.ts';
import { toVietnamIsoPrecise } from '../../domain/calendar/time.ts';
import {
  checkedAttachments,
  documentIdOf,
  envelopeOf,
  organOf,
  type RecipientRecord,
  refuseClassified,
  resolveRecipients,
  senderChain,
} from '../../domain/documents/documents.ts';
import { canonicalJson } from '../../domain/intake/receipt.ts';
import { requireOfficialAddresses } from '../../domain/mail/mail-policy.ts';
import type { Log } from '../officer-desk/act-on-dossier.ts';

/** Each tier's FIFO routing queue. */
export interface TierQueues {
  sendAll(tier: Tier, messages: readonly RoutingMessage[]): Promise<void>;
}

/** Signs canonical text with the platform's document key (a session key it certified). */
export interface DocumentSigner {
  sign(canonical: string): Promise<Signature>;
}

/**
 * The audit trail, whose entries are written in the same transaction as what they record: `Put`
 * is that write as the document store takes it.
 */
export interface TransactionalAudit<Put> {
  next(chain: string, fields: AuditFields): Promise<AuditEntry>;
  putItems(entry: AuditEntry): Put;
}

export interface SendPorts<Put> {
  documents: {
    /** The stored document with this id if it has exactly this content (a retried send). */
    sameDocument(documentId: string, contentHash: string): Promise<DocumentHeaderRecord | undefined>;
    /** Stores the header once per document id; refuses another content under a used id (DOCUMENT_EXISTS). */
    createHeader(header: DocumentHeaderRecord, entry: Put): Promise<DocumentHeaderRecord>;
    /** Puts the copies that are missing; a copy already there keeps its state. */
    putRecipients(records: readonly RecipientRecord[]): Promise<void>;
    markRouted(id: string, at: string): Promise<void>;
  };
  files: {
    putDocument(
      key: string,
      bytes: Uint8Array,
      contentType: string,
      metadata: Record<string, string>,
    ): Promise<unknown>;
  };
  agencies(): Promise<AgencyRecord[]>;
  audit: TransactionalAudit<Put>;
  signer: DocumentSigner;
  tierQueues: TierQueues;
  /** The tiers of the active profile, and the domains agency mail may go to. */
  policy: { tiers: readonly Tier[]; agencyMailDomains: readonly string[] };
  log: Pick<Log, 'info'>;
  now(): Date;
}

/** These kinds also go by mail to the recipients' official addresses. */
const MAILED_KINDS = new Set(['meeting_invitation', 'draft_for_comment']);

/**
 * Sends an official document (classified ones are refused before the body is even validated): signs
 * the envelope, stores it with one copy per recipient, then queues each copy on its recipient's tier.
 * A retry with the same content resumes the same document; different content under a used number is
 * refused.
 */
export async function sendDocument<Put>(
  ports: SendPorts<Put>,
  request: SendDocumentRequest,
  sender: { unit: AgencyRecord; username: string },
) {
  // The endpoint refuses these before validating the body; refused here too, whoever calls.
  refuseClassified(request);
  const { unit } = sender;
  const recipients = resolveRecipients(request, unit, await ports.agencies(), ports.policy.tiers);
  if (MAILED_KINDS.has(request.kind)) {
    requireOfficialAddresses(
      recipients.map((agency) => ({ field: `to.${agency.code}`, address: agency.officialEmail })),
      ports.policy.agencyMailDomains,
    );
  }
  const documentId = documentIdOf(unit.code, request.promulgationInfo.promulgationDate, request.code);
  const contentHash = createHash('sha256').update(canonicalJson(request)).digest('hex');
  const header =
    (await ports.documents.sameDocument(documentId, contentHash)) ??
    (await store(ports, request, { documentId, contentHash, unit, recipients, actor: sender.username }));
  if (!header.routedAt) await route(ports, header, recipients);
  ports.log.info('document sent', { id: header.id, documentId, recipients: recipients.length });
  return {
    id: header.id,
    documentId,
    sentAt: header.sentAt,
    recipients: recipients.map((agency) => ({ organId: agency.code, tier: agency.tier })),
  };
}

async function store<Put>(
  ports: SendPorts<Put>,
  request: SendDocumentRequest,
  sending: {
    documentId: string;
    contentHash: string;
    unit: AgencyRecord;
    recipients: readonly AgencyRecord[];
    actor: string;
  },
): Promise<DocumentHeaderRecord> {
  const { documentId, contentHash, unit, recipients } = sending;
  const id = randomUUID();
  const sentAt = toVietnamIsoPrecise(ports.now());
  const attachments = checkedAttachments(id, request.attachments);
  for (const file of attachments)
    await ports.files.putDocument(file.key, file.bytes, file.contentType, { sha256: file.sha256 });
  const stored = attachments.map(({ bytes: _bytes, ...described }) => described);
  const envelope = envelopeOf(request, documentId, organOf(unit), recipients.map(organOf), stored, sentAt);
  const signature = await ports.signer.sign(canonicalJson(envelope));
  const entry = await ports.audit.next(senderChain(id), {
    kind: 'document_exchange',
    action: 'sent',
    actor: sending.actor,
    at: sentAt,
    details: { documentId, signature, recipients: recipients.map((agency) => agency.code) },
  });
  return ports.documents.createHeader(
    {
      id,
      documentId,
      senderOrganId: unit.code,
      senderTier: unit.tier,
      sentAt,
      contentHash,
      envelope,
      signature,
      attachments: stored,
    },
    ports.audit.putItems(entry),
  );
}

/** Groups messages by the tier whose queue carries them, keeping their order. */
export function byTier(messages: readonly RoutingMessage[]): Map<Tier, RoutingMessage[]> {
  const grouped = new Map<Tier, RoutingMessage[]>();
  for (const message of messages) grouped.set(message.tier, [...(grouped.get(message.tier) ?? []), message]);
  return grouped;
}

async function route<Put>(
  ports: SendPorts<Put>,
  header: DocumentHeaderRecord,
  recipients: readonly AgencyRecord[],
): Promise<void> {
  const copies: RecipientRecord[] = recipients.map((agency) => ({
    id: header.id,
    documentId: header.documentId,
    recipient: organOf(agency),
    recipientTier: agency.tier,
    senderOrganId: header.senderOrganId,
    senderTier: header.senderTier,
    subject: header.envelope.subject,
    kind: header.envelope.kind,
    promulgationDate: header.envelope.promulgationInfo.promulgationDate,
    sentAt: header.sentAt,
    state: 'sent',
    steps: [],
    acks: {},
    version: 0,
  }));
  await ports.documents.putRecipients(copies);
  const messages = recipients.map(
    (agency): RoutingMessage => ({
      type: 'document.sent',
      id: header.id,
      organId: agency.code,
      tier: agency.tier,
      sentAt: header.sentAt,
    }),
  );
  for (const [tier, batch] of byTier(messages)) await ports.tierQueues.sendAll(tier, batch);
  await ports.documents.markRouted(header.id, toVietnamIsoPrecise(ports.now()));
}
