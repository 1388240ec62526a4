import type { AuditEntry, AuditFields } from '../../domain/audit/audit.ts';
import type { WorkingCalendar } from '../../domain/calendar/calendar.ts';
import { toVietnamIso } from '../../domain/calendar/time.ts';
import { isDomainError } from '../../domain/common/errors.ts';
import type { DossierRecord } from '../../domain/lifecycle/dossier.ts';
import {
  auditFieldsOf,
  draftApology,
  type LifecycleOutcome,
  leaderAttention,
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

export interface ApologySweepResult {
  drafted: number;
  raced: number;
  /** Open dossiers past their statutory appointment without an approved apology, flagged to their leader. */
  lateWithoutApology: number;
}

/**
 * Every open dossier within two working days of its statutory appointment (or past it) gets a form 04
 * draft, once; the officer holding it writes the reason, a leader approves it before the letter's
 * deadline, one working day before the appointment. Late dossiers without an approved apology are
 * counted and logged for their unit's leader.
 */
export async function draftApologies(ports: ApologySweepPorts): Promise<ApologySweepResult> {
  const now = ports.now();
  let drafted = 0;
  let raced = 0;
  let lateWithoutApology = 0;
  for await (const dossier of ports.dossiers.all()) {
    if (leaderAttention(dossier, now) === 'late_without_apology') {
      lateWithoutApology += 1;
      ports.log.warn('late without apology', {
        dossierCode: dossier.dossierCode,
        agency: dossier.currentAgency.code,
        dueAt: dossier.dueAt,
        apology: dossier.apology?.state ?? 'none',
      });
    }
    if (!needsApology(dossier, now, ports.calendar)) continue;
    const outcome: LifecycleOutcome = {
      state: {
        ...dossier,
        apology: {
          ...draftApology(dossier, now, ports.calendar, ports.extensionWorkingDays),
          draftedBy: 'system',
        },
      },
      history: {
        status: dossier.status,
        at: toVietnamIso(now),
        by: 'system',
        note: 'Sắp đến hạn hoặc quá hạn: dự thảo phiếu xin lỗi và hẹn lại (mẫu 04), chờ lý do và phê duyệt',
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
  ports.log.info('apology sweep', { drafted, raced, lateWithoutApology });
  return { drafted, raced, lateWithoutApology };
}
