import type { Tier } from '../agencies/tiers.ts';
import type { Timeliness } from '../calendar/calendar.ts';
import type { OfficerRole } from '../officers/officers.ts';
import type { StepAction } from './process-definition.ts';

/** A unit as a step records it: code, name and tier when the step opened. */
export interface StepUnit {
  code: string;
  name: string;
  tier: Tier;
}

/** A step being worked on now. A dossier has several while parallel branches run. */
export interface ActiveStep {
  step: string;
  name: { vi: string; en: string };
  role: OfficerRole;
  unit: StepUnit;
  /** The officer (username) the step was assigned to, if anyone was named. */
  assignee?: string | undefined;
  startedAt: string;
  /** The step's own deadline: its budget from `startedAt`, never after the dossier's statutory one. */
  dueAt: string;
  budgetMinutes: number;
  /** Who handed the dossier to this step (`system` when reception opened it). */
  handedOverBy: string;
  /** Working minutes the clock stood still for the applicant while this step was open. */
  pausedWorkingMinutes?: number | undefined;
  /** When the holder and the unit's leader were told the step is overdue (once per step). */
  overdueAlertedAt?: string | undefined;
}

/** A finished step: one row of the control slip (phiếu kiểm soát quá trình, form 06). */
export interface StepRecord {
  step: string;
  name: { vi: string; en: string };
  role: OfficerRole;
  unit: StepUnit;
  handedOverBy: string;
  startedAt: string;
  dueAt: string;
  budgetMinutes: number;
  finishedAt: string;
  finishedBy: string;
  /** The action that finished it (forward, send_back, complete, return_result, stop, withdraw). */
  action: StepAction | 'withdraw';
  /** The steps it handed over to (empty when it ended the process). */
  next: string[];
  timeliness: Timeliness;
  /** Working minutes the step took, time waiting for the applicant left out. */
  workingMinutes: number;
  assignee?: string | undefined;
  pausedWorkingMinutes?: number | undefined;
}

/** Where a dossier is in its process: pinned to the definition version it started with. */
export interface ProcessProgress {
  code: string;
  version: number;
  /** The procedure's statutory time when the dossier was received: what `share` budgets divide. */
  statutoryMinutes: number;
  active: ActiveStep[];
  done: StepRecord[];
  /** Who finished the step that produced the draft result: they may not sign it. */
  draftedBy?: string | undefined;
  /** For each join step waiting for branches, the branch steps that have finished into it. */
  arrived?: Record<string, string[]> | undefined;
}
