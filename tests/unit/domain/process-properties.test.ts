import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ProcessDefinition, ProcessStep } from '../../../shared/domain/process/process-definition.ts';
import { validateProcesses } from '../../../shared/domain/process/process-validation.ts';
import { type GeneratedProcess, validProcessArbitrary } from '../../support/process-arbitrary.ts';

const validate = (definition: ProcessDefinition, { context }: GeneratedProcess) =>
  validateProcesses([{ line: 1, values: definition }], context);

const withSteps = (definition: ProcessDefinition, steps: ProcessStep[]): ProcessDefinition => ({
  ...definition,
  steps,
});

function reaches(steps: readonly ProcessStep[], from: string, to: string): boolean {
  const seen = new Set([from]);
  const queue = [from];
  for (let code = queue.shift(); code !== undefined; code = queue.shift()) {
    for (const next of steps.find((step) => step.code === code)?.next ?? []) {
      if (!seen.has(next)) {
        seen.add(next);
        queue.push(next);
      }
    }
  }
  return seen.has(to);
}

/** The same budget one working minute longer (or shorter). */
function byOneMinute(step: ProcessStep, days: number, sign: 1 | -1): ProcessStep {
  const { budget } = step;
  const minute =
    budget.unit === 'share' ? 1 / (days * 480) : budget.unit === 'working_hours' ? 1 / 60 : 1 / 480;
  return { ...step, budget: { ...budget, amount: budget.amount + sign * minute } };
}

describe('process validation over random processes', () => {
  it('accepts every valid process', () => {
    fc.assert(
      fc.property(validProcessArbitrary, (generated) => {
        expect(validate(generated.definition, generated).issues).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });

  it('refuses a process with one step dropped', () => {
    fc.assert(
      fc.property(validProcessArbitrary, fc.nat(), (generated, pick) => {
        const steps = generated.definition.steps;
        const dropped = pick % steps.length;
        const mutated = withSteps(
          generated.definition,
          steps.filter((_, at) => at !== dropped),
        );
        expect(validate(mutated, generated).issues.length).toBeGreaterThan(0);
      }),
      { numRuns: 200 },
    );
  });

  it('refuses a process whose budgets miss the statutory time by one working minute', () => {
    fc.assert(
      fc.property(validProcessArbitrary, fc.constantFrom(1 as const, -1 as const), (generated, sign) => {
        // The first step lies on every path, so its budget always counts in the longest one.
        const [first, ...rest] = generated.definition.steps as [ProcessStep, ...ProcessStep[]];
        const mutated = withSteps(generated.definition, [byOneMinute(first, generated.days, sign), ...rest]);
        const { issues } = validate(mutated, generated);
        expect(issues.length).toBeGreaterThan(0);
        expect(
          issues.some((issue) => /1 working minute/.test(issue.reason.en) || /share/.test(issue.reason.en)),
        ).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it('refuses a process with a cycle along next, naming the steps of the cycle', () => {
    fc.assert(
      fc.property(validProcessArbitrary, fc.nat(), (generated, pick) => {
        const steps = generated.definition.steps;
        // A non-final step, and one of the steps it is reached from (or itself): next closes a cycle.
        const from = pick % (steps.length - 1);
        const ancestors = steps.filter((step) => reaches(steps, step.code, steps[from]?.code ?? ''));
        const target = ancestors[pick % ancestors.length]?.code ?? '';
        const mutated = withSteps(
          generated.definition,
          steps.map((step, at) => (at === from ? { ...step, next: [...step.next, target] } : step)),
        );
        const cycle = validate(mutated, generated).issues.find((issue) =>
          issue.reason.en.startsWith('A cycle'),
        );
        expect(cycle?.reason.en).toContain(target);
        expect(cycle?.reason.en).toContain(steps[from]?.code);
      }),
      { numRuns: 200 },
    );
  });
});
