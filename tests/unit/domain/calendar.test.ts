import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addWorkingDays,
  countingStart,
  formatLocalDate,
  isInOfficeHours,
  toLocalDate,
  WORKING_DAY_MINUTES,
  weekendsOnlyCalendar,
  workingMinutesBetween,
} from '../../../shared/domain/calendar/calendar.ts';
import { toVietnamIso } from '../../../shared/domain/calendar/time.ts';

const vn = (iso: string) => new Date(`${iso}+07:00`);
const instants = fc.date({
  min: new Date('2020-01-01T00:00:00Z'),
  max: new Date('2035-12-31T00:00:00Z'),
  noInvalidDate: true,
});
const workingDays = fc.integer({ min: 0, max: 60 });

describe('working-day due dates (weekends off, Vietnam time)', () => {
  it('keeps the time of day on the next working day', () => {
    expect(toVietnamIso(addWorkingDays(vn('2026-11-24T10:00:00'), 1))).toBe('2026-11-25T10:00:00+07:00');
  });

  it('skips the weekend from a Friday', () => {
    expect(toVietnamIso(addWorkingDays(vn('2026-11-27T10:00:00'), 1))).toBe('2026-11-30T10:00:00+07:00');
  });

  it('counts a weekend receipt from Monday opening time, due at the close of the third working day', () => {
    expect(toVietnamIso(countingStart(vn('2026-11-28T21:00:00')))).toBe('2026-11-30T07:30:00+07:00');
    expect(toVietnamIso(addWorkingDays(vn('2026-11-28T21:00:00'), 3))).toBe('2026-12-02T17:00:00+07:00');
  });

  it('uses the Vietnamese date, not the UTC date', () => {
    // 23:30 UTC on Friday is already Saturday 06:30 in Vietnam.
    expect(formatLocalDate(toLocalDate(new Date('2026-11-27T23:30:00Z')))).toBe('2026-11-28');
    expect(toVietnamIso(addWorkingDays(new Date('2026-11-27T23:30:00Z'), 1))).toBe(
      '2026-11-30T17:00:00+07:00',
    );
  });

  it('refuses negative or fractional processing times', () => {
    expect(() => addWorkingDays(new Date(), -1)).toThrow(RangeError);
    expect(() => addWorkingDays(new Date(), 1.5)).toThrow(RangeError);
  });

  it('never lands on a day off nor outside office hours', () => {
    fc.assert(
      fc.property(instants, workingDays, (receivedAt, days) => {
        const due = addWorkingDays(receivedAt, days);
        expect(weekendsOnlyCalendar.isDayOff(toLocalDate(due))).toBe(false);
        expect(isInOfficeHours(due)).toBe(true);
      }),
    );
  });

  it('is monotonic in the receipt time and in the number of days', () => {
    fc.assert(
      fc.property(instants, instants, workingDays, (a, b, days) => {
        const [early, late] = a <= b ? [a, b] : [b, a];
        expect(addWorkingDays(early, days).getTime()).toBeLessThanOrEqual(
          addWorkingDays(late, days).getTime(),
        );
        expect(addWorkingDays(early, days).getTime()).toBeLessThan(addWorkingDays(early, days + 1).getTime());
      }),
    );
  });

  it('counting back gives eight office hours for each working day added', () => {
    fc.assert(
      fc.property(instants, workingDays, (receivedAt, days) => {
        const due = addWorkingDays(receivedAt, days);
        expect(workingMinutesBetween(countingStart(receivedAt), due)).toBe(days * WORKING_DAY_MINUTES);
        expect(workingMinutesBetween(receivedAt, due)).toBe(days * WORKING_DAY_MINUTES);
      }),
    );
  });
});
