import type { CalendarEntry } from '../../domain/calendar/calendar-entries.ts';
import { type CalendarYear, calendarYear } from '../../domain/calendar/calendar-year.ts';

export interface CalendarViewPorts {
  calendar: { listEntries(): Promise<readonly CalendarEntry[]> };
  now(): Date;
}

/** The working calendar of a year (the current one in Vietnam by default), as every unit counts it. */
export async function viewCalendar(ports: CalendarViewPorts, year?: number): Promise<CalendarYear> {
  const thisYear = new Date(ports.now().getTime() + 7 * 3_600_000).getUTCFullYear();
  return calendarYear(year ?? thisYear, await ports.calendar.listEntries());
}
