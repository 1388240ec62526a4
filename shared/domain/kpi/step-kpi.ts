import * as z from 'zod';
import type { Tier } from '../agencies/tiers.ts';
import { TIMELINESS_LABELS, type Timeliness, WORKING_DAY_MINUTES } from '../calendar/calendar.ts';
import { keysOf } from '../common/keys.ts';
import { TierSchema } from '../intake/catalog.ts';

/**
 * Per-step indicators ("which step makes dossiers late"): each finished step of a dossier's internal
 * process counts for the unit that held it, on the local day it finished, under its process and step
 * code. A unit's cell keeps them as `step#<process>#<step>#<measure>` counts beside the named ones,
 * so the event counters, the month-close recount and the aggregation treat them like any other count.
 */
export const STEP_COUNT_PREFIX = 'step#';
export const STEP_MEASURES = ['finished', 'late', 'inTime', 'workingMinutes'] as const;
export type StepMeasure = (typeof STEP_MEASURES)[number];
export type StepCountName = `${typeof STEP_COUNT_PREFIX}${string}`;

const MEASURE_SET: ReadonlySet<string> = new Set(STEP_MEASURES);

export const stepCountName = (process: string, step: string, measure: StepMeasure): StepCountName =>
  `${STEP_COUNT_PREFIX}${process}#${step}#${measure}`;

/** The process, step and measure a count name designates, or undefined for any other name. */
export function parseStepCountName(
  name: string,
): { process: string; step: string; measure: StepMeasure } | undefined {
  if (!name.startsWith(STEP_COUNT_PREFIX)) return undefined;
  const parts = name.slice(STEP_COUNT_PREFIX.length).split('#');
  const [process, step, measure] = parts;
  if (parts.length !== 3 || !process || !step || !measure || !MEASURE_SET.has(measure)) return undefined;
  return { process, step, measure: measure as StepMeasure };
}

export const isStepCountName = (name: string): name is StepCountName =>
  parseStepCountName(name) !== undefined;

/** A finished step as the indicators read it. */
export interface StepFacts {
  process: string;
  step: string;
  agencyCode: string;
  tier: Tier;
  finishedAt: Date;
  timeliness: Timeliness;
  workingMinutes: number;
}

/** What `storedStepFactsOf` reads of a dossier's `process` (a stored item or a stream image of one). */
export const ProcessImageSchema = z.looseObject({
  code: z.string().min(1),
  done: z
    .array(
      z.looseObject({
        step: z.string().min(1),
        unit: z.looseObject({ code: z.string().min(1), tier: TierSchema }),
        finishedAt: z.string().min(1),
        action: z.string(),
        timeliness: z.enum(keysOf(TIMELINESS_LABELS)),
        workingMinutes: z.number().min(0),
      }),
    )
    .default([]),
});

/** A finished step as the indicators count it, its time as stored. */
export type StoredStepFacts = Omit<StepFacts, 'finishedAt'> & { finishedAt: string };

/**
 * The finished steps the indicators count, their times as stored. A step ended by the applicant
 * withdrawing the dossier is left out: its time says nothing about how the unit works.
 */
export function storedStepFactsOf(
  process: z.infer<typeof ProcessImageSchema> | null | undefined,
): StoredStepFacts[] {
  if (!process) return [];
  return process.done
    .filter((record) => record.action !== 'withdraw')
    .map((record) => ({
      process: process.code,
      step: record.step,
      agencyCode: record.unit.code,
      tier: record.unit.tier,
      finishedAt: record.finishedAt,
      timeliness: record.timeliness,
      workingMinutes: record.workingMinutes,
    }));
}

/** The counts one finished step adds to its unit's cell. */
export function stepCounts(step: StepFacts): Record<StepCountName, number> {
  return {
    [stepCountName(step.process, step.step, 'finished')]: 1,
    [stepCountName(step.process, step.step, step.timeliness === 'late' ? 'late' : 'inTime')]: 1,
    [stepCountName(step.process, step.step, 'workingMinutes')]: step.workingMinutes,
  };
}

export const StepKpiSchema = z
  .object({
    process: z.string(),
    step: z.string(),
    finished: z.number().int().min(0),
    late: z.number().int().min(0),
    inTime: z.number().int().min(0).meta({ description: 'Finished early or on time.' }),
    workingMinutes: z.number().int().min(0).meta({ description: 'Sum over the finished steps.' }),
    averageWorkingDays: z.number().min(0).meta({
      description: 'workingMinutes / finished / 480: time waiting for the applicant left out.',
    }),
    lateShare: z.number().min(0).max(1).meta({ description: 'late / finished.' }),
  })
  .meta({ id: 'StepKpi', description: 'One step of one process at one unit, in the period.' });
export type StepKpi = z.infer<typeof StepKpiSchema>;

/**
 * A unit's steps from its cell's counts, the latest first by late share (then by how many finished,
 * then by code), so the step that makes dossiers late heads the list.
 */
export function stepKpisOf(counts: Readonly<Record<string, unknown>>): StepKpi[] {
  const byStep = new Map<string, Record<StepMeasure, number> & { process: string; step: string }>();
  for (const [name, value] of Object.entries(counts)) {
    const parsed = parseStepCountName(name);
    if (!parsed || typeof value !== 'number') continue;
    const key = `${parsed.process}#${parsed.step}`;
    const entry = byStep.get(key) ?? {
      process: parsed.process,
      step: parsed.step,
      finished: 0,
      late: 0,
      inTime: 0,
      workingMinutes: 0,
    };
    entry[parsed.measure] += value;
    byStep.set(key, entry);
  }
  return [...byStep.values()]
    .filter((entry) => entry.finished > 0)
    .map((entry) => ({
      ...entry,
      averageWorkingDays: entry.workingMinutes / entry.finished / WORKING_DAY_MINUTES,
      lateShare: entry.late / entry.finished,
    }))
    .sort(
      (a, b) =>
        b.lateShare - a.lateShare ||
        b.finished - a.finished ||
        a.process.localeCompare(b.process) ||
        a.step.localeCompare(b.step),
    );
}
