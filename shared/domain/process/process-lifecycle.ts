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
  isStepAction,
  type ProcessActor,
  type StatusRule,
  type StepActionRequest,
  stepActionNotAllowed,
  type UnitResolution,
} from './engine.ts';
import type { ProcessDefinition } from './process-definition.ts';

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
  if (!current.process || !process) {
    if (PROCESS_ONLY_ACTIONS.includes(action.type)) throw stepActionNotAllowed(action.type, []);
    return applyAction(current, action, actor, now, calendar, target);
  }
  const { definition } = process;
  const stepAction = isStepAction(action.type) ? action.type : undefined;
  const closing = action.type === 'withdraw';
  if (!stepAction && !closing) return applyAction(current, action, actor, now, calendar, target);
  const step = stepAction
    ? authorizeStepAction(
        current.process,
        definition,
        process.actor,
        { type: stepAction, step: 'step' in action ? action.step : undefined },
        current.status,
        officerStatusRule,
      )
    : undefined;
  const outcome = applyAction(current, action, actor, now, calendar, target);
  const request = stepRequest(action, target);
  outcome.state.process = advanceProcess(current.process, definition, request, {
    by: actor.id,
    at: now,
    step,
    change: {
      status: outcome.state.status,
      dueAt: outcome.state.dueAt,
      currentAgency: outcome.state.currentAgency,
      pausedBefore: current.clock,
      pausedAfter: outcome.state.clock !== undefined,
    },
    units: process.units,
    calendar,
  });
  return outcome;
}

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
    case 'withdraw':
      return { type: action.type };
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
