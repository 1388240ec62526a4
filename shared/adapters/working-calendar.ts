import type { WorkingCalendar } from '../domain/calendar/calendar.ts';
import { type CalendarEntry, calendarFromEntries } from '../domain/calendar/calendar-entries.ts';
import { logger } from '../observability.ts';
import { CalendarStore } from './calendar-store.ts';

export type CalendarLoader = () => Promise<WorkingCalendar>;

/**
 * The working calendar read through a short cache: a change an operator makes reaches every warm
 * function within `ttlMs`. A failed read keeps the calendar already held (stale by minutes is better
 * than refusing a dossier); with nothing held yet it fails the request.
 */
export function cachedCalendarLoader(
  store: { listEntries(): Promise<readonly CalendarEntry[]> },
  ttlMs: number,
  now: () => number = Date.now,
  onStaleFallback: (error: unknown) => void = (error) =>
    logger.warn('Calendar read failed; using the calendar already held', { error }),
): CalendarLoader {
  let held: { calendar: WorkingCalendar; loadedAt: number } | undefined;
  let loading: Promise<WorkingCalendar> | undefined;
  return async () => {
    if (held && now() - held.loadedAt < ttlMs) return held.calendar;
    loading ??= store
      .listEntries()
      .then((entries) => {
        held = { calendar: calendarFromEntries(entries), loadedAt: now() };
        return held.calendar;
      })
      .catch((error: unknown) => {
        if (!held) throw error;
        onStaleFallback(error);
        return held.calendar;
      })
      .finally(() => {
        loading = undefined;
      });
    return loading;
  };
}

const loaders = new Map<string, CalendarLoader>();

/**
 * The calendar of the deployment: the rules and the entries stored in the Reference table, one
 * cached loader per table for the life of the process.
 */
export function loadWorkingCalendar(env: {
  REFERENCE_TABLE: string;
  CALENDAR_CACHE_SECONDS: number;
}): Promise<WorkingCalendar> {
  let loader = loaders.get(env.REFERENCE_TABLE);
  if (!loader) {
    loader = cachedCalendarLoader(new CalendarStore(env.REFERENCE_TABLE), env.CALENDAR_CACHE_SECONDS * 1000);
    loaders.set(env.REFERENCE_TABLE, loader);
  }
  return loader();
}
