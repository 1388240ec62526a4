/**
 * Working-time arithmetic in Vietnam's civil time (UTC+7, no daylight saving).
 * Instants are JavaScript Dates; "local" values are the wall-clock fields in Vietnam.
 */
export const VIETNAM_UTC_OFFSET_MINUTES = 7 * 60;
const OFFSET_MS = VIETNAM_UTC_OFFSET_MINUTES * 60_000;
const MINUTE_MS = 60_000;

/** Office hours: 07:30–11:30 and 13:00–17:00, eight working hours a day. */
export const OFFICE_PERIODS: readonly (readonly [number, number])[] = [
  [7 * 60 + 30, 11 * 60 + 30],
  [13 * 60, 17 * 60],
];
export const OFFICE_OPENS_AT_MINUTES = 7 * 60 + 30;
export const OFFICE_CLOSES_AT_MINUTES = 17 * 60;
export const WORKING_DAY_MINUTES = OFFICE_PERIODS.reduce((sum, [from, to]) => sum + to - from, 0);
/**
 * Procedures with a cut-off, and "trong ngày" ones, take a dossier received at or after 15:00 as
 * received on the next working day.
 */
export const CUTOFF_MINUTES = 15 * 60;

export interface LocalDate {
  year: number;
  month: number;
  day: number;
}

/** Decides which local dates are days off (weekends, holidays, yearly overrides). */
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

export function formatLocalDate(date: LocalDate): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.year}-${pad(date.month)}-${pad(date.day)}`;
}

function localMidnight(date: LocalDate): number {
  return Date.UTC(date.year, date.month - 1, date.day) - OFFSET_MS;
}

function minuteOfDay(instant: Date): number {
  return Math.floor((instant.getTime() - localMidnight(toLocalDate(instant))) / MINUTE_MS);
}

function nextLocalDate(date: LocalDate): LocalDate {
  const next = new Date(Date.UTC(date.year, date.month - 1, date.day + 1));
  return { year: next.getUTCFullYear(), month: next.getUTCMonth() + 1, day: next.getUTCDate() };
}

function nextWorkingDate(date: LocalDate, calendar: WorkingCalendar): LocalDate {
  let next = nextLocalDate(date);
  while (calendar.isDayOff(next)) next = nextLocalDate(next);
  return next;
}

const openingOf = (date: LocalDate) => new Date(localMidnight(date) + OFFICE_OPENS_AT_MINUTES * MINUTE_MS);
const closingOf = (date: LocalDate) => new Date(localMidnight(date) + OFFICE_CLOSES_AT_MINUTES * MINUTE_MS);

/** Whether the office is open at `instant`: a working day, within a period (its opening and close included). */
export function isInOfficeHours(instant: Date, calendar: WorkingCalendar = weekendsOnlyCalendar): boolean {
  const date = toLocalDate(instant);
  if (calendar.isDayOff(date)) return false;
  const offsetMs = instant.getTime() - localMidnight(date);
  return OFFICE_PERIODS.some(
    ([open, close]) => offsetMs >= open * MINUTE_MS && offsetMs <= close * MINUTE_MS,
  );
}

export interface CountingOptions {
  /** The procedure counts a dossier received after 15:00 from the next working day. */
  cutoffAt15h?: boolean;
}

/**
 * The instant from which processing time counts: the receipt time when the office is open; else
 * the next opening (13:00 after a receipt at lunch, opening time of the next working day after a
 * receipt after closing or on a day off). With the cut-off, a receipt at or after 15:00 counts from
 * opening time on the next working day.
 */
export function countingStart(
  receivedAt: Date,
  calendar: WorkingCalendar = weekendsOnlyCalendar,
  options: CountingOptions = {},
): Date {
  const date = toLocalDate(receivedAt);
  const afterCutoff = options.cutoffAt15h === true && minuteOfDay(receivedAt) >= CUTOFF_MINUTES;
  if (!calendar.isDayOff(date) && !afterCutoff) {
    const offsetMs = receivedAt.getTime() - localMidnight(date);
    for (const [open, close] of OFFICE_PERIODS) {
      if (offsetMs <= close * MINUTE_MS)
        return new Date(localMidnight(date) + Math.max(offsetMs, open * MINUTE_MS));
    }
  }
  return openingOf(nextWorkingDate(date, calendar));
}

/**
 * Appointment for a processing time of `workingDays`: the instant at which the office has been open
 * `workingDays` × 8 hours since counting started. Received while the office is open, that is the
 * same time of day on the `workingDays`-th working day after; received before opening, at lunch,
 * after closing or on a day off, it is the close of a working period (17:00, or 11:30 after a
 * receipt at lunch), never a time when the office is shut.
 */
export function addWorkingDays(
  receivedAt: Date,
  workingDays: number,
  calendar: WorkingCalendar = weekendsOnlyCalendar,
  options: CountingOptions = {},
): Date {
  if (!Number.isInteger(workingDays) || workingDays < 0) {
    throw new RangeError(`workingDays must be a non-negative integer, got ${workingDays}`);
  }
  return addWorkingMinutes(receivedAt, workingDays * WORKING_DAY_MINUTES, calendar, options);
}

/**
 * "Trong ngày": the close of the day the dossier was received, or of the next working day when it
 * was received at or after 15:00 or on a day off.
 */
export function sameDayAppointment(receivedAt: Date, calendar: WorkingCalendar = weekendsOnlyCalendar): Date {
  const date = toLocalDate(receivedAt);
  if (!calendar.isDayOff(date) && minuteOfDay(receivedAt) < CUTOFF_MINUTES) return closingOf(date);
  return closingOf(nextWorkingDate(date, calendar));
}

/** Advances through office hours only: `minutes` of working time after counting starts. */
export function addWorkingMinutes(
  from: Date,
  minutes: number,
  calendar: WorkingCalendar = weekendsOnlyCalendar,
  options: CountingOptions = {},
): Date {
  if (!Number.isInteger(minutes) || minutes < 0)
    throw new RangeError(`minutes must be a non-negative integer, got ${minutes}`);
  const start = countingStart(from, calendar, options);
  let date = toLocalDate(start);
  let cursorMs = start.getTime() - localMidnight(date);
  let remainingMs = minutes * MINUTE_MS;
  for (;;) {
    for (const [open, close] of OFFICE_PERIODS) {
      const closeMs = close * MINUTE_MS;
      if (cursorMs >= closeMs) continue;
      const periodStartMs = Math.max(cursorMs, open * MINUTE_MS);
      if (remainingMs <= closeMs - periodStartMs)
        return new Date(localMidnight(date) + periodStartMs + remainingMs);
      remainingMs -= closeMs - periodStartMs;
      cursorMs = closeMs;
    }
    date = nextWorkingDate(date, calendar);
    cursorMs = 0;
  }
}

/** Working minutes between two instants (negative when `to` is before `from`). */
export function workingMinutesBetween(
  from: Date,
  to: Date,
  calendar: WorkingCalendar = weekendsOnlyCalendar,
): number {
  if (to < from) return -workingMinutesBetween(to, from, calendar) || 0;
  let total = 0;
  let date = toLocalDate(from);
  const lastDay = formatLocalDate(toLocalDate(to));
  for (;;) {
    if (!calendar.isDayOff(date)) {
      const dayStart = localMidnight(date);
      for (const [open, close] of OFFICE_PERIODS) {
        const periodStart = Math.max(dayStart + open * MINUTE_MS, from.getTime());
        const periodEnd = Math.min(dayStart + close * MINUTE_MS, to.getTime());
        if (periodEnd > periodStart) total += periodEnd - periodStart;
      }
    }
    if (formatLocalDate(date) >= lastDay) return Math.round(total / MINUTE_MS);
    date = nextLocalDate(date);
  }
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

export type Timeliness = 'early' | 'on_time' | 'late';
export const TIMELINESS_LABELS: Record<Timeliness, { vi: string; en: string }> = {
  early: { vi: 'Trước hạn', en: 'Early' },
  on_time: { vi: 'Đúng hạn', en: 'On time' },
  late: { vi: 'Quá hạn', en: 'Late' },
};

/** Early: finished on a day before the appointment day. On time: by the appointment. Late: after it. */
export function classifyTimeliness(finishedAt: Date, dueAt: Date): Timeliness {
  if (finishedAt.getTime() > dueAt.getTime()) return 'late';
  return formatLocalDate(toLocalDate(finishedAt)) < formatLocalDate(toLocalDate(dueAt)) ? 'early' : 'on_time';
}

/** "còn X ngày Y giờ" before the appointment, "quá X ngày Y giờ" after it, in working time. */
export function remainingTimeWording(
  now: Date,
  dueAt: Date,
  calendar: WorkingCalendar = weekendsOnlyCalendar,
) {
  const minutes = workingMinutesBetween(now, dueAt, calendar);
  const late = now.getTime() > dueAt.getTime();
  const absolute = Math.abs(minutes);
  const days = Math.floor(absolute / WORKING_DAY_MINUTES);
  const hours = Math.floor((absolute % WORKING_DAY_MINUTES) / 60);
  return {
    late,
    workingMinutes: minutes,
    vi: `${late ? 'quá' : 'còn'} ${days} ngày ${hours} giờ`,
    en: late ? `${days} working days ${hours} hours late` : `${days} working days ${hours} hours left`,
  };
}
