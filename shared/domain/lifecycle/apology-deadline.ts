import {
  OFFICE_PERIODS,
  toLocalDate,
  VIETNAM_UTC_OFFSET_MINUTES,
  WORKING_DAY_MINUTES,
  type WorkingCalendar,
} from '../calendar/calendar.ts';

const MINUTE_MS = 60_000;
const DAY_MS = 24 * 60 * MINUTE_MS;

/**
 * The earliest instant from which at most `minutes` of office time are left before `instant`:
 * office time is counted back from `instant`, and a count that ends exactly at an opening (07:30,
 * 13:00) ends at the close of the working period before it, which is the same point of working time.
 */
export function workingMinutesBefore(instant: Date, minutes: number, calendar: WorkingCalendar): Date {
  if (!Number.isInteger(minutes) || minutes < 0)
    throw new RangeError(`minutes must be a non-negative integer, got ${minutes}`);
  let date = toLocalDate(instant);
  let midnight = Date.UTC(date.year, date.month - 1, date.day) - VIETNAM_UTC_OFFSET_MINUTES * MINUTE_MS;
  let cursorMs = instant.getTime() - midnight;
  let remainingMs = minutes * MINUTE_MS;
  for (;;) {
    if (!calendar.isDayOff(date)) {
      for (const [open, close] of [...OFFICE_PERIODS].reverse()) {
        const openMs = open * MINUTE_MS;
        if (cursorMs <= openMs) continue;
        const endMs = Math.min(cursorMs, close * MINUTE_MS);
        if (remainingMs < endMs - openMs) return new Date(midnight + endMs - remainingMs);
        remainingMs -= endMs - openMs;
        cursorMs = openMs;
      }
    }
    midnight -= DAY_MS;
    date = toLocalDate(new Date(midnight));
    cursorMs = DAY_MS;
  }
}

/**
 * Form 04 must reach the applicant at least one working day before the statutory appointment: the
 * latest instant to send it is the earliest one from which no more than one working day of office
 * time (eight hours) is left. Due Friday 17:00 → Thursday 17:00; due Monday 09:00 → the previous
 * working day at 09:00.
 */
export function apologySendBy(dueAt: Date, calendar: WorkingCalendar): Date {
  return workingMinutesBefore(dueAt, WORKING_DAY_MINUTES, calendar);
}

/**
 * When the sweep drafts form 04: one working day before it must be sent, so that the officer holding
 * the dossier can write the reason and a leader can approve it while it is still on time.
 */
export function apologyDraftOpensAt(dueAt: Date, calendar: WorkingCalendar): Date {
  return workingMinutesBefore(dueAt, 2 * WORKING_DAY_MINUTES, calendar);
}
