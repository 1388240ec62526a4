import {
  addWorkingMinutes,
  classifyTimeliness,
  type WorkingCalendar,
  workingMinutesBetween,
} from '../calendar/calendar.ts';
import { toVietnamIso } from '../calendar/time.ts';
import { DomainError } from '../common/errors.ts';
import type { DossierStatus } from '../lifecycle/dossier-status.ts';
import { pausedSince } from '../lifecycle/lifecycle.ts';
import { OFFICER_ROLE_NAMES, type OfficerRole } from '../officers/officers.ts';
import {
  budgetMinutes,
  type ProcessDefinition,
  type ProcessStep,
  STEP_ACTIONS,
  type StepAction,
  type UnitReference,
} from './process-definition.ts';
import type { ActiveStep, ProcessProgress, StepRecord, StepUnit } from './process-state.ts';

/**
 * The process engine: which step a dossier is at, who holds it, each step's deadline, and what each
 * step action changes. Pure: the lifecycle (lifecycle.ts) keeps deciding the status; the caller
 * applies both to the dossier in one write.
 */

/** How a step's unit reference becomes a unit; `parent`, `{ tier }` and `{ agency }` are the caller's. */
export interface UnitResolution {
  receivingAgency: StepUnit;
  /** The unit holding the dossier when a step opens. */
  currentAgency: StepUnit;
  resolveUnit(reference: Exclude<UnitReference, 'receiving' | 'current'>): StepUnit | undefined;
}

/**
 * A resolver from the receiving unit's ancestors (nearest first) and the units a definition names:
 * `parent` is the nearest ancestor, `{ tier }` the nearest at that tier.
 */
export function unitResolver(
  ancestors: readonly StepUnit[],
  named: readonly StepUnit[],
): UnitResolution['resolveUnit'] {
  return (reference) => {
    if (reference === 'parent') return ancestors[0];
    if ('tier' in reference) return ancestors.find((unit) => unit.tier === reference.tier);
    return named.find((unit) => unit.code === reference.agency);
  };
}

/** The agencies a definition names (`{ agency }`): the caller loads them before resolving. */
export function namedAgencies(definition: ProcessDefinition): string[] {
  return [
    ...new Set(
      definition.steps.flatMap((step) =>
        typeof step.unit === 'object' && 'agency' in step.unit ? [step.unit.agency] : [],
      ),
    ),
  ];
}

export function isStepAction(type: string): type is StepAction {
  return STEP_ACTIONS.some((action) => action === type);
}

/** Who acts: an officer (roles at their unit), or an agency's system acting for a unit it speaks for. */
export type ProcessActor =
  | { kind: 'officer'; username: string; roles: readonly OfficerRole[]; unitCodes: readonly string[] }
  | { kind: 'system'; id: string; unitCodes: readonly string[] };

/** One action at one active step, with who may take it. */
export interface StepActionEntry {
  action: StepAction;
  step: string;
  stepName: { vi: string; en: string };
  role: OfficerRole;
  unitCode: string;
  unitName: string;
  /** Set when the step was assigned: only this officer takes its actions (others than `assign`). */
  assignee?: string | undefined;
}

/** Leaders of the holding unit may assign a step besides the step's own role. */
const ASSIGNING_ROLES: readonly OfficerRole[] = ['lanh_dao_phong', 'lanh_dao'];

/** The actions the lifecycle allows in each status; passed in so that this module stays free of it. */
export type StatusRule = (action: StepAction, status: DossierStatus) => boolean;

function stepOf(definition: ProcessDefinition, code: string): ProcessStep {
  const step = definition.steps.find((candidate) => candidate.code === code);
  if (!step) throw new Error(`Process ${definition.code} has no step ${code}`);
  return step;
}

const stepName = (step: ProcessStep) => ({ vi: step.name, en: step.nameEn ?? step.name });

/** A step opening now: its unit resolved, its deadline its budget but never after the dossier's. */
function openStep(
  step: ProcessStep,
  progress: Pick<ProcessProgress, 'statutoryMinutes'>,
  context: { units: UnitResolution; at: Date; dossierDueAt: string; by: string; calendar: WorkingCalendar },
): ActiveStep {
  const unit = resolve(step.unit, context.units);
  const minutes = budgetMinutes(step.budget, progress.statutoryMinutes);
  return {
    step: step.code,
    name: stepName(step),
    role: step.role,
    unit,
    startedAt: toVietnamIso(context.at),
    // A step without a budget of its own (the desk handing back the result) is due with the dossier.
    dueAt:
      minutes === 0
        ? context.dossierDueAt
        : capped(addWorkingMinutes(context.at, minutes, context.calendar), context.dossierDueAt),
    budgetMinutes: minutes,
    handedOverBy: context.by,
  };
}

function resolve(reference: UnitReference, units: UnitResolution): StepUnit {
  if (reference === 'receiving') return units.receivingAgency;
  if (reference === 'current') return units.currentAgency;
  const unit = units.resolveUnit(reference);
  if (!unit) throw new Error(`The unit reference ${JSON.stringify(reference)} does not resolve`);
  return unit;
}

const capped = (instant: Date, dossierDueAt: string) =>
  toVietnamIso(new Date(Math.min(instant.getTime(), Date.parse(dossierDueAt))));

/**
 * Reception opens the first step: the desk's handing on counts in the statutory time, which starts
 * at receipt (Decree 61/2018 Art. 15–16 as amended).
 */
export function startProcess(
  definition: ProcessDefinition & { version: number },
  context: UnitResolution & { statutoryMinutes: number; calendar: WorkingCalendar },
  receivedAt: Date,
  statutoryDueAt: string,
  by: string,
): ProcessProgress {
  const first = definition.steps[0];
  if (!first) throw new Error(`Process ${definition.code} has no steps`);
  const progress = { statutoryMinutes: context.statutoryMinutes };
  return {
    code: definition.code,
    version: definition.version,
    statutoryMinutes: context.statutoryMinutes,
    active: [
      openStep(first, progress, {
        units: context,
        at: receivedAt,
        dossierDueAt: statutoryDueAt,
        by,
        calendar: context.calendar,
      }),
    ],
    done: [],
  };
}

/** Every action allowed now at an active step, with the role and unit that may take it. */
export function allowedStepActions(
  progress: ProcessProgress,
  definition: ProcessDefinition,
  status: DossierStatus,
  statusAllows: StatusRule,
): StepActionEntry[] {
  return progress.active.flatMap((active) => {
    const step = stepOf(definition, active.step);
    return step.actions
      .filter((action) => statusAllows(action, status))
      .flatMap((action) => {
        const roles = action === 'assign' ? [...new Set([step.role, ...ASSIGNING_ROLES])] : [step.role];
        return roles.map((role) => ({
          action,
          step: active.step,
          stepName: active.name,
          role,
          unitCode: active.unit.code,
          unitName: active.unit.name,
          ...(active.assignee && action !== 'assign' ? { assignee: active.assignee } : {}),
        }));
      });
  });
}

/** Whether the actor may take this allowed action (the drafter check is separate: see `refuseDrafter`). */
function mayTake(entry: StepActionEntry, actor: ProcessActor): boolean {
  if (!actor.unitCodes.includes(entry.unitCode)) return false;
  if (actor.kind === 'system') return true;
  if (!actor.roles.includes(entry.role)) return false;
  return !entry.assignee || entry.assignee === actor.username;
}

/**
 * What this officer may do now: `mine`, the actions they may take (and on which step); `allowed`,
 * every action allowed at the active steps with the role and unit that may take it.
 */
export function stepActionsFor(
  progress: ProcessProgress,
  definition: ProcessDefinition,
  actor: ProcessActor,
  status: DossierStatus,
  statusAllows: StatusRule,
): { mine: StepActionEntry[]; allowed: StepActionEntry[] } {
  const allowed = allowedStepActions(progress, definition, status, statusAllows);
  const mine = allowed.filter(
    (entry) =>
      mayTake(entry, actor) &&
      !(entry.action === 'complete' && actor.kind === 'officer' && progress.draftedBy === actor.username),
  );
  const seen = new Set<string>();
  return {
    mine: mine.filter((entry) => {
      const key = `${entry.action}@${entry.step}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    }),
    allowed,
  };
}

/** An entry as answers show it: without the unit's name, with the assignee only when there is one. */
export const stepActionDetail = ({ action, step, stepName, role, unitCode, assignee }: StepActionEntry) => ({
  action,
  step,
  stepName,
  role,
  unitCode,
  ...(assignee ? { assignee } : {}),
});

const whoMay = (allowed: StepActionEntry[]) =>
  allowed
    .map(
      (entry) => `${entry.action} (${entry.step}: ${OFFICER_ROLE_NAMES[entry.role].vi}, ${entry.unitCode})`,
    )
    .join('; ') || 'không có';
const whoMayEn = (allowed: StepActionEntry[]) =>
  allowed
    .map(
      (entry) => `${entry.action} (${entry.step}: ${OFFICER_ROLE_NAMES[entry.role].en}, ${entry.unitCode})`,
    )
    .join('; ') || 'none';

export function stepActionNotAllowed(action: string, allowed: StepActionEntry[]): DomainError {
  return new DomainError(
    'STEP_ACTION_NOT_ALLOWED',
    {
      vi: `Thao tác "${action}" không được phép ở bước xử lý hiện tại của hồ sơ. Được phép: ${whoMay(allowed)}.`,
      en: `The action "${action}" is not allowed at the dossier's current step. Allowed: ${whoMayEn(allowed)}.`,
    },
    [],
    { allowed: allowed.map(stepActionDetail) },
  );
}

export function stepRoleRequired(action: string, allowed: StepActionEntry[]): DomainError {
  const forAction = allowed.filter((entry) => entry.action === action);
  return new DomainError(
    'STEP_ROLE_REQUIRED',
    {
      vi: `Thao tác "${action}" ở bước hiện tại cần cán bộ có vai trò và đơn vị sau: ${whoMay(forAction)}.`,
      en: `The action "${action}" at the current step needs an officer with this role and unit: ${whoMayEn(forAction)}.`,
    },
    [],
    { allowed: allowed.map(stepActionDetail) },
  );
}

export function drafterCannotSign(drafter: string, allowed: StepActionEntry[]): DomainError {
  return new DomainError(
    'DRAFTER_CANNOT_SIGN',
    {
      vi: `Cán bộ ${drafter} đã dự thảo kết quả nên không được ký duyệt chính kết quả đó; một lãnh đạo khác phải ký.`,
      en: `${drafter} drafted the result and may not also sign it; another leader must sign.`,
    },
    [],
    { allowed: allowed.map(stepActionDetail) },
  );
}

/**
 * The active step the actor takes `action` on (the named `step` when given), or the refusal:
 * 409 when no active step allows the action now, 403 when the actor lacks the role or the unit
 * (or the step was assigned to someone else), 403 when the drafter would sign.
 */
export function authorizeStepAction(
  progress: ProcessProgress,
  definition: ProcessDefinition,
  actor: ProcessActor,
  request: { type: StepAction; step?: string | undefined },
  status: DossierStatus,
  statusAllows: StatusRule,
): ActiveStep {
  const { mine, allowed } = stepActionsFor(progress, definition, actor, status, statusAllows);
  const candidates = allowed.filter(
    (entry) => entry.action === request.type && (!request.step || entry.step === request.step),
  );
  if (candidates.length === 0) throw stepActionNotAllowed(request.type, allowed);
  const chosen = mine.find(
    (entry) => entry.action === request.type && (!request.step || entry.step === request.step),
  );
  if (!chosen) {
    const drafter = progress.draftedBy;
    if (request.type === 'complete' && actor.kind === 'officer' && drafter === actor.username) {
      if (candidates.some((entry) => mayTake(entry, actor))) throw drafterCannotSign(drafter, allowed);
    }
    throw stepRoleRequired(request.type, allowed);
  }
  const active = progress.active.find((step) => step.step === chosen.step);
  if (!active) throw new Error(`Step ${chosen.step} is not active`);
  return active;
}

/** What the lifecycle decided, as the engine reads it. */
export interface LifecycleChange {
  status: DossierStatus;
  /** The dossier's statutory appointment after the action (moved when a pause ended). */
  dueAt?: string | undefined;
  currentAgency: StepUnit;
  /** The pause running before the action, and whether it still runs after. */
  pausedBefore?: { pausedAt: string } | undefined;
  pausedAfter: boolean;
}

export type StepActionRequest =
  | { type: 'forward' | 'complete' | 'return_result'; step?: string | undefined }
  | { type: 'send_back'; step?: string | undefined; toStep?: string | undefined }
  | { type: 'assign'; step?: string | undefined; assignee: string }
  | { type: 'transfer'; target: StepUnit }
  | { type: 'stop' | 'withdraw' }
  | {
      type: Exclude<
        StepAction,
        'forward' | 'complete' | 'return_result' | 'send_back' | 'assign' | 'transfer' | 'stop'
      >;
    };

/** Context of one step action: who, when, the step acted on, and the lifecycle's change. */
export interface StepActionContext {
  by: string;
  at: Date;
  /** The step `authorizeStepAction` answered (absent for withdraw and for actions closing every step). */
  step?: ActiveStep | undefined;
  change: LifecycleChange;
  units: Omit<UnitResolution, 'currentAgency'>;
  calendar: WorkingCalendar;
}

/**
 * Applies an authorized step action to the progress: finishing steps writes control-slip rows,
 * handing over opens the next steps (a join once all its branches arrived), a pause that ended
 * moves the active steps' deadlines like the dossier's.
 */
export function advanceProcess(
  current: ProcessProgress,
  definition: ProcessDefinition,
  request: StepActionRequest,
  context: StepActionContext,
): ProcessProgress {
  const { at, calendar, change } = context;
  let progress: ProcessProgress = {
    ...current,
    active: current.active.map((step) => ({ ...step })),
    done: [...current.done],
    ...(current.arrived ? { arrived: { ...current.arrived } } : {}),
  };
  if (change.pausedBefore && !change.pausedAfter) {
    progress = resumed(progress, change.pausedBefore, context);
  }
  const units: UnitResolution = { ...context.units, currentAgency: change.currentAgency };
  const dossierDueAt = change.dueAt ?? progress.active[0]?.dueAt ?? toVietnamIso(at);
  const open = (step: ProcessStep) =>
    openStep(step, progress, { units, at, dossierDueAt, by: context.by, calendar });
  const acted = context.step && progress.active.find((step) => step.step === context.step?.step);

  switch (request.type) {
    case 'forward':
    case 'complete':
    case 'return_result': {
      if (!acted) throw new Error(`${request.type} needs the step acted on`);
      const step = stepOf(definition, acted.step);
      preconditionsMet(step, change);
      progress = finish(progress, acted, request.type, step.next, context);
      if (step.produces === 'draft' && request.type === 'forward') progress.draftedBy = context.by;
      for (const nextCode of step.next) {
        const next = stepOf(definition, nextCode);
        if (next.join) {
          const arrived = [...new Set([...(progress.arrived?.[nextCode] ?? []), acted.step])];
          const waitingFor = definition.steps.filter(
            (candidate) => candidate.next.includes(nextCode) && !arrived.includes(candidate.code),
          );
          if (waitingFor.length > 0) {
            progress.arrived = { ...progress.arrived, [nextCode]: arrived };
            continue;
          }
          const { [nextCode]: _joined, ...others } = progress.arrived ?? {};
          progress.arrived = Object.keys(others).length > 0 ? others : undefined;
        }
        if (!progress.active.some((active) => active.step === nextCode)) progress.active.push(open(next));
      }
      return progress;
    }
    case 'send_back': {
      if (!acted) throw new Error('send_back needs the step acted on');
      const step = stepOf(definition, acted.step);
      const toStep = sendBackTarget(step, request.toStep);
      progress = finish(progress, acted, 'send_back', [toStep], context);
      if (!progress.active.some((active) => active.step === toStep)) {
        progress.active.push(open(stepOf(definition, toStep)));
      }
      return progress;
    }
    case 'assign':
      if (!acted) throw new Error('assign needs the step acted on');
      acted.assignee = request.assignee;
      return progress;
    case 'transfer':
      if (!acted) throw new Error('transfer needs the step acted on');
      acted.unit = request.target;
      acted.assignee = undefined;
      acted.handedOverBy = context.by;
      return progress;
    case 'stop':
    case 'withdraw':
      return closeProcess(progress, request.type, context);
    default:
      return progress;
  }
}

/** Stopped or withdrawn: every active step closes with that action; no step opens. */
export function closeProcess(
  current: ProcessProgress,
  action: 'stop' | 'withdraw',
  context: Pick<StepActionContext, 'at' | 'by' | 'calendar' | 'change'>,
): ProcessProgress {
  let progress: ProcessProgress = { ...current, done: [...current.done] };
  for (const active of current.active) progress = finish(progress, active, action, [], context);
  return { ...progress, arrived: undefined };
}

/** The clock resumed: the active steps' deadlines move by the wait, never past the dossier's. */
function resumed(
  progress: ProcessProgress,
  pause: { pausedAt: string },
  context: StepActionContext,
): ProcessProgress {
  const waited = pausedSince(pause, context.at, context.calendar);
  if (waited === 0) return progress;
  const dossierDueAt = context.change.dueAt;
  return {
    ...progress,
    active: progress.active.map((step) => {
      const moved = addWorkingMinutes(new Date(step.dueAt), waited, context.calendar);
      return {
        ...step,
        dueAt: dossierDueAt ? capped(moved, dossierDueAt) : toVietnamIso(moved),
        pausedWorkingMinutes: (step.pausedWorkingMinutes ?? 0) + waited,
      };
    }),
  };
}

/** Finishes an active step: it leaves `active` and becomes a control-slip row. */
function finish(
  progress: ProcessProgress,
  active: ActiveStep,
  action: StepRecord['action'],
  next: string[],
  context: Pick<StepActionContext, 'at' | 'by' | 'calendar' | 'change'>,
): ProcessProgress {
  const { at, calendar } = context;
  // A pause still running (stop or withdraw while waiting for the applicant) counts to now.
  const { pausedBefore, pausedAfter } = context.change;
  const stillPaused = pausedBefore && pausedAfter ? pausedSince(pausedBefore, at, calendar) : 0;
  const elapsed = Math.max(0, workingMinutesBetween(new Date(active.startedAt), at, calendar));
  const record: StepRecord = {
    step: active.step,
    name: active.name,
    role: active.role,
    unit: active.unit,
    handedOverBy: active.handedOverBy,
    startedAt: active.startedAt,
    dueAt: active.dueAt,
    budgetMinutes: active.budgetMinutes,
    finishedAt: toVietnamIso(at),
    finishedBy: context.by,
    action,
    next,
    timeliness: classifyTimeliness(at, new Date(active.dueAt)),
    workingMinutes: Math.max(0, elapsed - (active.pausedWorkingMinutes ?? 0) - stillPaused),
    ...(active.assignee ? { assignee: active.assignee } : {}),
    ...(active.pausedWorkingMinutes ? { pausedWorkingMinutes: active.pausedWorkingMinutes } : {}),
  };
  return {
    ...progress,
    active: progress.active.filter((step) => step.step !== active.step),
    done: [...progress.done, record],
  };
}

function sendBackTarget(step: ProcessStep, toStep: string | undefined): string {
  const [only, ...others] = step.sendBackTo;
  if (toStep && step.sendBackTo.includes(toStep)) return toStep;
  if (!toStep && only && others.length === 0) return only;
  throw new DomainError(
    'VALIDATION_FAILED',
    {
      vi: `Chọn bước được trả lại: một trong ${step.sendBackTo.join(', ') || '(không có)'}.`,
      en: `Name the step to send back to: one of ${step.sendBackTo.join(', ') || '(none)'}.`,
    },
    [
      {
        field: 'toStep',
        message: {
          vi: `Phải là một trong ${step.sendBackTo.join(', ')}.`,
          en: `Must be one of ${step.sendBackTo.join(', ')}.`,
        },
      },
    ],
    { sendBackTo: step.sendBackTo },
  );
}

/** A step with preconditions is finished only once they hold. */
function preconditionsMet(step: ProcessStep, change: LifecycleChange): void {
  for (const condition of step.preconditions) {
    const unmet =
      condition === 'documents_complete'
        ? change.status === 'supplement_requested'
        : change.status === 'payment_requested';
    if (!unmet) continue;
    throw new DomainError(
      'STEP_ACTION_NOT_ALLOWED',
      condition === 'documents_complete'
        ? {
            vi: `Bước "${step.name}" chỉ hoàn thành khi hồ sơ đã đủ giấy tờ: đang chờ công dân bổ sung.`,
            en: `The step "${step.nameEn ?? step.name}" is finished only once the documents are complete: a supplement is awaited.`,
          }
        : {
            vi: `Bước "${step.name}" chỉ hoàn thành khi công dân đã thực hiện nghĩa vụ tài chính.`,
            en: `The step "${step.nameEn ?? step.name}" is finished only once the fee is paid.`,
          },
      [],
      { precondition: condition, allowed: [] },
    );
  }
}

/** What a citizen reads of the process: the steps done and the current ones, no officer names. */
export function citizenProgress(progress: ProcessProgress, definition: ProcessDefinition | undefined) {
  const label = (code: string, name: { vi: string; en: string }) => {
    const step = definition?.steps.find((candidate) => candidate.code === code);
    return step?.citizenLabel ?? name;
  };
  return {
    done: progress.done
      .filter((record) => record.action !== 'withdraw')
      .map((record) => ({
        step: record.step,
        label: label(record.step, record.name),
        finishedAt: record.finishedAt,
      })),
    current: progress.active.map((active) => ({
      step: active.step,
      label: label(active.step, active.name),
      since: active.startedAt,
      unit: active.unit.name,
    })),
  };
}
