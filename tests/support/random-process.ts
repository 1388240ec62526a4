import fc from 'fast-check';
import type {
  ProcessStep,
  PublishedProcess,
  StepAction,
} from '../../shared/domain/process/process-definition.ts';

/**
 * Random valid processes: reception, then stages that are either one step or parallel branches
 * meeting at a join step, then the signing step, optionally the clerk, and the desk returning the
 * result. Budgets are whole working minutes; along any path from reception to the end they add up
 * to `statutoryMinutes` (the branches of a stage share the stage's budget, each at most that).
 */
export interface RandomProcess {
  definition: PublishedProcess;
  statutoryMinutes: number;
  /** True when no stage has parallel branches. */
  sequential: boolean;
}

const WORK: StepAction[] = [
  'forward',
  'request_supplement',
  'receive_supplement',
  'request_payment',
  'confirm_payment',
];

type Stage = { kind: 'single' } | { kind: 'parallel'; branches: number };

function step(code: string, overrides: Partial<ProcessStep>): ProcessStep {
  return {
    code,
    name: `Bước ${code}`,
    role: 'chuyen_vien',
    unit: 'current',
    budget: { amount: 0, unit: 'working_hours' },
    actions: WORK,
    next: [],
    join: false,
    sendBackTo: [],
    preconditions: [],
    ...overrides,
  };
}

/** Splits `total` into `parts` non-negative whole numbers. */
const split = (total: number, parts: number) =>
  fc.array(fc.integer({ min: 0, max: total }), { minLength: parts - 1, maxLength: parts - 1 }).map((cuts) => {
    const sorted = [0, ...cuts.sort((a, b) => a - b), total];
    return sorted.slice(1).map((value, index) => value - (sorted[index] ?? 0));
  });

const minutes = (amount: number) => ({ amount: amount / 60, unit: 'working_hours' as const });

export function processArbitrary(options: { parallel?: boolean } = {}): fc.Arbitrary<RandomProcess> {
  const stage: fc.Arbitrary<Stage> =
    options.parallel === false
      ? fc.constant({ kind: 'single' })
      : fc.oneof(
          fc.constant<Stage>({ kind: 'single' }),
          fc.integer({ min: 2, max: 3 }).map((branches): Stage => ({ kind: 'parallel', branches })),
        );
  return fc
    .record({
      statutoryDays: fc.integer({ min: 1, max: 15 }),
      stages: fc.array(stage, { minLength: 1, maxLength: 4 }),
      clerk: fc.boolean(),
      draftStage: fc.nat(),
    })
    .chain(({ statutoryDays, stages, clerk, draftStage }) => {
      const statutoryMinutes = statutoryDays * 480;
      // reception, each stage (a parallel stage adds its join), signing, [clerk]; the return step has 0.
      const slots = 1 + stages.reduce((n, s) => n + (s.kind === 'parallel' ? 2 : 1), 0) + 1 + (clerk ? 1 : 0);
      return fc
        .record({
          budgets: split(statutoryMinutes, slots),
          shortfalls: fc.array(fc.nat({ max: 60 }), { minLength: 12, maxLength: 12 }),
        })
        .map(({ budgets, shortfalls }) => ({
          statutoryMinutes,
          sequential: stages.every((s) => s.kind === 'single'),
          definition: build(stages, budgets, shortfalls, clerk, draftStage % stages.length),
        }));
    });
}

function build(
  stages: Stage[],
  budgets: number[],
  shortfalls: number[],
  clerk: boolean,
  draftStage: number,
): PublishedProcess {
  const budget = (() => {
    let index = 0;
    return () => budgets[index++] ?? 0;
  })();
  const steps: ProcessStep[] = [];
  let previous: ProcessStep[] = [];
  const link = (entry: ProcessStep[]) => {
    for (const before of previous) before.next = entry.map((s) => s.code);
    previous = entry;
  };
  const reception = step('TIEP_NHAN', { role: 'tiep_nhan', unit: 'receiving', budget: minutes(budget()) });
  steps.push(reception);
  previous = [reception];
  stages.forEach((stage, index) => {
    const produces = index === draftStage ? { produces: 'draft' as const } : {};
    if (stage.kind === 'single') {
      const single = step(`BUOC_${index}`, { budget: minutes(budget()), ...produces });
      steps.push(single);
      link([single]);
      return;
    }
    const share = budget();
    const branches = Array.from({ length: stage.branches }, (_, branch) =>
      step(`NHANH_${index}_${branch}`, {
        budget: minutes(Math.max(0, share - (shortfalls[branch] ?? 0))),
        unit: 'current',
      }),
    );
    const join = step(`HOP_${index}`, { budget: minutes(budget()), join: true, ...produces });
    for (const branch of branches) branch.next = [join.code];
    steps.push(...branches, join);
    for (const before of previous) before.next = branches.map((b) => b.code);
    previous = [join];
  });
  const signing = step('PHE_DUYET', {
    role: 'lanh_dao',
    budget: minutes(budget()),
    actions: ['complete', ...WORK.filter((a) => a !== 'forward')],
    produces: 'signed_result',
  });
  steps.push(signing);
  link([signing]);
  if (clerk) {
    const stamp = step('VAN_THU', { role: 'van_thu', budget: minutes(budget()), actions: ['forward'] });
    steps.push(stamp);
    link([stamp]);
  }
  const handBack = step('TRA_KET_QUA', {
    role: 'tiep_nhan',
    unit: 'receiving',
    actions: ['return_result'],
    produces: 'returned_result',
  });
  steps.push(handBack);
  link([handBack]);
  return {
    code: 'QT-NGAU-NHIEN',
    name: 'Quy trình ngẫu nhiên',
    procedureCodes: [],
    steps,
    version: 1,
    publishedAt: '2026-11-01T00:00:00+07:00',
  };
}
