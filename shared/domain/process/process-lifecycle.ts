import type { WorkingCalendar } from '../calendar/calendar.ts';
import {
  type Actor,
  type AgencyRef,
  applyAction,
  LIFECYCLE_RULES,
  type LifecycleAction,
  type LifecycleOutcome,
  type LifecycleState,
  PROCESS_ONLY_ACTIONS,
} from '../lifecycle/lifecycle.ts';
import {
  advanceProcess,
  authorizeStepAction,
  closeProcess,
  isStepAction,
  type ProcessActor,
  type StatusRule,
  type StepActionRequest,
  stepActionNotAllowed,
  type UnitResolution,
} from './engine.ts';
import type { ProcessDefinition } from './process-definition.ts';
import type { ProcessProgress } from './process-state.ts';

/** An officer's step action is one the lifecycle allows an officer in the dossier's status. */
export const officerStatusRule: StatusRule = (action, status) => {
  const rule = LIFECYCLE_RULES[action];
  return rule.by === 'officer' && rule.from.includes(status);
};

/** What the engine needs besides the lifecycle: the pinned definition, the actor, the units. */
export interface ProcessContext {
  definition: ProcessDefinition;
  actor: ProcessActor;
  units: Omit<UnitResolution, 'currentAgency'>;
}

/**
 * One action on a dossier: the lifecycle decides the status; for a dossier following a process the
 * engine first checks the step, role and unit (refusing with nothing changed), then moves the steps.
 * Dossiers received before processes existed keep the lifecycle alone.
 */
export function applyWithProcess(
  current: LifecycleState,
  action: LifecycleAction,
  actor: Actor,
  now: Date,
  calendar: WorkingCalendar,
  target: AgencyRef | undefined,
  process: ProcessContext | undefined,
): LifecycleOutcome {
  if (current.process && action.type === 'withdraw') {
    // The citizen withdraws: every step closes, whatever the process says.
    const outcome = applyAction(current, action, actor, now, calendar, target);
    outcome.state.process = closeProcess(current.process, 'withdraw', {
      by: actor.id,
      at: now,
      calendar,
      change: lifecycleChange(current, outcome.state),
    });
    return outcome;
  }
  if (!current.process || !process) {
    if (PROCESS_ONLY_ACTIONS.includes(action.type)) throw stepActionNotAllowed(action.type, []);
    return applyAction(current, action, actor, now, calendar, target);
  }
  const { definition } = process;
  if (!isStepAction(action.type)) return applyAction(current, action, actor, now, calendar, target);
  const step = authorizeStepAction(
    current.process,
    definition,
    process.actor,
    { type: action.type, step: 'step' in action ? action.step : undefined },
    current.status,
    officerStatusRule,
  );
  const outcome = applyAction(current, action, actor, now, calendar, target);
  const request = stepRequest(action, target);
  outcome.state.process = advanceProcess(current.process, definition, request, {
    by: actor.id,
    at: now,
    step,
    change: lifecycleChange(current, outcome.state),
    units: process.units,
    calendar,
  });
  outcome.state.currentAgency = holdingAgency(outcome.state.currentAgency, outcome.state.process);
  return outcome;
}

/**
 * The unit holding the dossier (whose queue lists it) follows its open steps: a step opened at
 * another unit hands the dossier over (liên thông). While branches run at several units it stays
 * where it is if that unit holds one of them, else it goes to the first branch's unit.
 */
function holdingAgency(current: AgencyRef, process: ProcessProgress): AgencyRef {
  const [first] = process.active;
  if (!first || process.active.some((step) => step.unit.code === current.code)) return current;
  return { code: first.unit.code, name: first.unit.name, tier: first.unit.tier };
}

const lifecycleChange = (before: LifecycleState, after: LifecycleState) => ({
  status: after.status,
  dueAt: after.dueAt,
  currentAgency: after.currentAgency,
  pausedBefore: before.clock,
  pausedAfter: after.clock !== undefined,
});

function stepRequest(action: LifecycleAction, target: AgencyRef | undefined): StepActionRequest {
  switch (action.type) {
    case 'send_back':
      return { type: 'send_back', step: action.step, toStep: action.toStep };
    case 'assign':
      return { type: 'assign', step: action.step, assignee: action.assignee };
    case 'transfer':
      if (!target) throw new Error('transfer needs the receiving agency');
      return { type: 'transfer', target };
    case 'forward':
    case 'complete':
    case 'return_result':
      return { type: action.type };
    case 'stop':
    case 'start_processing':
    case 'request_supplement':
    case 'receive_supplement':
    case 'request_payment':
    case 'confirm_payment':
      return { type: action.type };
    default:
      throw new Error(`${action.type} is not a step action`);
  }
}
