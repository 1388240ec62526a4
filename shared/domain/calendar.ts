/**
 * Working-day arithmetic in Vietnam's civil time (UTC+7, no daylight saving).
 * Instants are JavaScript Dates; "local" values are the wall-clock fields in Vietnam.
 */
export const VIETNAM_UTC_OFFSET_MINUTES = 7 * 60;
const OFFSET_MS = VIETNAM_UTC_OFFSET_MINUTES * 60_000;
/** Offices open at 07:30; a dossier received earlier counts from opening time. */
export const OFFICE_OPENS_AT_MINUTES = 7 * 60 + 30;

export interface LocalDate {
  year: number;
  month: number;
  day: number;
}

/** Decides which local dates are days off; the full holiday calendar plugs in here. */
export interface WorkingCalendar {
  isDayOff(date: LocalDate): boolean;
}

export const weekendsOnlyCalendar: WorkingCalendar = {
  isDayOff(date) {
    const weekday = new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay();
    return weekday === 0 || weekday === 6;
  },
};

export function toLocalDate(instant: Date): LocalDate {
  const shifted = new Date(instant.getTime() + OFFSET_MS);
  return { year: shifted.getUTCFullYear(), month: shifted.getUTCMonth() + 1, day: shifted.getUTCDate() };
}

function localMidnightInstant(date: LocalDate): number {
  return Date.UTC(date.year, date.month - 1, date.day) - OFFSET_MS;
}

function nextLocalDate(date: LocalDate): LocalDate {
  const next = new Date(Date.UTC(date.year, date.month - 1, date.day + 1));
  return { year: next.getUTCFullYear(), month: next.getUTCMonth() + 1, day: next.getUTCDate() };
}

/**
 * The instant from which processing time counts: the receipt time on a working day (but not before
 * opening time), otherwise opening time on the next working day.
 */
export function countingStart(receivedAt: Date, calendar: WorkingCalendar = weekendsOnlyCalendar): Date {
  let date = toLocalDate(receivedAt);
  if (!calendar.isDayOff(date)) {
    const opening = localMidnightInstant(date) + OFFICE_OPENS_AT_MINUTES * 60_000;
    return new Date(Math.max(receivedAt.getTime(), opening));
  }
  do {
    date = nextLocalDate(date);
  } while (calendar.isDayOff(date));
  return new Date(localMidnightInstant(date) + OFFICE_OPENS_AT_MINUTES * 60_000);
}

/**
 * Appointment date for a processing time of `workingDays`: the same local time of day on the
 * `workingDays`-th working day after counting starts.
 */
export function addWorkingDays(
  receivedAt: Date,
  workingDays: number,
  calendar: WorkingCalendar = weekendsOnlyCalendar,
): Date {
  if (!Number.isInteger(workingDays) || workingDays < 0) {
    throw new RangeError(`workingDays must be a non-negative integer, got ${workingDays}`);
  }
  const start = countingStart(receivedAt, calendar);
  const timeOfDayMs = start.getTime() - localMidnightInstant(toLocalDate(start));
  let date = toLocalDate(start);
  for (let remaining = workingDays; remaining > 0; ) {
    date = nextLocalDate(date);
    if (!calendar.isDayOff(date)) remaining -= 1;
  }
  return new Date(localMidnightInstant(date) + timeOfDayMs);
}

export function formatLocalDate(date: LocalDate): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.year}-${pad(date.month)}-${pad(date.day)}`;
}

/** Working days after `from`'s local date up to and including `to`'s local date. */
export function workingDaysBetween(
  from: Date,
  to: Date,
  calendar: WorkingCalendar = weekendsOnlyCalendar,
): number {
  const last = formatLocalDate(toLocalDate(to));
  let date = toLocalDate(from);
  let count = 0;
  while (formatLocalDate(date) < last) {
    date = nextLocalDate(date);
    if (!calendar.isDayOff(date)) count += 1;
  }
  return count;
}
