import type { AuditEntry, AuditFields } from '../../domain/audit/audit.ts';
import type { WorkingCalendar } from '../../domain/calendar/calendar.ts';
import { toVietnamIso } from '../../domain/calendar/time.ts';
import { isDomainError } from '../../domain/common/errors.ts';
import type { DossierRecord } from '../../domain/lifecycle/dossier.ts';
import {
  auditFieldsOf,
  draftApology,
  type LifecycleOutcome,
  needsApology,
} from '../../domain/lifecycle/lifecycle.ts';
import type { Log } from '../log.ts';

export interface ApologySweepPorts {
  dossiers: {
    /** Every dossier, with the fields a lifecycle change reads and writes. */
    all(): AsyncIterable<DossierRecord>;
    /** Writes the outcome and its audit entry, refused (a domain error) if the dossier changed since it was read. */
    applyLifecycle(dossier: DossierRecord, outcome: LifecycleOutcome, entry: AuditEntry): Promise<unknown>;
  };
  /** The next entry of a dossier's audit chain. */
  audit: { next(chain: string, fields: AuditFields): Promise<AuditEntry> };
  calendar: WorkingCalendar;
  /** Working days from now to the appointment the draft proposes. */
  extensionWorkingDays: number;
  log: Log;
  now(): Date;
}

/** Every open dossier past its appointment gets a form 04 draft for its unit to approve. */
export async function draftApologies(ports: ApologySweepPorts): Promise<{ drafted: number; raced: number }> {
  const now = ports.now();
  let drafted = 0;
  let raced = 0;
  for await (const dossier of ports.dossiers.all()) {
    if (!needsApology(dossier, now)) continue;
    const outcome: LifecycleOutcome = {
      state: {
        ...dossier,
        apology: draftApology(dossier, now, ports.calendar, ports.extensionWorkingDays),
      },
      history: {
        status: dossier.status,
        at: toVietnamIso(now),
        by: 'system',
        note: 'Quá hạn: dự thảo văn bản xin lỗi (mẫu 04)',
      },
    };
    try {
      await ports.dossiers.applyLifecycle(
        dossier,
        outcome,
        await ports.audit.next(dossier.dossierCode, auditFieldsOf(outcome, 'draft_apology', 'system')),
      );
      drafted += 1;
    } catch (error) {
      // An officer changed the dossier meanwhile; the next run looks at it again.
      if (!isDomainError(error)) throw error;
      raced += 1;
    }
  }
  ports.log.info('apology sweep', { drafted, raced });
  return { drafted, raced };
}
