import type { DocumentHeaderRecord } from '../../adapters/document-store.ts';
import type { DocumentAction, StatusMessage } from '../../contracts/documents.ts';
import type { RoutingMessage } from '../../contracts/routing.ts';
import type { Signature } from '../../contracts/signing.ts';
import type { AuditFields } from '../../domain/audit/audit.ts';
import { toVietnamIsoPrecise } from '../../domain/calendar/time.ts';
import { DomainError } from '../../domain/common/errors.ts';
import {
  applyRecipientAction,
  mayRecall,
  type RecipientChange,
  type RecipientRecord,
  senderChain,
  stepTimings,
} from '../../domain/documents/documents.ts';
import { canonicalJson } from '../../domain/intake/receipt.ts';
import type { Log } from '../officer-desk/act-on-dossier.ts';
import { byTier, type DocumentSigner, type TierQueues } from './send-document.ts';

export interface DocumentReader {
  header(id: string): Promise<DocumentHeaderRecord | undefined>;
  recipient(id: string, organId: string): Promise<RecipientRecord | undefined>;
  recipients(id: string): Promise<RecipientRecord[]>;
}

export interface DocumentActionPorts {
  documents: DocumentReader;
  /** Signs a copy's step and writes it with its audit entry, then sends the signed status back. */
  exchange: {
    /** The signed status, or undefined when the copy changed meanwhile (read again, decide again). */
    record(
      copy: RecipientRecord,
      change: RecipientChange,
    ): Promise<{ status: StatusMessage; signature: Signature } | undefined>;
    sendBack(copy: RecipientRecord, status: StatusMessage, signature: Signature): Promise<void>;
  };
  audit: { append(chain: string, fields: AuditFields): Promise<unknown> };
  signer: DocumentSigner;
  tierQueues: TierQueues;
  log: Pick<Log, 'info'>;
  now(): Date;
}

export const documentNotFound = () =>
  new DomainError('NOT_FOUND', {
    vi: 'Không có văn bản này trong hộp thư của đơn vị.',
    en: 'There is no such document in your unit’s boxes.',
  });

/** A recipient moves its copy on; each step is signed and its status sent back to the sender. */
export async function actOnCopy(
  ports: DocumentActionPorts,
  request: {
    id: string;
    unitCode: string;
    action: Exclude<DocumentAction, { type: 'recall' }>;
    actor: string;
  },
) {
  const { id, unitCode } = request;
  if (!(await ports.documents.header(id))) throw documentNotFound();
  for (;;) {
    const copy = await ports.documents.recipient(id, unitCode);
    if (!copy) throw documentNotFound();
    const at = toVietnamIsoPrecise(ports.now());
    const change = applyRecipientAction(copy, request.action, request.actor, at);
    const signed = await ports.exchange.record(copy, change);
    if (!signed) continue;
    await ports.exchange.sendBack(copy, signed.status, signed.signature);
    ports.log.info('document step', { id, organId: unitCode, status: signed.status.statusCode });
    const updated = {
      ...copy,
      state: change.state,
      recall: change.recall,
      steps: [...copy.steps, change.step],
    };
    return {
      id,
      organId: unitCode,
      state: updated.state,
      recall: updated.recall,
      steps: stepTimings(updated),
    };
  }
}

/**
 * The sender recalls its document: the request is signed once, logged, and sent to every copy that
 * can still be recalled.
 */
export async function recallDocument(
  ports: DocumentActionPorts,
  request: { id: string; unitCode: string; reason: string; actor: string },
) {
  const { reason } = request;
  const header = await ports.documents.header(request.id);
  if (!header || header.senderOrganId !== request.unitCode) throw documentNotFound();
  const copies = (await ports.documents.recipients(header.id)).filter(mayRecall);
  if (copies.length === 0) {
    throw new DomainError('ILLEGAL_TRANSITION', {
      vi: 'Không còn bản nào của văn bản có thể thu hồi.',
      en: 'No copy of this document can still be recalled.',
    });
  }
  const at = toVietnamIsoPrecise(ports.now());
  const recall = {
    documentId: header.documentId,
    recall: copies.map((copy) => copy.recipient.organId),
    reason,
    at,
  };
  const signature = await ports.signer.sign(canonicalJson(recall));
  await ports.audit.append(senderChain(header.id), {
    kind: 'document_exchange',
    action: 'recall_requested',
    actor: request.actor,
    at,
    details: { ...recall, signature },
  });
  const messages = copies.map(
    (copy): RoutingMessage => ({
      type: 'document.recall',
      id: header.id,
      organId: copy.recipient.organId,
      tier: copy.recipientTier,
      reason,
      by: header.senderOrganId,
      at,
    }),
  );
  for (const [tier, batch] of byTier(messages)) await ports.tierQueues.sendAll(tier, batch);
  return { id: header.id, recallRequestedAt: at, recipients: recall.recall, signature };
}
