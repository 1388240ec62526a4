import { describe, expect, it } from 'vitest';
import { TIER_PROFILES } from '../../../shared/domain/agencies/tiers.ts';
import { defaultProcess } from '../../../shared/domain/process/default-processes.ts';
import type { ProcessStep } from '../../../shared/domain/process/process-definition.ts';
import {
  type ProcessProcedure,
  type ProcessSource,
  type ProcessValidationContext,
  validateProcesses,
  workingTimeText,
} from '../../../shared/domain/process/process-validation.ts';
import { PROCESS_AGENCIES, processStep } from '../../support/process-arbitrary.ts';

const procedure = (
  code: string,
  agencyCode: string,
  tier: ProcessProcedure['tier'],
  processingTime: number,
): ProcessProcedure => ({ code, agencyCode, tier, processingTime, processingUnit: 'working_days' });

const DISTRICT = '1.001612.000.00.00.H56';
const context: ProcessValidationContext = {
  procedures: [
    procedure(DISTRICT, '000.00.22.H56', 'district', 3),
    procedure('1.009994.000.00.00.H56', '000.00.22.H56', 'district', 15),
    procedure('1.000894.000.00.00.H56', '000.17.22.H56', 'commune', 1),
    procedure('1.009645.000.00.00.H56', '000.00.00.H56', 'province', 35),
  ],
  agencies: PROCESS_AGENCIES,
  tiers: TIER_PROFILES['four-tier-2016'],
};

const step = (code: string, overrides: Partial<ProcessStep> = {}): ProcessStep =>
  processStep(code, { budget: { amount: 0.5, unit: 'working_days' }, ...overrides });

/** A district process of 3 working days: desk 0.5 → specialist 1 → head 0.5 → leader 0.5 → clerk 0.5 → desk. */
function district(): Record<string, unknown> & { steps: ProcessStep[] } {
  return {
    code: 'QT-HKD',
    name: 'Quy trình đăng ký hộ kinh doanh',
    procedureCodes: [DISTRICT],
    steps: [
      step('TIEP_NHAN', { role: 'tiep_nhan', next: ['THAM_DINH'] }),
      step('THAM_DINH', {
        budget: { amount: 1, unit: 'working_days' },
        next: ['XEM_XET'],
        produces: 'draft',
      }),
      step('XEM_XET', {
        role: 'lanh_dao_phong',
        actions: ['forward', 'send_back'],
        next: ['PHE_DUYET'],
        sendBackTo: ['THAM_DINH'],
      }),
      step('PHE_DUYET', {
        role: 'lanh_dao',
        actions: ['complete', 'send_back'],
        next: ['VAN_THU'],
        sendBackTo: ['THAM_DINH'],
      }),
      step('VAN_THU', { role: 'van_thu', next: ['TRA_KET_QUA'] }),
      step('TRA_KET_QUA', {
        role: 'tiep_nhan',
        budget: { amount: 0, unit: 'working_hours' },
        actions: ['return_result'],
      }),
    ],
  };
}

const json = (...definitions: Record<string, unknown>[]): ProcessSource[] =>
  definitions.map((values, index) => ({ line: index + 1, values }));

function issuesOf(...definitions: Record<string, unknown>[]) {
  return validateProcesses(json(...definitions), context).issues;
}

function only(...definitions: Record<string, unknown>[]) {
  const issues = issuesOf(...definitions);
  expect(issues).toHaveLength(1);
  const [issue] = issues;
  expect(issue?.reason.vi).toMatch(/\S/);
  expect(issue?.reason.en).toMatch(/\S/);
  expect(issue?.reason.vi).not.toBe(issue?.reason.en);
  return issue;
}

describe('process definitions: a valid set', () => {
  it('accepts a four-step district process whose budgets add up to the statutory time', () => {
    const { definitions, issues } = validateProcesses(json(district()), context);
    expect(issues).toEqual([]);
    expect(definitions.map((definition) => definition.code)).toEqual(['QT-HKD']);
  });

  it('accepts each built-in tier default, as the defaults of the tiers the profile has', () => {
    const tiers = TIER_PROFILES['four-tier-2016'];
    const defaults = tiers.map((tier) => {
      const { version: _version, publishedAt: _publishedAt, ...definition } = defaultProcess(tier);
      return { ...definition, code: `${definition.code}-P` };
    });
    expect(validateProcesses(json(...defaults), context).issues).toEqual([]);
  });

  it('accepts parallel branches that join, and a send-back from the join to a branch', () => {
    const definition = district();
    definition.steps.splice(
      1,
      2,
      step('THAM_DINH', {
        budget: { amount: 0.5, unit: 'working_days' },
        next: ['Y_KIEN_A', 'Y_KIEN_B'],
        produces: 'draft',
      }),
      step('Y_KIEN_A', { unit: { agency: '000.00.13.H56' }, next: ['XEM_XET'] }),
      step('Y_KIEN_B', { budget: { amount: 2, unit: 'working_hours' }, next: ['XEM_XET'] }),
      step('XEM_XET', {
        role: 'lanh_dao_phong',
        join: true,
        actions: ['forward', 'send_back'],
        next: ['PHE_DUYET'],
        sendBackTo: ['Y_KIEN_A', 'THAM_DINH'],
      }),
    );
    expect(issuesOf(definition)).toEqual([]);
  });
});

describe('process definitions: refusals with line and field', () => {
  it('refuses a duplicate step code', () => {
    const definition = district();
    definition.steps[4] = { ...definition.steps[4], code: 'XEM_XET' } as ProcessStep;
    const issues = issuesOf(definition);
    expect(issues).toContainEqual(expect.objectContaining({ line: 1, field: 'steps[4].code' }));
    expect(issues.find((issue) => issue.field === 'steps[4].code')?.reason.en).toContain(
      'Duplicate step code XEM_XET',
    );
  });

  it('refuses next and sendBackTo naming no step', () => {
    const definition = district();
    (definition.steps[1] as ProcessStep).next = ['XEM_XET', 'KHONG_CO'];
    (definition.steps[3] as ProcessStep).sendBackTo = ['THAM_DINH', 'MA_SAI'];
    const issues = issuesOf(definition);
    expect(issues.map((issue) => issue.field)).toEqual(['steps[1].next[1]', 'steps[3].sendBackTo[1]']);
    expect(issues[0]?.reason.en).toContain('no step KHONG_CO');
    expect(issues[1]?.reason.vi).toContain('MA_SAI');
  });

  it('refuses a cycle along next and names its steps', () => {
    const definition = district();
    (definition.steps[3] as ProcessStep).next = ['VAN_THU', 'THAM_DINH'];
    const issues = issuesOf(definition);
    const cycle = issues.find((issue) => issue.reason.en.startsWith('A cycle'));
    expect(cycle).toMatchObject({ line: 1, field: 'steps[3].next' });
    expect(cycle?.reason.en).toContain('THAM_DINH → XEM_XET → PHE_DUYET → THAM_DINH');
    expect(cycle?.reason.vi).toContain('sendBackTo');
  });

  it('refuses a cycle with no way out: its steps reach no final step', () => {
    const definition = district();
    (definition.steps[4] as ProcessStep).next = ['PHE_DUYET'];
    const fields = issuesOf(definition).map((issue) => issue.field);
    expect(fields).toContain('steps[4].next');
    // The cycle PHE_DUYET ⇄ VAN_THU: neither reaches TRA_KET_QUA, nor does anything before it.
    for (const at of [0, 1, 2, 3, 4]) expect(fields).toContain(`steps[${at}].next`);
    expect(fields).toContain('steps[5].code');
  });

  it('refuses a step that cannot be reached from the first step', () => {
    const definition = district();
    definition.steps.push(step('THUA', { next: ['TRA_KET_QUA'] }));
    const issue = only(definition);
    expect(issue).toMatchObject({ field: 'steps[6].code' });
    expect(issue?.reason.en).toContain('THUA cannot be reached from the first step TIEP_NHAN');
  });

  it('refuses a join on a step with fewer than two predecessors', () => {
    const definition = district();
    (definition.steps[2] as ProcessStep).join = true;
    expect(only(definition)).toMatchObject({ field: 'steps[2].join' });
  });

  it('refuses sendBackTo naming a later step or the step itself', () => {
    const definition = district();
    (definition.steps[2] as ProcessStep).sendBackTo = ['PHE_DUYET', 'XEM_XET'];
    const issues = issuesOf(definition);
    expect(issues.map((issue) => issue.field)).toEqual(['steps[2].sendBackTo[0]', 'steps[2].sendBackTo[1]']);
    expect(issues[0]?.reason.en).toContain('may only send back to a step before it');
  });

  it('refuses a role that does not exist and names it', () => {
    const definition = district();
    (definition.steps[1] as unknown as { role: string }).role = 'thu_ky';
    const issue = only(definition);
    expect(issue).toMatchObject({ line: 1, field: 'steps[1].role' });
    expect(issue?.reason.vi).toContain('Vai trò "thu_ky" không tồn tại');
    expect(issue?.reason.en).toContain('lanh_dao_phong');
  });

  it('refuses budgets short of the statutory time, naming the procedure and the gap in working hours', () => {
    const definition = district();
    (definition.steps[1] as ProcessStep).budget = { amount: 4, unit: 'working_hours' };
    const issue = only(definition);
    expect(issue).toMatchObject({ line: 1, field: 'steps' });
    expect(issue?.reason.vi).toContain(`Thủ tục ${DISTRICT}`);
    expect(issue?.reason.vi).toContain('thiếu 4 giờ làm việc');
    expect(issue?.reason.en).toContain('4 working hours short');
  });

  it('refuses budgets exceeding the statutory time, in working days', () => {
    const definition = district();
    (definition.steps[1] as ProcessStep).budget = { amount: 3, unit: 'working_days' };
    const issue = only(definition);
    expect(issue?.reason.vi).toContain('vượt 2 ngày làm việc');
    expect(issue?.reason.en).toContain('by 2 working days');
  });

  it('checks the budgets for every procedure the definition applies to', () => {
    const definition = { ...district(), procedureCodes: [DISTRICT, '1.009994.000.00.00.H56'] };
    const issue = only(definition);
    expect(issue?.reason.en).toContain('Procedure 1.009994.000.00.00.H56');
    expect(issue?.reason.en).toContain('12 working days short');
  });

  it('measures the longest of parallel branches: a longer branch exceeds the statutory time', () => {
    const definition = district();
    (definition.steps[1] as ProcessStep).next = ['XEM_XET', 'Y_KIEN'];
    (definition.steps[2] as ProcessStep).join = true;
    definition.steps.push(step('Y_KIEN', { budget: { amount: 1, unit: 'working_days' }, next: ['XEM_XET'] }));
    const issue = only(definition);
    expect(issue?.reason.en).toContain('exceed the statutory 3 working days by 1 working day');
    expect(issue?.reason.en).toContain('THAM_DINH → Y_KIEN → XEM_XET');
  });

  it('refuses share budgets that do not total 1 along a path', () => {
    const { version: _v, publishedAt: _p, ...definition } = defaultProcess('district');
    const steps = definition.steps.map((s) => ({ ...s }));
    (steps[1] as ProcessStep).budget = { amount: 0.4, unit: 'share' };
    const issues = issuesOf({ ...definition, code: 'MAC-DINH-HUYEN', steps });
    expect(issues[0]).toMatchObject({ field: 'steps' });
    expect(issues[0]?.reason.en).toContain('total 0.9');
    // The district procedures it governs are short of their time too, each named.
    expect(issues.slice(1).map((issue) => issue.reason.en)).toEqual([
      expect.stringContaining(`Procedure ${DISTRICT}`),
      expect.stringContaining('Procedure 1.009994.000.00.00.H56'),
    ]);
  });

  it('refuses an agency unit that is not in the registry', () => {
    const definition = district();
    (definition.steps[1] as ProcessStep).unit = { agency: '000.00.99.H56' };
    const issue = only(definition);
    expect(issue).toMatchObject({ field: 'steps[1].unit' });
    expect(issue?.reason.en).toContain('no agency 000.00.99.H56');
  });

  it('refuses an agency unit at a tier the active profile does not have', () => {
    const definition = district();
    (definition.steps[1] as ProcessStep).unit = { agency: '000.00.22.H56' };
    const twoLevel = { ...context, tiers: TIER_PROFILES['two-level-2025'] };
    const { issues } = validateProcesses(json(definition), twoLevel);
    expect(issues).toEqual([expect.objectContaining({ field: 'steps[1].unit' })]);
    expect(issues[0]?.reason.en).toContain('at the district tier');
  });

  it('refuses a tier unit above no procedure’s agency, and a tier the profile does not have', () => {
    const definition = district();
    (definition.steps[1] as ProcessStep).unit = { tier: 'commune' };
    expect(only(definition)?.reason.en).toContain('agency 000.00.22.H56 of procedure');

    const twoLevel = { ...context, tiers: TIER_PROFILES['two-level-2025'] };
    (definition.steps[1] as ProcessStep).unit = { tier: 'district' };
    const { issues } = validateProcesses(json(definition), twoLevel);
    expect(issues.map((issue) => issue.reason.en)).toContain(
      'Step THAM_DINH: tier district is not in the active tier profile.',
    );
  });

  it('accepts a tier unit found by walking up the parents', () => {
    const definition = district();
    (definition.steps[1] as ProcessStep).unit = { tier: 'province' };
    expect(issuesOf(definition)).toEqual([]);
  });

  it('refuses parent for a procedure whose agency has no parent', () => {
    const definition = district();
    definition.procedureCodes = ['1.009645.000.00.00.H56'];
    (definition.steps[1] as ProcessStep).unit = 'parent';
    (definition.steps[1] as ProcessStep).budget = { amount: 33, unit: 'working_days' };
    const issue = only(definition);
    expect(issue).toMatchObject({ field: 'steps[1].unit' });
    expect(issue?.reason.en).toContain(
      'agency 000.00.00.H56 of procedure 1.009645.000.00.00.H56 has no parent',
    );
  });

  it('refuses a procedure code not in the catalog', () => {
    const definition = { ...district(), procedureCodes: [DISTRICT, '9.999999.000.00.00.H56'] };
    expect(only(definition)).toMatchObject({ field: 'procedureCodes[1]' });
  });

  it('refuses a procedure named by two definitions, and two processes with one code', () => {
    const issues = issuesOf(district(), district());
    expect(issues.map((issue) => [issue.line, issue.field])).toEqual([
      [2, 'code'],
      [2, 'procedureCodes[0]'],
    ]);
    expect(issues[1]?.reason.en).toContain('already follows process QT-HKD (line 1)');
  });

  it('refuses two defaults for one tier, and a default for a tier outside the profile', () => {
    const a = { ...district(), code: 'QT-A', procedureCodes: [], defaultForTier: 'district' };
    const b = { ...district(), code: 'QT-B', procedureCodes: [], defaultForTier: 'district' };
    const issues = issuesOf(a, b).filter((issue) => issue.field === 'defaultForTier');
    expect(issues).toEqual([expect.objectContaining({ line: 2 })]);
    expect(issues[0]?.reason.en).toContain('already has the default process QT-A');

    const twoLevel = { ...context, tiers: TIER_PROFILES['two-level-2025'] };
    const { issues: outside } = validateProcesses(json(a), twoLevel);
    expect(outside.map((issue) => issue.field)).toContain('defaultForTier');
  });

  it('checks a tier default against the procedures of its tier that have no process of their own', () => {
    // A 3-day default fits the 3-day procedure named by QT-HKD but not the 15-day one left to it.
    const fallback = { ...district(), code: 'QT-MAC-DINH', procedureCodes: [], defaultForTier: 'district' };
    const issues = issuesOf(district(), fallback);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ line: 2, field: 'steps' });
    expect(issues[0]?.reason.en).toContain('Procedure 1.009994.000.00.00.H56');
  });

  it('refuses a process where no step can sign the result', () => {
    const definition = district();
    (definition.steps[3] as ProcessStep).actions = ['forward', 'send_back'];
    const issue = only(definition);
    expect(issue).toMatchObject({ field: 'steps' });
    expect(issue?.reason.en).toContain('no result could ever be signed');
  });

  it('refuses a process without payment steps for a procedure whose applicant pays during processing', () => {
    const paying: ProcessValidationContext = {
      ...context,
      procedures: context.procedures.map((candidate) =>
        candidate.code === DISTRICT ? { ...candidate, pausesForPayment: true } : candidate,
      ),
    };
    const refused = validateProcesses(json(district()), paying).issues;
    expect(refused).toHaveLength(1);
    expect(refused[0]).toMatchObject({ field: 'steps' });
    expect(refused[0]?.reason.en).toContain(`Procedure ${DISTRICT} involves paying financial obligations`);
    const definition = district();
    (definition.steps[1] as ProcessStep).actions.push('request_payment', 'confirm_payment');
    expect(validateProcesses(json(definition), paying).issues).toEqual([]);
  });

  it('refuses complete on the first step and return_result on a step with next steps', () => {
    const definition = district();
    (definition.steps[0] as ProcessStep).actions = ['forward', 'complete'];
    (definition.steps[4] as ProcessStep).actions = ['forward', 'return_result'];
    expect(issuesOf(definition).map((issue) => issue.field)).toEqual([
      'steps[4].actions',
      'steps[0].actions',
    ]);
  });

  it('reports zod’s refusals with the field path in brackets', () => {
    const definition = district();
    (definition.steps[2] as unknown as { budget: unknown }).budget = { amount: -1, unit: 'working_days' };
    expect(issuesOf(definition)).toEqual([
      expect.objectContaining({ line: 1, field: 'steps[2].budget.amount' }),
    ]);
  });

  it('refuses an empty file', () => {
    expect(validateProcesses([], context).issues).toEqual([expect.objectContaining({ field: '(file)' })]);
  });

  it('gives CSV issues the editor line of the step’s row', () => {
    const definition = district();
    (definition.steps[3] as ProcessStep).sendBackTo = ['KHONG_CO'];
    const source: ProcessSource = { line: 2, stepLines: [2, 3, 4, 5, 6, 7], values: definition };
    const { issues } = validateProcesses([source], context);
    expect(issues).toEqual([expect.objectContaining({ line: 5, field: 'steps[3].sendBackTo[0]' })]);
  });
});

describe('working time in messages', () => {
  it('reads whole days as days, whole hours as hours, else minutes', () => {
    expect(workingTimeText(960)).toEqual({ vi: '2 ngày làm việc', en: '2 working days' });
    expect(workingTimeText(240)).toEqual({ vi: '4 giờ làm việc', en: '4 working hours' });
    expect(workingTimeText(1)).toEqual({ vi: '1 phút làm việc', en: '1 working minute' });
  });
});
