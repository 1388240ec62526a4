import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import type { SupplyPorts } from '../app/lookup/supply-documents.ts';
import { AttachmentStore } from './attachment-store.ts';
import { AuditLog } from './audit-log.ts';
import { DossierStore, type TransactionItem } from './dossier-store.ts';
import { enqueueCitizenMail } from './mail-queue.ts';
import { runtime } from './runtime.ts';
import { UploadClaims } from './upload-claims.ts';

/** What a citizen's supplement reads and writes in a deployment, except the lookup gate (per request). */
export function supplementPorts(env: {
  DOSSIERS_TABLE: string;
  AUDIT_TABLE: string;
  AUDIT_PENDING_TABLE: string;
  ATTACHMENTS_BUCKET: string;
  UPLOAD_CLAIMS_TABLE: string;
  MAIL_QUEUE_URL: string;
}): Omit<SupplyPorts<TransactionItem>, 'gate'> {
  const audit = new AuditLog(env.AUDIT_TABLE, env.AUDIT_PENDING_TABLE);
  return {
    dossiers: new DossierStore(env.DOSSIERS_TABLE, audit),
    uploads: new AttachmentStore(env.ATTACHMENTS_BUCKET),
    claims: new UploadClaims(env.UPLOAD_CLAIMS_TABLE),
    refusedWrite: (error) => error instanceof TransactionCanceledException,
    audit,
    mail: { enqueue: (message) => enqueueCitizenMail(env.MAIL_QUEUE_URL, message) },
    log: runtime.log,
    now: runtime.now,
  };
}
