import type { DeadlineSweepPorts } from '../app/lifecycle/deadline-sweep.ts';
import { AuditLog } from './audit-log.ts';
import { DossierStore } from './dossier-store.ts';
import { mailQueue } from './mail-queue.ts';
import { OfficerDirectory } from './officer-directory.ts';
import { ReferenceStore } from './reference-store.ts';

/** The deadline sweep's stores: dossiers, their audit chains, officers and units, the mail queue. */
export function deadlineSweepPorts(env: {
  DOSSIERS_TABLE: string;
  AUDIT_TABLE: string;
  AUDIT_PENDING_TABLE: string;
  OFFICERS_TABLE: string;
  REFERENCE_TABLE: string;
  MAIL_QUEUE_URL: string;
}): Omit<DeadlineSweepPorts, 'calendar' | 'extensionWorkingDays' | 'log' | 'now'> {
  const audit = new AuditLog(env.AUDIT_TABLE, env.AUDIT_PENDING_TABLE);
  const dossiers = new DossierStore(env.DOSSIERS_TABLE, audit);
  const officers = new OfficerDirectory(env.OFFICERS_TABLE);
  const reference = new ReferenceStore(env.REFERENCE_TABLE);
  return {
    dossiers: {
      dueForSweep: (now, draftUntil) => dossiers.dueForSweep(now, draftUntil),
      lateAwaitingApproval: (now) => dossiers.lateAwaitingApproval(now),
      applyLifecycle: (dossier, outcome, entry) => dossiers.applyLifecycle(dossier, outcome, entry),
    },
    audit,
    officers: { ofAgency: (code) => officers.ofAgency(code) },
    agencies: { get: (code) => reference.getAgency(code) },
    alert: mailQueue(env.MAIL_QUEUE_URL).officerAlert,
  };
}
