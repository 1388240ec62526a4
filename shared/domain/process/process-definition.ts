import * as z from 'zod';
import { WORKING_DAY_MINUTES } from '../calendar/calendar.ts';
import { BilingualMessageSchema, text } from '../common/text-schema.ts';
import { AgencyCodeSchema, TierSchema } from '../intake/catalog.ts';
import { OfficerRoleSchema } from '../officers/officers.ts';

/**
 * An internal process (quy trình nội bộ, Decree 61/2018 Art. 2 and the provinces' published
 * processes): ordered steps, each done by one role at one unit within its own working-time budget.
 * A definition is data: imported with the catalog, validated, published as a numbered version, and a
 * dossier keeps the version it started with.
 */

/**
 * What an officer may do at a step. `forward` (chuyển bước) finishes the step and opens every step
 * of its `next` at once (parallel branches); `send_back` (trả lại) reopens one of its `sendBackTo`;
 * `assign` names the officer of the holding unit who will do the step. The others are the one-stop
 * lifecycle's actions: `complete` signs the result and, like `forward`, hands over to `next`;
 * `return_result` finishes the last step.
 */
export const STEP_ACTIONS = [
  'forward',
  'send_back',
  'assign',
  'start_processing',
  'request_supplement',
  'receive_supplement',
  'request_payment',
  'confirm_payment',
  'transfer',
  'stop',
  'complete',
  'return_result',
] as const;
export const StepActionSchema = z.enum(STEP_ACTIONS);
export type StepAction = z.infer<typeof StepActionSchema>;

/**
 * Which unit performs a step, resolved when the step opens:
 * - `receiving`: the unit that received the dossier (its one-stop desk, its divisions, its leader);
 * - `current`: the unit holding the dossier when the step opens (after a transfer, the receiver);
 * - `parent`: the receiving unit's parent (e.g. the district for a commune);
 * - `{ agency }`: a named unit (a department for a liên thông procedure);
 * - `{ tier }`: the receiving unit's nearest ancestor at that tier.
 */
export const UnitReferenceSchema = z
  .union([
    z.enum(['receiving', 'current', 'parent']),
    z.object({ agency: AgencyCodeSchema }).strict(),
    z.object({ tier: TierSchema }).strict(),
  ])
  .meta({ id: 'ProcessUnitReference' });
export type UnitReference = z.infer<typeof UnitReferenceSchema>;

export const BudgetSchema = z
  .object({
    amount: z.number().min(0).max(2920),
    unit: z.enum(['working_days', 'working_hours', 'share']),
  })
  .strict()
  .meta({
    id: 'StepBudget',
    description:
      'A step’s own time: 0.5 working_days = 4 working hours. `share` (0–1) is a fraction of the procedure’s statutory time, for processes shared by procedures of different times (the tier defaults).',
  });
export type Budget = z.infer<typeof BudgetSchema>;

/**
 * The step's budget in working minutes, for a procedure whose statutory time is `statutoryMinutes`
 * (a same-day procedure counts one working day: an assumption, the law gives no internal split).
 */
export function budgetMinutes(budget: Budget, statutoryMinutes: number): number {
  if (budget.unit === 'share') return Math.round(budget.amount * statutoryMinutes);
  return Math.round(budget.amount * (budget.unit === 'working_days' ? WORKING_DAY_MINUTES : 60));
}

/** A procedure's statutory time in working minutes, as the step budgets must add up to it. */
export function statutoryMinutesOf(procedure: {
  processingTime: number;
  processingUnit: 'working_days' | 'working_hours' | 'same_day';
}): number {
  if (procedure.processingUnit === 'same_day') return WORKING_DAY_MINUTES;
  return procedure.processingTime * (procedure.processingUnit === 'working_days' ? WORKING_DAY_MINUTES : 60);
}

export const STEP_CODE_PATTERN = /^[A-Z][A-Z0-9_]{1,39}$/;
const StepCodeSchema = z.string().regex(STEP_CODE_PATTERN, {
  message: 'step code: capital letters, digits and _, 2–40 characters, e.g. THAM_DINH',
});

export const StepSchema = z
  .object({
    code: StepCodeSchema,
    name: text(200),
    nameEn: text(200).optional(),
    /** What the citizen's lookup page says while the dossier is at this step. */
    citizenLabel: BilingualMessageSchema.optional(),
    role: OfficerRoleSchema,
    unit: UnitReferenceSchema,
    budget: BudgetSchema,
    actions: z.array(StepActionSchema).min(1).max(STEP_ACTIONS.length),
    /** The steps opened when this one is finished; several run in parallel; none ends the process. */
    next: z.array(StepCodeSchema).max(10).default([]),
    /** Opens only once every step whose `next` names it has finished (the branches join). */
    join: z.boolean().default(false),
    /** Earlier steps `send_back` may reopen (the leader returns a draft to the specialist). */
    sendBackTo: z.array(StepCodeSchema).max(10).default([]),
    preconditions: z
      .array(z.enum(['documents_complete', 'fee_paid']))
      .max(2)
      .default([]),
    /** `draft`: finishing it records the drafter, who may not then sign the result (`complete`). */
    produces: z.enum(['draft', 'signed_result', 'returned_result']).optional(),
  })
  .strict()
  .meta({ id: 'ProcessStep' });
export type ProcessStep = z.infer<typeof StepSchema>;

export const ProcessDefinitionSchema = z
  .object({
    code: z.string().regex(/^[A-Z0-9][A-Z0-9._-]{1,59}$/),
    name: text(300),
    /** The procedures that follow this process (their statutory time is what the budgets add up to). */
    procedureCodes: z.array(z.string().min(3).max(60)).max(500).default([]),
    /** The process of every procedure of this tier that names none. */
    defaultForTier: TierSchema.optional(),
    /** The first step opens when the dossier is received (form 01 signed, the clock starts). */
    steps: z.array(StepSchema).min(1).max(30),
  })
  .strict()
  .meta({ id: 'ProcessDefinition' });
export type ProcessDefinition = z.infer<typeof ProcessDefinitionSchema>;

/** A definition as published: the dossiers that start under it keep `code` and `version`. */
export interface PublishedProcess extends ProcessDefinition {
  version: number;
  publishedAt: string;
}

export interface ProcessRef {
  code: string;
  version: number;
}

/** Where the engine finds definitions: the one a procedure follows now, and any published version. */
export interface ProcessCatalog {
  /** The published process naming the procedure, else its tier's default (published or built in). */
  forProcedure(procedure: {
    code: string;
    tier: 'commune' | 'district' | 'province' | 'central';
  }): Promise<PublishedProcess>;
  /** A version a dossier is pinned to (built-in defaults answer as version 0). */
  version(ref: ProcessRef): Promise<PublishedProcess | undefined>;
}
