import { type CalendarEntry, ruleDay } from './calendar-entries.ts';

/** A date that is not an ordinary working day, or a weekend made one, and why. */
export interface CalendarDay {
  date: string;
  /** `holiday` by the Labour Code's rules; `day_off` / `working_day` by a recorded decision. */
  kind: 'holiday' | 'day_off' | 'working_day';
  reason?: string;
  decision?: string;
}

export interface CalendarYear {
  year: number;
  /** Working days in the year, by the rules and the decisions together. */
  workingDays: number;
  days: CalendarDay[];
}

const datesOf = (year: number): string[] => {
  const dates: string[] = [];
  for (
    let day = new Date(Date.UTC(year, 0, 1));
    day.getUTCFullYear() === year;
    day.setUTCDate(day.getUTCDate() + 1)
  )
    dates.push(day.toISOString().slice(0, 10));
  return dates;
};

/**
 * A year of the working calendar as officers read it: the holidays the rules give (Labour Code
 * Art. 112, with Art. 111.3 compensation), and each day a recorded decision moved, with its reason
 * and decision; ordinary weekends are only counted.
 */
export function calendarYear(
  year: number,
  entries: readonly Pick<CalendarEntry, 'date' | 'kind' | 'reason' | 'decision'>[],
): CalendarYear {
  const byDate = new Map(entries.map((entry) => [entry.date, entry]));
  const days: CalendarDay[] = [];
  let workingDays = 0;
  for (const date of datesOf(year)) {
    const entry = byDate.get(date);
    const rule = ruleDay(date);
    const working = entry ? entry.kind === 'working_day' : rule === 'working';
    if (working) workingDays += 1;
    if (entry) days.push({ date, kind: entry.kind, reason: entry.reason, decision: entry.decision });
    else if (rule === 'holiday') days.push({ date, kind: 'holiday' });
  }
  return { year, workingDays, days };
}
