import { createHash, randomUUID } from 'node:crypto';
import { AttachmentStore } from '../../shared/adapters/attachment-store.ts';
import { AuditLog } from '../../shared/adapters/audit-log.ts';
import { senderChain } from '../../shared/adapters/document-exchange.ts';
import { type DocumentHeaderRecord, DocumentStore } from '../../shared/adapters/document-store.ts';
import { ReferenceStore } from '../../shared/adapters/reference-store.ts';
import { SessionSigner } from '../../shared/adapters/session-signer.ts';
import { KmsSigner } from '../../shared/adapters/signer.ts';
import { sendAllToTierQueue } from '../../shared/adapters/tier-queue.ts';
import { loadEnv } from '../../shared/config/env.ts';
import type { AgencyRecord } from '../../shared/contracts/catalog.ts';
import { SendDocumentRequestSchema } from '../../shared/contracts/documents.ts';
import type { RoutingMessage } from '../../shared/contracts/routing.ts';
import {
  checkedAttachments,
  documentIdOf,
  envelopeOf,
  organOf,
  type RecipientRecord,
  refuseClassified,
  resolveRecipients,
} from '../../shared/domain/documents.ts';
import { requireOfficialAddresses } from '../../shared/domain/mail-policy.ts';
import { canonicalJson } from '../../shared/domain/receipt.ts';
import { toVietnamIsoPrecise } from '../../shared/domain/time.ts';
import { httpEndpoint, logger, parseJsonBody } from '../../shared/http/endpoint.ts';
import { officerAuthFromEnv, officerOf } from '../../shared/http/officer-auth.ts';
import { officerUnit } from '../../shared/http/officer-unit.ts';
import { json } from '../../shared/http/responses.ts';
import { sendDocumentSpec } from './send.spec.ts';

const env = loadEnv(sendDocumentSpec.env);
const audit = new AuditLog(env.AUDIT_TABLE, env.AUDIT_PENDING_TABLE);
const documents = new DocumentStore(env.DOCUMENTS_TABLE);
const reference = new ReferenceStore(env.REFERENCE_TABLE);
const files = new AttachmentStore(env.ATTACHMENTS_BUCKET);
const signer = new SessionSigner(
  new KmsSigner(),
  env.SIGNING_KEY_ID,
  env.SESSION_KEY_LIFETIME_SECONDS * 1000,
);
const REQUEST_LIMIT_BYTES = 4 * 1024 * 1024;
/** These kinds also go by mail to the recipients' official addresses. */
const MAILED_KINDS = new Set(['meeting_invitation', 'draft_for_comment']);

/**
 * Sends an official document: refuses classified ones before anything is stored, signs the envelope,
 * stores it with one copy per recipient, then queues each copy on its recipient's tier. A retry with
 * the same content resumes the same document; different content under a used number is refused.
 */
export const handler = httpEndpoint(async (event) => {
  const officer = officerOf(event);
  const request = parseJsonBody(event, SendDocumentRequestSchema, {
    maxBytes: REQUEST_LIMIT_BYTES,
    inspect: refuseClassified,
  });
  const unit = await officerUnit(reference, officer);
  const recipients = resolveRecipients(request, unit, await reference.listAgencies(), env.TIERS);
  if (MAILED_KINDS.has(request.kind)) {
    requireOfficialAddresses(
      recipients.map((agency) => ({ field: `to.${agency.code}`, address: agency.officialEmail })),
      env.AGENCY_MAIL_DOMAINS,
    );
  }
  const documentId = documentIdOf(unit.code, request.promulgationInfo.promulgationDate, request.code);
  const contentHash = createHash('sha256').update(canonicalJson(request)).digest('hex');
  const header =
    (await documents.sameDocument(documentId, contentHash)) ??
    (await store(request, documentId, contentHash, unit, recipients, officer.username));
  if (!header.routedAt) await route(header, recipients);
  logger.info('document sent', { id: header.id, documentId, recipients: recipients.length });
  return json(201, {
    id: header.id,
    documentId,
    sentAt: header.sentAt,
    recipients: recipients.map((agency) => ({ organId: agency.code, tier: agency.tier })),
  });
}, officerAuthFromEnv(env));

async function store(
  request: ReturnType<typeof SendDocumentRequestSchema.parse>,
  documentId: string,
  contentHash: string,
  unit: AgencyRecord,
  recipients: readonly AgencyRecord[],
  actor: string,
): Promise<DocumentHeaderRecord> {
  const id = randomUUID();
  const sentAt = toVietnamIsoPrecise(new Date());
  const attachments = checkedAttachments(id, request.attachments);
  for (const file of attachments)
    await files.putDocument(file.key, file.bytes, file.contentType, { sha256: file.sha256 });
  const stored = attachments.map(({ bytes: _bytes, ...described }) => described);
  const envelope = envelopeOf(request, documentId, organOf(unit), recipients.map(organOf), stored, sentAt);
  const signature = await signer.sign(canonicalJson(envelope));
  const entry = await audit.next(senderChain(id), {
    kind: 'document_exchange',
    action: 'sent',
    actor,
    at: sentAt,
    details: { documentId, signature, recipients: recipients.map((agency) => agency.code) },
  });
  return documents.createHeader(
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
    audit.putItems(entry),
  );
}

async function route(header: DocumentHeaderRecord, recipients: readonly AgencyRecord[]): Promise<void> {
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
  await documents.putRecipients(copies);
  const byTier = new Map<string, RoutingMessage[]>();
  for (const agency of recipients) {
    const message: RoutingMessage = {
      type: 'document.sent',
      id: header.id,
      organId: agency.code,
      tier: agency.tier,
      sentAt: header.sentAt,
    };
    byTier.set(agency.tier, [...(byTier.get(agency.tier) ?? []), message]);
  }
  for (const [tier, messages] of byTier) {
    const queueUrl = env.TIER_QUEUE_URLS[tier as keyof typeof env.TIER_QUEUE_URLS];
    if (!queueUrl) throw new Error(`No queue is configured for tier ${tier}`);
    await sendAllToTierQueue(queueUrl, messages);
  }
  await documents.markRouted(header.id, toVietnamIsoPrecise(new Date()));
}
