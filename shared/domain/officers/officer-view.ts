import { remainingTimeWording, type WorkingCalendar } from '../calendar/calendar.ts';
import type { DossierRecord } from '../lifecycle/dossier.ts';
import { DOSSIER_STATUSES } from '../lifecycle/dossier-status.ts';
import {
  AWAITING_RECEPTION,
  allowedActions,
  awaitingReception,
  currentAppointment,
  leaderAttention,
} from '../lifecycle/lifecycle.ts';
import { supplementSupplied } from '../lifecycle/supplement.ts';
import { isStepAction, type ProcessActor, stepActionDetail, stepActionsFor } from '../process/engine.ts';
import type { ProcessDefinition } from '../process/process-definition.ts';
import { officerStatusRule } from '../process/process-lifecycle.ts';
import type { ProcessProgress } from '../process/process-state.ts';
import { CLOSED_STATUSES } from './work-queue.ts';

/**
 * An officer handles the dossiers their own unit holds, and no other; a unit also holds what was
 * handed to the codes it had before a rename or merger. While a process runs parallel branches, each
 * unit holding one of its active steps holds the dossier too.
 */
export function officerMayHandle(
  unit: { code: string; aliases?: string[] | undefined },
  dossier: Pick<DossierRecord, 'currentAgencyCode'> & { process?: ProcessProgress | undefined },
): boolean {
  const codes = unitCodes(unit);
  return (
    codes.includes(dossier.currentAgencyCode) ||
    (dossier.process?.active.some((step) => codes.includes(step.unit.code)) ?? false)
  );
}

export function unitCodes(unit: { code: string; aliases?: string[] | undefined }): string[] {
  return [unit.code, ...(unit.aliases ?? [])];
}

/** What a queue line reads of a dossier: the queue index carries all of it. */
export type QueueSource = Pick<
  DossierRecord,
  | 'dossierCode'
  | 'procedure'
  | 'status'
  | 'channel'
  | 'submittedAt'
  | 'receivedAt'
  | 'dueAt'
  | 'extendedDueAt'
  | 'clock'
  | 'apology'
  | 'supplement'
> & {
  /** Whether the dossier follows a process: the queue index says so without carrying the process. */
  followsProcess?: boolean | undefined;
  process?: ProcessProgress | undefined;
};

/** A queue line: what an officer needs to decide what to do next. */
export function queueEntry(dossier: QueueSource, now: Date, calendar: WorkingCalendar) {
  const appointment = currentAppointment(dossier);
  const open = !CLOSED_STATUSES.has(dossier.status) && !dossier.clock && appointment !== undefined;
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
    allowedActions: allowedActions(dossier.status, 'officer', {
      process: dossier.followsProcess ?? dossier.process !== undefined,
    }),
    /** Past the statutory appointment without an approved form 04: for the unit's leader to act on. */
    needsLeaderAttention: leaderAttention(dossier, now),
    /** When the citizen supplied the documents asked for, while the desk has yet to act on them. */
    suppliedAt: supplementSupplied(dossier) ? dossier.supplement?.suppliedAt : undefined,
  };
}

/** Who looks at a dossier that follows a process, and the definition it is pinned to. */
export interface ProcessViewer {
  definition: ProcessDefinition;
  actor: ProcessActor;
}

/** The process as officers read it: the active steps with holder and deadline, the control-slip rows. */
export function processView(
  progress: ProcessProgress,
  now: Date,
  calendar: WorkingCalendar,
  paused: boolean,
) {
  return {
    code: progress.code,
    version: progress.version,
    active: progress.active.map((step) => ({
      ...step,
      remaining: paused ? undefined : remainingTimeWording(now, new Date(step.dueAt), calendar),
    })),
    done: progress.done,
    draftedBy: progress.draftedBy,
  };
}

/**
 * What this viewer may do now: for a dossier following a process, the engine's answer (the step
 * actions they may take, plus reception and apology actions of the lifecycle); otherwise the
 * lifecycle's list for the status.
 */
function actionsFor(dossier: DossierRecord, viewer: ProcessViewer | undefined) {
  if (!dossier.process || !viewer) return {};
  const { mine } = stepActionsFor(
    dossier.process,
    viewer.definition,
    viewer.actor,
    dossier.status,
    officerStatusRule,
  );
  const others = allowedActions(dossier.status, 'officer', { process: true }).filter(
    (action) => !isStepAction(action),
  );
  return {
    allowedActions: [...new Set([...others, ...mine.map((entry) => entry.action)])],
    stepActions: mine.map(stepActionDetail),
  };
}

/** The full dossier for the unit holding it, personal data included. */
export function officerDossierView(
  dossier: DossierRecord,
  now: Date,
  calendar: WorkingCalendar,
  viewer?: ProcessViewer,
) {
  return {
    ...queueEntry(dossier, now, calendar),
    ...actionsFor(dossier, viewer),
    process: dossier.process && processView(dossier.process, now, calendar, dossier.clock !== undefined),
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
