import type { AuditEntry, AuditFields } from '../../domain/audit/audit.ts';
import type { WorkingCalendar } from '../../domain/calendar/calendar.ts';
import { dossierNotFound } from '../../domain/common/errors.ts';
import type { DossierRecord } from '../../domain/lifecycle/dossier.ts';
import { DOSSIER_STATUSES, type DossierStatus } from '../../domain/lifecycle/dossier-status.ts';
import { auditFieldsOf, type LifecycleOutcome } from '../../domain/lifecycle/lifecycle.ts';
import { applyWithProcess } from '../../domain/process/process-lifecycle.ts';
import type { DossierGate } from './dossier-gate.ts';

export interface WithdrawPorts {
  gate: DossierGate;
  dossiers: {
    get(dossierCode: string): Promise<DossierRecord | undefined>;
    /** Writes the outcome and its audit entry unless the dossier changed since it was read. */
    applyLifecycle(
      dossier: DossierRecord,
      outcome: LifecycleOutcome,
      entry: AuditEntry,
    ): Promise<DossierRecord>;
  };
  audit: { next(chain: string, fields: AuditFields): Promise<AuditEntry> };
  now(): Date;
  calendar: WorkingCalendar;
}

export interface Withdrawn {
  dossierCode: string;
  status: DossierStatus;
  syncCode: number;
}

/** The citizen withdraws their own dossier, proving it with the lookup secret. */
export async function withdrawDossier(
  ports: WithdrawPorts,
  code: string,
  reason: string | undefined,
): Promise<Withdrawn> {
  const dossier = await ports.gate.open(code, () => ports.dossiers.get(code), dossierNotFound);
  // Withdrawing closes every step of the dossier's process: no definition is needed for that.
  const outcome = applyWithProcess(
    dossier,
    { type: 'withdraw', reason },
    { id: 'citizen', kind: 'citizen' },
    ports.now(),
    ports.calendar,
    undefined,
    undefined,
  );
  const entry = await ports.audit.next(dossier.dossierCode, auditFieldsOf(outcome, 'withdraw', 'citizen'));
  const updated = await ports.dossiers.applyLifecycle(dossier, outcome, entry);
  return {
    dossierCode: updated.dossierCode,
    status: updated.status,
    syncCode: DOSSIER_STATUSES[updated.status].syncCode,
  };
}
