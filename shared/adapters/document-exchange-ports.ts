import type { TierQueues } from '../app/documents/send-document.ts';
import type { Tier } from '../domain/agencies/tiers.ts';
import { AuditLog } from './audit-log.ts';
import { DocumentExchange } from './document-exchange.ts';
import { DocumentStore } from './document-store.ts';
import { runtime } from './runtime.ts';
import { SessionSigner } from './session-signer.ts';
import { KmsSigner } from './signer.ts';
import { sendAllToTierQueue } from './tier-queue.ts';

/** Each tier's FIFO routing queue. */
export const tierQueues = (queueUrls: Partial<Record<Tier, string>>): TierQueues => ({
  async sendAll(tier, messages) {
    const queueUrl = queueUrls[tier];
    if (!queueUrl) throw new Error(`No queue is configured for tier ${tier}`);
    await sendAllToTierQueue(queueUrl, messages);
  },
});

/** The document exchange's store, audit trail, session-key signer and tier queues. */
export function documentExchangePorts(env: {
  DOCUMENTS_TABLE: string;
  AUDIT_TABLE: string;
  AUDIT_PENDING_TABLE: string;
  SIGNING_KEY_ID: string;
  SESSION_KEY_LIFETIME_SECONDS: number;
  TIER_QUEUE_URLS: Partial<Record<Tier, string>>;
}) {
  const audit = new AuditLog(env.AUDIT_TABLE, env.AUDIT_PENDING_TABLE);
  const documents = new DocumentStore(env.DOCUMENTS_TABLE);
  const signer = new SessionSigner(
    new KmsSigner(),
    env.SIGNING_KEY_ID,
    env.SESSION_KEY_LIFETIME_SECONDS * 1000,
  );
  return {
    ...runtime,
    audit,
    documents,
    signer,
    exchange: new DocumentExchange(documents, audit, signer, env.TIER_QUEUE_URLS),
    tierQueues: tierQueues(env.TIER_QUEUE_URLS),
  };
}
