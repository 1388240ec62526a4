import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { appointmentFor, processingTimeWording } from '../../../shared/domain/calendar/appointment.ts';
import {
  addWorkingDays,
  countingStart,
  isInOfficeHours,
  toLocalDate,
  workingDaysBetween,
} from '../../../shared/domain/calendar/calendar.ts';
import { vietnameseCivilServiceCalendar } from '../../../shared/domain/calendar/holidays.ts';
import { toVietnamIso } from '../../../shared/domain/calendar/time.ts';
import type { Procedure } from '../../../shared/domain/intake/catalog.ts';

type ClockKind = Pick<Procedure, 'processingTime' | 'processingUnit' | 'countsFromNextDayAfter15h'>;

const vn = (local: string) => new Date(`${local}+07:00`);
const calendar = vietnameseCivilServiceCalendar();
const instants = fc.date({
  min: new Date('2024-01-01T00:00:00Z'),
  max: new Date('2032-12-31T00:00:00Z'),
  noInvalidDate: true,
});
const kinds: fc.Arbitrary<ClockKind> = fc.record({
  processingUnit: fc.constantFrom('working_days' as const, 'working_hours' as const, 'same_day' as const),
  processingTime: fc.integer({ min: 0, max: 45 }),
  countsFromNextDayAfter15h: fc.boolean(),
});
const days = (processingTime: number, countsFromNextDayAfter15h = false): ClockKind => ({
  processingUnit: 'working_days',
  processingTime,
  countsFromNextDayAfter15h,
});
const sameDay: ClockKind = { processingUnit: 'same_day', processingTime: 0, countsFromNextDayAfter15h: true };
const due = (kind: ClockKind, receivedAt: string) =>
  toVietnamIso(appointmentFor(kind, vn(receivedAt), calendar));

const localDay = (instant: Date) => toVietnamIso(instant).slice(0, 10);
const localTime = (instant: Date) => toVietnamIso(instant).slice(11, 19);
const isWorkingDay = (instant: Date) => !calendar.isDayOff(toLocalDate(instant));

/** 17:00 on the `n`-th working day after the local day of `instant` (0: that day), walking the calendar. */
function closeOfWorkingDayAfter(instant: Date, n: number): string {
  let cursor = vn(`${localDay(instant)}T12:00:00`);
  for (let left = n; left > 0; ) {
    cursor = new Date(cursor.getTime() + 86_400_000);
    if (isWorkingDay(cursor)) left -= 1;
  }
  return `${localDay(cursor)}T17:00:00+07:00`;
}

/** An instant while the office is open, after a period's opening: minute 1–480 of a day's office hours. */
// Open means strictly inside a working period: at an opening or closing minute (07:30, 11:30, 13:00,
// 17:00) the appointment follows the rule for a receipt outside office hours (a period's close).
const openInstants = fc
  .tuple(
    instants,
    fc.integer({ min: 1, max: 479 }).filter((minute) => minute !== 240),
  )
  .map(([day, minute]) => {
    const clock = minute < 240 ? 7 * 60 + 30 + minute : 13 * 60 + minute - 240;
    const time = `${String(Math.floor(clock / 60)).padStart(2, '0')}:${String(clock % 60).padStart(2, '0')}`;
    return vn(`${localDay(day)}T${time}:00`);
  })
  .filter(isWorkingDay);

describe('appointments in working days and hours fall inside office hours', () => {
  // Tuesday 24/11/2026; Saturday 28/11 and Sunday 29/11 are off.
  it('keeps the time of day of a receipt while the office is open', () => {
    expect(due(days(3), '2026-11-24T09:10:00')).toBe('2026-11-27T09:10:00+07:00');
    expect(due(days(1), '2026-11-24T16:59:00')).toBe('2026-11-25T16:59:00+07:00');
  });

  it('gives the close of a working period for a receipt after hours, at lunch, before opening or on a day off', () => {
    expect(due(days(3), '2026-11-24T20:00:00')).toBe('2026-11-27T17:00:00+07:00');
    expect(due(days(1), '2026-11-24T12:15:00')).toBe('2026-11-25T11:30:00+07:00');
    expect(due(days(1), '2026-11-24T06:45:00')).toBe('2026-11-24T17:00:00+07:00');
    expect(due(days(2), '2026-11-28T10:00:00')).toBe('2026-12-01T17:00:00+07:00');
    expect(due(days(0), '2026-11-24T20:00:00')).toBe('2026-11-25T07:30:00+07:00');
  });

  it('counts working hours from the next opening', () => {
    const fourHours: ClockKind = {
      processingUnit: 'working_hours',
      processingTime: 4,
      countsFromNextDayAfter15h: false,
    };
    expect(due(fourHours, '2026-11-24T20:00:00')).toBe('2026-11-25T11:30:00+07:00');
    expect(due(fourHours, '2026-11-24T12:00:00')).toBe('2026-11-24T17:00:00+07:00');
    expect(toVietnamIso(countingStart(vn('2026-11-24T12:00:00'), calendar))).toBe(
      '2026-11-24T13:00:00+07:00',
    );
  });

  it('for any receipt and any clock kind, is a time the office is open on a working day', () => {
    fc.assert(
      fc.property(instants, kinds, (receivedAt, kind) => {
        const appointment = appointmentFor(kind, receivedAt, calendar);
        expect(isWorkingDay(appointment)).toBe(true);
        expect(isInOfficeHours(appointment, calendar)).toBe(true);
        expect(appointment.getTime()).toBeGreaterThanOrEqual(receivedAt.getTime());
      }),
    );
  });

  it('is monotonic in the receipt time, and in the processing time', () => {
    fc.assert(
      fc.property(instants, instants, kinds, (a, b, kind) => {
        const [early, late] = a <= b ? [a, b] : [b, a];
        expect(appointmentFor(kind, early, calendar).getTime()).toBeLessThanOrEqual(
          appointmentFor(kind, late, calendar).getTime(),
        );
        const longer = { ...kind, processingTime: kind.processingTime + 1 };
        const compare = kind.processingUnit === 'same_day' ? 'toBeLessThanOrEqual' : 'toBeLessThan';
        expect(appointmentFor(kind, early, calendar).getTime())[compare](
          appointmentFor(longer, early, calendar).getTime(),
        );
      }),
    );
  });

  it('received while the office is open, gives the same time on the N-th working day after', () => {
    fc.assert(
      fc.property(openInstants, fc.integer({ min: 0, max: 45 }), (receivedAt, n) => {
        const appointment = addWorkingDays(receivedAt, n, calendar);
        expect(localTime(appointment)).toBe(localTime(receivedAt));
        expect(workingDaysBetween(receivedAt, appointment, calendar)).toBe(n);
      }),
    );
  });

  it('is never later than the close of the N-th working day after the day of receipt', () => {
    fc.assert(
      fc.property(instants, fc.integer({ min: 1, max: 45 }), fc.boolean(), (receivedAt, n, cutoff) => {
        const appointment = appointmentFor(days(n, cutoff), receivedAt, calendar);
        expect(appointment.getTime()).toBeLessThanOrEqual(
          new Date(closeOfWorkingDayAfter(receivedAt, n)).getTime(),
        );
      }),
    );
  });
});

describe('"trong ngày" (same-day) procedures', () => {
  it('are due at the close of the day of receipt, or of the next working day after 15:00', () => {
    expect(due(sameDay, '2026-11-24T14:59:00')).toBe('2026-11-24T17:00:00+07:00');
    expect(due(sameDay, '2026-11-24T06:30:00')).toBe('2026-11-24T17:00:00+07:00');
    expect(due(sameDay, '2026-11-24T15:00:00')).toBe('2026-11-25T17:00:00+07:00');
    expect(due(sameDay, '2026-11-27T16:00:00')).toBe('2026-11-30T17:00:00+07:00');
    expect(due(sameDay, '2026-11-28T09:00:00')).toBe('2026-11-30T17:00:00+07:00');
    // Friday 13/2/2026 after 15:00: the next working day is after Tết, Monday 23/2.
    expect(due(sameDay, '2026-02-13T15:30:00')).toBe('2026-02-23T17:00:00+07:00');
  });

  it('have the cut-off whatever the flag for working-day procedures says', () => {
    const withoutFlag = { ...sameDay, countsFromNextDayAfter15h: false };
    expect(due(withoutFlag, '2026-11-24T15:30:00')).toBe('2026-11-25T17:00:00+07:00');
  });

  it('for any receipt: the same working day before 15:00, else the next working day, at the close', () => {
    fc.assert(
      fc.property(instants, (receivedAt) => {
        const beforeCutoff = localTime(receivedAt) < '15:00:00';
        const expected = closeOfWorkingDayAfter(receivedAt, isWorkingDay(receivedAt) && beforeCutoff ? 0 : 1);
        expect(toVietnamIso(appointmentFor(sameDay, receivedAt, calendar))).toBe(expected);
      }),
    );
  });

  it('are worded for the citizen without a number of days', () => {
    expect(processingTimeWording(sameDay).vi).toBe(
      'Trong ngày (nhận sau 15 giờ: trong ngày làm việc tiếp theo)',
    );
    expect(processingTimeWording(days(3)).vi).toBe('3 ngày làm việc');
    expect(processingTimeWording({ processingUnit: 'working_hours', processingTime: 8 }).en).toBe(
      '8 working hours',
    );
  });
});
