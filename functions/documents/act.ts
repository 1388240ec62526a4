import { AuditLog } from '../../shared/adapters/audit-log.ts';
import { DocumentExchange, senderChain } from '../../shared/adapters/document-exchange.ts';
import { type DocumentHeaderRecord, DocumentStore } from '../../shared/adapters/document-store.ts';
import { ReferenceStore } from '../../shared/adapters/reference-store.ts';
import { SessionSigner } from '../../shared/adapters/session-signer.ts';
import { KmsSigner } from '../../shared/adapters/signer.ts';
import { sendAllToTierQueue } from '../../shared/adapters/tier-queue.ts';
import { loadEnv } from '../../shared/config/env.ts';
import { type DocumentAction, DocumentActionSchema } from '../../shared/contracts/documents.ts';
import type { RoutingMessage } from '../../shared/contracts/routing.ts';
import { applyRecipientAction, mayRecall, stepTimings } from '../../shared/domain/documents.ts';
import { DomainError } from '../../shared/domain/errors.ts';
import { canonicalJson } from '../../shared/domain/receipt.ts';
import { toVietnamIsoPrecise } from '../../shared/domain/time.ts';
import { httpEndpoint, logger, parseJsonBody } from '../../shared/http/endpoint.ts';
import { officerAuthFromEnv, officerOf } from '../../shared/http/officer-auth.ts';
import { officerUnit } from '../../shared/http/officer-unit.ts';
import { json } from '../../shared/http/responses.ts';
import { documentActionSpec } from './act.spec.ts';

const env = loadEnv(documentActionSpec.env);
const audit = new AuditLog(env.AUDIT_TABLE, env.AUDIT_PENDING_TABLE);
const documents = new DocumentStore(env.DOCUMENTS_TABLE);
const reference = new ReferenceStore(env.REFERENCE_TABLE);
const signer = new SessionSigner(
  new KmsSigner(),
  env.SIGNING_KEY_ID,
  env.SESSION_KEY_LIFETIME_SECONDS * 1000,
);
const exchange = new DocumentExchange(documents, audit, signer, env.TIER_QUEUE_URLS);

const notFound = () =>
  new DomainError('NOT_FOUND', {
    vi: 'Không có văn bản này trong hộp thư của đơn vị.',
    en: 'There is no such document in your unit’s boxes.',
  });

/** A recipient moves its copy on (each step signed and sent back); the sender recalls its document. */
export const handler = httpEndpoint(async (event) => {
  const officer = officerOf(event);
  const action = parseJsonBody(event, DocumentActionSchema);
  const unit = await officerUnit(reference, officer);
  const id = event.pathParameters?.id ?? '';
  const header = await documents.header(id);
  if (!header) throw notFound();
  if (action.type === 'recall') {
    if (header.senderOrganId !== unit.code) throw notFound();
    return json(202, await recall(header, action.reason, officer.username));
  }
  for (;;) {
    const copy = await documents.recipient(id, unit.code);
    if (!copy) throw notFound();
    const change = applyRecipientAction(
      copy,
      action as Exclude<DocumentAction, { type: 'recall' }>,
      officer.username,
      toVietnamIsoPrecise(new Date()),
    );
    const signed = await exchange.record(copy, change);
    if (!signed) continue;
    await exchange.sendBack(copy, signed.status, signed.signature);
    logger.info('document step', { id, organId: unit.code, status: signed.status.statusCode });
    const updated = {
      ...copy,
      state: change.state,
      recall: change.recall,
      steps: [...copy.steps, change.step],
    };
    return json(200, {
      id,
      organId: unit.code,
      state: updated.state,
      recall: updated.recall,
      steps: stepTimings(updated),
    });
  }
}, officerAuthFromEnv(env));

/** Signs the recall request once, logs it, and sends it to every copy that can still be recalled. */
async function recall(header: DocumentHeaderRecord, reason: string, actor: string) {
  const copies = (await documents.recipients(header.id)).filter(mayRecall);
  if (copies.length === 0) {
    throw new DomainError('ILLEGAL_TRANSITION', {
      vi: 'Không còn bản nào của văn bản có thể thu hồi.',
      en: 'No copy of this document can still be recalled.',
    });
  }
  const at = toVietnamIsoPrecise(new Date());
  const request = {
    documentId: header.documentId,
    recall: copies.map((copy) => copy.recipient.organId),
    reason,
    at,
  };
  const signature = await signer.sign(canonicalJson(request));
  await audit.append(senderChain(header.id), {
    kind: 'document_exchange',
    action: 'recall_requested',
    actor,
    at,
    details: { ...request, signature },
  });
  const byTier = new Map<string, RoutingMessage[]>();
  for (const copy of copies) {
    const message: RoutingMessage = {
      type: 'document.recall',
      id: header.id,
      organId: copy.recipient.organId,
      tier: copy.recipientTier,
      reason,
      by: header.senderOrganId,
      at,
    };
    byTier.set(copy.recipientTier, [...(byTier.get(copy.recipientTier) ?? []), message]);
  }
  for (const [tier, messages] of byTier) {
    const queueUrl = env.TIER_QUEUE_URLS[tier as keyof typeof env.TIER_QUEUE_URLS];
    if (!queueUrl) throw new Error(`No queue is configured for tier ${tier}`);
    await sendAllToTierQueue(queueUrl, messages);
  }
  return { id: header.id, recallRequestedAt: at, recipients: request.recall, signature };
}
