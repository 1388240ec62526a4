import { type WorkingCalendar, workingMinutesBetween } from '../calendar/calendar.ts';
import { toVietnamIso } from '../calendar/time.ts';
import { OPEN_STATUSES } from '../kpi/kpi.ts';
import type { OfficerRecord, OfficerRole } from '../officers/officers.ts';
import { authorityOf } from '../officers/officers.ts';
import type { ActiveStep } from '../process/process-state.ts';
import { apologyDraftOpensAt } from './apology-deadline.ts';
import { LIFECYCLE_RULES, type LifecycleState, leaderAttention } from './lifecycle.ts';

/**
 * A step of the internal process has its own deadline (its budget from when it opened). When it
 * passes, the officer holding the step and the unit's leaders are told, once per step, so the
 * dossier can still be settled before its statutory appointment. While the clock stands still for
 * the applicant nothing is late, and a dossier no longer open has no step to hurry.
 */
export function overdueSteps(state: LifecycleState, now: Date): ActiveStep[] {
  const open = LIFECYCLE_RULES.approve_apology.from.includes(state.status) && !state.clock;
  if (!open || !state.process) return [];
  return state.process.active.filter(
    (step) => !step.overdueAlertedAt && new Date(step.dueAt).getTime() < now.getTime(),
  );
}

/** A dossier past its statutory appointment without an approved apology whose leaders were not told yet. */
export function needsLeaderAlert(state: LifecycleState, now: Date): boolean {
  return leaderAttention(state, now) === 'late_without_apology' && !state.leaderAlertedAt;
}

/** The process with the alert recorded on the steps named. */
export function withStepsAlerted(
  process: NonNullable<LifecycleState['process']>,
  steps: readonly ActiveStep[],
  at: string,
): NonNullable<LifecycleState['process']> {
  const alerted = new Set(steps.map((step) => `${step.step}|${step.startedAt}`));
  return {
    ...process,
    active: process.active.map((step) =>
      alerted.has(`${step.step}|${step.startedAt}`) ? { ...step, overdueAlertedAt: at } : step,
    ),
  };
}

/** Working minutes past a deadline (0 while it has not passed). */
export function workingMinutesLate(dueAt: string, now: Date, calendar: WorkingCalendar): number {
  return Math.max(0, workingMinutesBetween(new Date(dueAt), now, calendar));
}

export const LEADER_ROLES: readonly OfficerRole[] = ['lanh_dao', 'lanh_dao_phong'];
/** Who holds a step nobody was assigned to: the officers of its role, and the unit's one-stop desk. */
const holdingRoles = (step: Pick<ActiveStep, 'role'>): OfficerRole[] => [step.role, 'tiep_nhan'];

/**
 * The addresses an alert goes to, from the unit's officer records (active now, with an address): the
 * step's assignee if named, else the officers holding it; and the unit's leaders. When no leader has
 * an address (nor, then, any officer), the unit's official address stands in for them.
 */
export function alertRecipients(
  officers: readonly OfficerRecord[],
  unit: { officialEmail: string },
  now: Date,
  step?: Pick<ActiveStep, 'role' | 'assignee'>,
): string[] {
  const current = officers.filter((record) => authorityOf(record, now).granted && record.email);
  const hasRole = (record: OfficerRecord, roles: readonly OfficerRole[]) =>
    record.roles.some((role) => roles.includes(role));
  const assignee = step?.assignee ? current.filter((record) => record.username === step.assignee) : [];
  const holders = !step
    ? []
    : assignee.length > 0
      ? assignee
      : current.filter((r) => hasRole(r, holdingRoles(step)));
  const leaders = current.filter((record) => hasRole(record, LEADER_ROLES));
  const addresses = [
    ...[...holders, ...leaders].map((record) => record.email ?? ''),
    ...(leaders.length === 0 ? [unit.officialEmail] : []),
  ];
  return [...new Set(addresses.filter(Boolean).map((address) => address.toLowerCase()))];
}

/** The `nextDeadline` of an open dossier with nothing to watch: after any horizon the sweep asks for. */
export const NOTHING_TO_WATCH = '9999-12-31T23:59:59+07:00';

/** The keys a dossier carries in the two sparse indexes the deadline sweep reads (see `deadlineWatch`). */
export interface DeadlineWatch {
  deadlineShard: string | undefined;
  nextDeadline: string | undefined;
  apologyShard: string | undefined;
  apologyWatch: string | undefined;
}

/** The keys of a dossier in neither index: not received, or no longer open. */
const NOT_WATCHED: DeadlineWatch = {
  deadlineShard: undefined,
  nextDeadline: undefined,
  apologyShard: undefined,
  apologyWatch: undefined,
};

/** `apologyWatch` of a dossier whose form 04 is not drafted yet: drafted once its draft opens. */
export const AWAITING_DRAFT = 'draft#';
/** `apologyWatch` of a dossier with form 04 drafted, not approved: late once its appointment passes. */
export const AWAITING_APPROVAL = 'pending#';

/**
 * What the two sparse indexes of open dossiers key a dossier by, each spread over the KPI shards, so
 * that the deadline sweep reads whole only the dossiers it has something to do with:
 * - `openByDeadline` holds every received, open dossier (the KPI close reads them all there) by
 *   `nextDeadline`, the earliest instant at which something falls due by the clock: an open step's
 *   own deadline not alerted yet, or the appointment while its passing, without an approved apology,
 *   was not told to the leaders yet. `NOTHING_TO_WATCH` when there is none, while the clock stands
 *   still for the applicant, or while the dossier waits for payment or reception.
 * - `awaitingApology` holds the dossiers whose statutory appointment stands without an approved
 *   apology, by `apologyWatch`: the appointment after `AWAITING_DRAFT` until form 04 is drafted (the
 *   sweep reads those whose draft opens by now, with the calendar of the day), then after
 *   `AWAITING_APPROVAL` (the sweep counts those past their appointment without reading them).
 * A dossier not received, or no longer open, carries none of these keys and is in neither index.
 */
export function deadlineWatch(
  state: Pick<
    LifecycleState,
    'status' | 'receivedAt' | 'dueAt' | 'apology' | 'process' | 'clock' | 'leaderAlertedAt'
  > & {
    kpiShard: string;
  },
): DeadlineWatch {
  if (!OPEN_STATUSES.has(state.status) || state.receivedAt === undefined) return NOT_WATCHED;
  const watched = LIFECYCLE_RULES.approve_apology.from.includes(state.status) && !state.clock;
  const appointment =
    watched && state.dueAt !== undefined && state.apology?.state !== 'approved'
      ? toVietnamIso(new Date(state.dueAt))
      : undefined;
  const deadlines = [
    ...(appointment !== undefined && !state.leaderAlertedAt ? [appointment] : []),
    ...(watched ? (state.process?.active ?? []) : []).flatMap((step) =>
      step.overdueAlertedAt ? [] : [step.dueAt],
    ),
  ].map((at) => new Date(at).getTime());
  return {
    deadlineShard: state.kpiShard,
    nextDeadline: deadlines.length === 0 ? NOTHING_TO_WATCH : toVietnamIso(new Date(Math.min(...deadlines))),
    apologyShard: appointment === undefined ? undefined : state.kpiShard,
    apologyWatch:
      appointment === undefined
        ? undefined
        : `${state.apology ? AWAITING_APPROVAL : AWAITING_DRAFT}${appointment}`,
  };
}

const DAY_MS = 86_400_000;
/** Far beyond two working days whatever the holidays: past it, every watched dossier is read. */
const HORIZON_SEARCH_DAYS = 60;

/**
 * The latest `nextDeadline` the sweep must read at `now`: a step or an appointment already passed,
 * or an appointment whose apology draft opens by now (two working days before it). The first whole
 * day ahead whose draft would open after now bounds it, since a later appointment opens later still;
 * undefined (read every watched dossier) if no such day is found.
 */
export function sweepHorizon(now: Date, calendar: WorkingCalendar): string | undefined {
  for (let days = 1; days <= HORIZON_SEARCH_DAYS; days += 1) {
    const candidate = new Date(now.getTime() + days * DAY_MS);
    if (apologyDraftOpensAt(candidate, calendar).getTime() > now.getTime())
      // One second more: stored deadlines are kept to the second, rounded down.
      return toVietnamIso(new Date(candidate.getTime() + 1000));
  }
  return undefined;
}
