import type { KpiRow } from '../../shared/contracts/kpi.ts';

type StepKpi = NonNullable<KpiRow['steps']>[number];

/**
 * The rows of the per-step table: each step every unit finished in the period, the highest late
 * share first (the step that makes dossiers late), then the most finished, then by unit name.
 */
export function stepLines<U extends { scope: { name: string }; steps?: StepKpi[] | undefined }>(
  units: readonly U[],
): { unit: U; step: StepKpi }[] {
  return units
    .flatMap((unit) => (unit.steps ?? []).map((step) => ({ unit, step })))
    .sort(
      (a, b) =>
        b.step.lateShare - a.step.lateShare ||
        b.step.finished - a.step.finished ||
        a.unit.scope.name.localeCompare(b.unit.scope.name, 'vi'),
    );
}
