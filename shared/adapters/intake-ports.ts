import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import type { SubmitPorts } from '../app/intake/submit-dossier.ts';
import type { Log } from '../app/log.ts';
import type { Tier } from '../domain/agencies/tiers.ts';
import { AttachmentStore } from './attachment-store.ts';
import { AuditLog } from './audit-log.ts';
import { DossierStore } from './dossier-store.ts';
import { IdentifierDigest } from './identifier-digest.ts';
import { ReferenceProcessCatalog } from './process-catalog.ts';
import { ReferenceStore } from './reference-store.ts';
import { SecretSealer } from './secret-sealer.ts';
import { SequenceCounter } from './sequence-counter.ts';
import { SessionSigner } from './session-signer.ts';
import { KmsSigner } from './signer.ts';
import { sendToTierQueue } from './tier-queue.ts';
import { UploadClaims } from './upload-claims.ts';

/**
 * What intake reads and writes in a deployment: registry, counters, uploads and their claims, the
 * dossier with its audit entry, signers (receipts through a session key), the sealer, the tier queues.
 */
export function intakePorts(
  env: {
    REFERENCE_TABLE: string;
    COUNTERS_TABLE: string;
    ATTACHMENTS_BUCKET: string;
    IDEMPOTENCY_TABLE: string;
    DOSSIERS_TABLE: string;
    AUDIT_TABLE: string;
    AUDIT_PENDING_TABLE: string;
    SIGNING_KEY_ID: string;
    RSA_SIGNING_KEY_ID: string;
    DATA_KEY_ID: string;
    SEARCH_KEY_ID: string;
    SESSION_KEY_LIFETIME_SECONDS: number;
    TIER_QUEUE_URLS: Partial<Record<Tier, string>>;
  },
  log: Log,
): Omit<SubmitPorts, 'calendar'> & { sealer: SecretSealer } {
  const kms = new KmsSigner();
  const session = new SessionSigner(kms, env.SIGNING_KEY_ID, env.SESSION_KEY_LIFETIME_SECONDS * 1000);
  return {
    reference: new ReferenceStore(env.REFERENCE_TABLE),
    counters: new SequenceCounter(env.COUNTERS_TABLE),
    processes: new ReferenceProcessCatalog(env.REFERENCE_TABLE),
    uploads: new AttachmentStore(env.ATTACHMENTS_BUCKET),
    claims: { uploads: new UploadClaims(env.IDEMPOTENCY_TABLE), table: env.IDEMPOTENCY_TABLE },
    dossiers: new DossierStore(env.DOSSIERS_TABLE, new AuditLog(env.AUDIT_TABLE, env.AUDIT_PENDING_TABLE)),
    refusedWrite: (error) => error instanceof TransactionCanceledException,
    signers: { session, kms, keys: { ecdsa: env.SIGNING_KEY_ID, rsa: env.RSA_SIGNING_KEY_ID } },
    sealer: new SecretSealer(env.DATA_KEY_ID),
    identifiers: new IdentifierDigest(env.SEARCH_KEY_ID),
    routing: { queues: env.TIER_QUEUE_URLS, send: sendToTierQueue },
    log,
    now: () => new Date(),
  };
}
