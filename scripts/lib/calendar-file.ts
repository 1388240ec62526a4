import { readFileSync } from 'node:fs';
import * as z from 'zod';
import {
  type CalendarDecision,
  CalendarDecisionSchema,
  type CalendarEntry,
} from '../../shared/domain/calendar/calendar-entries.ts';

/** The seed file: each published decision, and a note per year (what it holds, or that it is to be confirmed). */
export const CalendarSeedSchema = z.object({
  years: z.record(z.string().regex(/^\d{4}$/), z.string()),
  decisions: z.array(CalendarDecisionSchema),
});

export const CALENDAR_SEED_FILE = new URL('../seed-data/calendar.json', import.meta.url).pathname;

export function readCalendarSeed(file = CALENDAR_SEED_FILE): z.output<typeof CalendarSeedSchema> {
  return CalendarSeedSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
}

/** One decision to import: a file holding `{ decision, source?, entries }`. */
export function readDecisionFile(file: string): CalendarDecision {
  const json: unknown = JSON.parse(readFileSync(file, 'utf8'));
  return CalendarDecisionSchema.parse(json);
}

/** The seed decisions' entries as stored, for code that builds the calendar without a table (bench). */
export function seedCalendarEntries(recordedAt = '2026-01-01T00:00:00+07:00'): CalendarEntry[] {
  return readCalendarSeed().decisions.flatMap(({ decision, entries }) =>
    entries.map((entry) => ({ ...entry, decision, recordedBy: 'seed', recordedAt })),
  );
}
