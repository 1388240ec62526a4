import type { StatusMessage } from '../contracts/documents.ts';
import type { Signature } from '../contracts/signing.ts';
import type { Tier } from '../domain/agencies/tiers.ts';
import type { RecipientChange, RecipientRecord } from '../domain/documents/documents.ts';
import { recipientChain, statusMessageOf } from '../domain/documents/documents.ts';
import { canonicalJson } from '../domain/intake/receipt.ts';
import type { AuditLog } from './audit-log.ts';
import type { DocumentStore } from './document-store.ts';
import type { SessionSigner } from './session-signer.ts';
import { sendToTierQueue } from './tier-queue.ts';

/**
 * One step of a recipient's copy, made non-repudiable: the status message is signed, the signature
 * is written to the copy and to its hash-chained audit log in one transaction, and the signed status
 * goes back to the sender through the sender's tier queue.
 */
export class DocumentExchange {
  constructor(
    private readonly documents: DocumentStore,
    private readonly audit: AuditLog,
    private readonly signer: SessionSigner,
    private readonly tierQueueUrls: Partial<Record<Tier, string>>,
  ) {}

  /** Returns the signed status, or undefined when the copy changed meanwhile (read again, decide again). */
  async record(
    record: RecipientRecord,
    change: RecipientChange,
  ): Promise<{ status: StatusMessage; signature: Signature } | undefined> {
    const status = statusMessageOf(record, change.step);
    const signature = await this.signer.sign(canonicalJson(status));
    const entry = await this.audit.next(recipientChain(record.id, record.recipient.organId), {
      kind: 'document_exchange',
      action: `status_${change.step.code}`,
      actor: change.step.by,
      at: change.step.at,
      details: { status, signature },
    });
    const signedChange = { ...change, step: { ...change.step, signature } };
    const applied = await this.documents.applyChange(record, signedChange, entry, this.audit.putItems(entry));
    return applied ? { status, signature } : undefined;
  }

  async sendBack(record: RecipientRecord, status: StatusMessage, signature: Signature): Promise<void> {
    const queueUrl = this.tierQueueUrls[record.senderTier];
    if (!queueUrl) throw new Error(`No queue is configured for tier ${record.senderTier}`);
    await sendToTierQueue(queueUrl, {
      type: 'document.status',
      id: record.id,
      organId: record.recipient.organId,
      senderOrganId: record.senderOrganId,
      tier: record.senderTier,
      status,
      signature,
    });
  }
}
