import fc from 'fast-check';
import type { RegisteredAgency } from '../../shared/domain/agencies/agency-registry.ts';
import { TIER_PROFILES } from '../../shared/domain/agencies/tiers.ts';
import { OFFICER_ROLES } from '../../shared/domain/officers/officers.ts';
import type {
  Budget,
  ProcessDefinition,
  ProcessStep,
  UnitReference,
} from '../../shared/domain/process/process-definition.ts';
import type {
  ProcessProcedure,
  ProcessValidationContext,
} from '../../shared/domain/process/process-validation.ts';

const agency = (code: string, tier: RegisteredAgency['tier'], parentCode?: string): RegisteredAgency => ({
  code,
  name: code,
  tier,
  ...(parentCode && { parentCode }),
  officialEmail: `${code}@thanhhoa.gov.vn`,
});

/** A province with a department, a district and a commune: what the generated units refer to. */
export const PROCESS_AGENCIES: readonly RegisteredAgency[] = [
  agency('000.00.00.H56', 'province'),
  agency('000.00.13.H56', 'province', '000.00.00.H56'),
  agency('000.00.22.H56', 'district', '000.00.00.H56'),
  agency('000.17.22.H56', 'commune', '000.00.22.H56'),
];

/** A step of one working day that forwards to nothing, named after its code; a test names what it changes. */
export const processStep = (code: string, overrides: Partial<ProcessStep> = {}): ProcessStep => ({
  code,
  name: `Bước ${code}`,
  role: 'chuyen_vien',
  unit: 'receiving',
  budget: { amount: 1, unit: 'working_days' },
  actions: ['forward'],
  next: [],
  join: false,
  sendBackTo: [],
  preconditions: [],
  ...overrides,
});

const PROCEDURE_CODE = '1.001612.000.00.00.H56';

/** The context a generated definition is valid in: one district procedure of `days` working days. */
export function processContext(days: number): ProcessValidationContext {
  const procedure: ProcessProcedure = {
    code: PROCEDURE_CODE,
    agencyCode: '000.00.22.H56',
    tier: 'district',
    processingTime: days,
    processingUnit: 'working_days',
  };
  return { procedures: [procedure], agencies: PROCESS_AGENCIES, tiers: TIER_PROFILES['four-tier-2016'] };
}

const UNITS: UnitReference[] = [
  'receiving',
  'current',
  'parent',
  { agency: '000.00.13.H56' },
  { tier: 'province' },
  { tier: 'district' },
];

/** `parts` non-negative integers adding up to `total`, each at least `min`. */
const partition = (total: number, parts: number, min: number) =>
  fc
    .array(fc.integer({ min: 0, max: total - parts * min }), { minLength: parts - 1, maxLength: parts - 1 })
    .map((cuts) => {
      const sorted = [0, ...[...cuts].sort((a, b) => a - b), total - parts * min];
      return sorted.slice(1).map((cut, at) => cut - (sorted[at] ?? 0) + min);
    });

export interface GeneratedProcess {
  definition: ProcessDefinition;
  /** The procedure's statutory time in working days. */
  days: number;
  context: ProcessValidationContext;
}

/**
 * A valid process: reception, then work stages that are one step or two parallel branches joined by
 * the next step, a signing step that may send back to any earlier step, and a final hand-back. The
 * longest path's budgets add up to the statutory time exactly (in whole working hours, or in
 * twentieths as shares, where every path shares all of it); every step but the last has a budget.
 */
export const validProcessArbitrary: fc.Arbitrary<GeneratedProcess> = fc
  .record({
    days: fc.integer({ min: 2, max: 30 }),
    stages: fc.array(fc.boolean(), { minLength: 1, maxLength: 4 }),
    shares: fc.boolean(),
    seed: fc.array(fc.nat(1000), { minLength: 40, maxLength: 40 }),
  })
  .chain(({ days, stages, shares, seed }) => {
    // Slots along every path: reception, each stage, the join after each pair, signing.
    const slots = 2 + stages.length + stages.filter(Boolean).length;
    const total = shares ? 20 : days * 8;
    return partition(total, slots, 1).map((budgets) => {
      let pick = 0;
      const random = (n: number) => (seed[pick++ % seed.length] ?? 0) % n;
      const budget = (amount: number): Budget =>
        shares ? { amount: amount / 20, unit: 'share' } : { amount, unit: 'working_hours' };
      const steps: ProcessStep[] = [];
      const base = (code: string, amount: number): ProcessStep =>
        processStep(code, {
          role: OFFICER_ROLES[random(OFFICER_ROLES.length)] ?? 'chuyen_vien',
          unit: UNITS[random(UNITS.length)] ?? 'current',
          budget: budget(amount),
        });
      let slot = 0;
      let open: ProcessStep[] = [];
      const hand = (to: ProcessStep, join = false) => {
        for (const from of open) from.next.push(to.code);
        to.join = join;
        steps.push(to);
      };
      const first = { ...base('TIEP_NHAN', budgets[slot++] ?? 1), role: 'tiep_nhan' as const };
      steps.push(first);
      open = [first];
      stages.forEach((pair, at) => {
        const amount = budgets[slot++] ?? 1;
        if (!pair) {
          const single = base(`B${at}`, amount);
          hand(single);
          open = [single];
          return;
        }
        const a = base(`B${at}_A`, amount);
        const b = base(`B${at}_B`, shares ? amount : 1 + random(amount));
        hand(a);
        steps.push(b);
        for (const from of open) from.next.push(b.code);
        const join = base(`J${at}`, budgets[slot++] ?? 1);
        open = [a, b];
        hand(join, true);
        open = [join];
      });
      const earlier = steps.map((step) => step.code);
      const sign: ProcessStep = {
        ...base('KY', budgets[slot++] ?? 1),
        role: 'lanh_dao',
        actions: ['complete', 'send_back'],
        sendBackTo: earlier.filter(() => random(3) === 0),
      };
      hand(sign);
      open = [sign];
      const last: ProcessStep = {
        ...base('TRA_KET_QUA', 0),
        budget: { amount: 0, unit: 'working_hours' },
        role: 'tiep_nhan',
        unit: 'receiving',
        actions: ['return_result'],
      };
      hand(last);
      const definition: ProcessDefinition = {
        code: 'QT-SINH-NGAU-NHIEN',
        name: 'Quy trình sinh ngẫu nhiên',
        procedureCodes: [PROCEDURE_CODE],
        steps,
      };
      return { definition, days, context: processContext(days) };
    });
  });
