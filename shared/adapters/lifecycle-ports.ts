import type { LifecyclePorts } from '../app/officer-desk/act-on-dossier.ts';
import { AuditLog } from './audit-log.ts';
import { DossierStore, type TransactionItem } from './dossier-store.ts';
import { enqueueCitizenMail } from './mail-queue.ts';
import { runtime } from './runtime.ts';

/** DynamoDB dossiers and audit trail, and the mail queue: what a lifecycle change writes to. */
export function lifecyclePorts(env: {
  DOSSIERS_TABLE: string;
  AUDIT_TABLE: string;
  AUDIT_PENDING_TABLE: string;
  MAIL_QUEUE_URL: string;
}): Omit<LifecyclePorts<TransactionItem>, 'calendar'> {
  const audit = new AuditLog(env.AUDIT_TABLE, env.AUDIT_PENDING_TABLE);
  return {
    ...runtime,
    dossiers: new DossierStore(env.DOSSIERS_TABLE, audit),
    audit,
    mail: { enqueue: (message) => enqueueCitizenMail(env.MAIL_QUEUE_URL, message) },
  };
}
