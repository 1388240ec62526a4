import { remainingTimeWording, type WorkingCalendar } from '../calendar/calendar.ts';
import type { DossierRecord } from '../lifecycle/dossier.ts';
import { DOSSIER_STATUSES, SETTLED_STATUSES } from '../lifecycle/dossier-status.ts';
import {
  AWAITING_RECEPTION,
  allowedActions,
  awaitingReception,
  currentAppointment,
  leaderAttention,
} from '../lifecycle/lifecycle.ts';
import { supplementSupplied } from '../lifecycle/supplement.ts';

/**
 * An officer handles the dossiers their own unit holds, and no other; a unit also holds what was
 * handed to the codes it had before a rename or merger.
 */
export function officerMayHandle(
  unit: { code: string; aliases?: string[] | undefined },
  dossier: Pick<DossierRecord, 'currentAgencyCode'>,
): boolean {
  return unitCodes(unit).includes(dossier.currentAgencyCode);
}

export function unitCodes(unit: { code: string; aliases?: string[] | undefined }): string[] {
  return [unit.code, ...(unit.aliases ?? [])];
}

const CLOSED = new Set(['not_accepted', 'withdrawn', 'stopped', ...SETTLED_STATUSES]);

/** A queue line: what an officer needs to decide what to do next. */
export function queueEntry(dossier: DossierRecord, now: Date, calendar: WorkingCalendar) {
  const appointment = currentAppointment(dossier);
  const open = !CLOSED.has(dossier.status) && !dossier.clock && appointment !== undefined;
  return {
    dossierCode: dossier.dossierCode,
    procedure: dossier.procedure,
    status: dossier.status,
    syncCode: DOSSIER_STATUSES[dossier.status].syncCode,
    channel: dossier.channel,
    submittedAt: dossier.submittedAt,
    /** Absent while the dossier awaits reception at the one-stop desk. */
    receivedAt: dossier.receivedAt,
    /** The appointment the citizen was last given (an approved apology's, else the statutory one). */
    dueAt: appointment,
    /** What timeliness is judged against; earlier than `dueAt` once an apology moved the appointment. */
    statutoryDueAt: dossier.dueAt,
    /** Shown instead of an appointment until the desk receives the dossier. */
    ...(awaitingReception(dossier) ? { awaiting: AWAITING_RECEPTION } : {}),
    remaining: open ? remainingTimeWording(now, new Date(appointment), calendar) : undefined,
    allowedActions: allowedActions(dossier.status, 'officer'),
    /** Past the statutory appointment without an approved form 04: for the unit's leader to act on. */
    needsLeaderAttention: leaderAttention(dossier, now),
    /** When the citizen supplied the documents asked for, while the desk has yet to act on them. */
    suppliedAt: supplementSupplied(dossier) ? dossier.supplement?.suppliedAt : undefined,
  };
}

/** The full dossier for the unit holding it, personal data included. */
export function officerDossierView(dossier: DossierRecord, now: Date, calendar: WorkingCalendar) {
  return {
    ...queueEntry(dossier, now, calendar),
    agency: dossier.agency,
    currentAgency: dossier.currentAgency,
    applicant: dossier.applicant,
    attachments: dossier.attachments,
    note: dossier.note,
    history: dossier.history,
    controlSlip: dossier.controlSlip,
    clock: dossier.clock,
    supplementRequests: dossier.supplementRequests,
    supplement: dossier.supplement,
    outcome: dossier.outcome,
    result: dossier.result,
    apology: dossier.apology,
    settledAt: dossier.settledAt,
    version: dossier.version,
  };
}
