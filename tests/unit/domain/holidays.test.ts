import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { appointmentFor } from '../../../shared/domain/calendar/appointment.ts';
import {
  addWorkingDays,
  addWorkingMinutes,
  classifyTimeliness,
  countingStart,
  formatLocalDate,
  remainingTimeWording,
  toLocalDate,
  WORKING_DAY_MINUTES,
  workingMinutesBetween,
} from '../../../shared/domain/calendar/calendar.ts';
import {
  CULTURE_DAY_FROM_YEAR,
  holidaysWithCompensation,
  lunarYearEndName,
  statutoryHolidays,
  tetDays,
  vietnameseCivilServiceCalendar,
} from '../../../shared/domain/calendar/holidays.ts';
import { toVietnamIso } from '../../../shared/domain/calendar/time.ts';

const vn = (local: string) => new Date(`${local}+07:00`);
const calendar = vietnameseCivilServiceCalendar();
const dayOff = (iso: string) => calendar.isDayOff(toLocalDate(vn(`${iso}T12:00:00`)));
const tetOf = (year: number) => statutoryHolidays(year).find((h) => h.name.endsWith('(mùng 1)'))?.date;
const instants = fc.date({
  min: new Date('2024-01-01T00:00:00Z'),
  max: new Date('2032-12-31T00:00:00Z'),
  noInvalidDate: true,
});

describe('statutory holidays from the Vietnamese lunar calendar', () => {
  it('puts Tết on the Vietnamese dates, including the years the Chinese calendar differs', () => {
    // 1985 and 2007: Tết in Vietnam (UTC+7) was on 21 Jan and 17 Feb; in China (UTC+8) on 20 Feb and 18 Feb.
    expect(tetOf(1985)).toBe('1985-01-21');
    expect(tetOf(2007)).toBe('2007-02-17');
    expect(tetOf(2024)).toBe('2024-02-10');
    expect(tetOf(2025)).toBe('2025-01-29');
    expect(tetOf(2026)).toBe('2026-02-17');
  });

  it('gives civil servants Monday 16/2 to Friday 20/2/2026 for Tết, as the Prime Minister decided', () => {
    for (const day of ['2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20'])
      expect(dayOff(day)).toBe(true);
    expect(dayOff('2026-02-13')).toBe(false);
    expect(dayOff('2026-02-23')).toBe(false);
  });

  it('places Hùng Kings day on the 10th of the 3rd lunar month, with a compensatory Monday when it is a Sunday', () => {
    expect(statutoryHolidays(2025).find((h) => h.name.startsWith('Giỗ Tổ'))?.date).toBe('2025-04-07');
    expect(holidaysWithCompensation(2026).map((h) => h.date)).toEqual(
      expect.arrayContaining(['2026-04-26', '2026-04-27']),
    );
    expect(dayOff('2026-04-27')).toBe(true);
  });

  it('names the last day of the lunar year "29 tháng Chạp" or "30 tháng Chạp" as the month has it', () => {
    // Tết 2025 and 2026 followed a 29-day month Chạp (28/1/2025, 16/2/2026); Tết 2024 a 30-day one.
    expect(statutoryHolidays(2025)[1]).toMatchObject({
      date: '2025-01-28',
      name: 'Tết Âm lịch (29 tháng Chạp)',
    });
    expect(statutoryHolidays(2026)[1]).toMatchObject({
      date: '2026-02-16',
      name: 'Tết Âm lịch (29 tháng Chạp)',
    });
    expect(statutoryHolidays(2024)[1]).toMatchObject({
      date: '2024-02-09',
      name: 'Tết Âm lịch (30 tháng Chạp)',
    });
    fc.assert(
      fc.property(fc.integer({ min: 1970, max: 2100 }), (year) => {
        const [yearEnd] = tetDays(year);
        expect(['29 tháng Chạp', '30 tháng Chạp']).toContain(lunarYearEndName(yearEnd ?? ''));
      }),
    );
  });

  it('gives no compensatory day for a Tết day on a weekend: the yearly decision arranges Tết', () => {
    // Mùng 4 Ất Tỵ was Saturday 1/2/2025; Monday 3/2 was a working day.
    expect(tetDays(2025)).toContain('2025-02-01');
    expect(dayOff('2025-02-03')).toBe(false);
    expect(holidaysWithCompensation(2025).some((h) => h.name.startsWith('Nghỉ bù Tết Âm lịch'))).toBe(false);
  });

  it('compensates exactly the fixed-date holidays that fall on a weekend, on a working weekday', () => {
    const weekend = (date: string) => [0, 6].includes(new Date(`${date}T00:00:00Z`).getUTCDay());
    fc.assert(
      fc.property(fc.integer({ min: 1990, max: 2090 }), (year) => {
        const holidays = statutoryHolidays(year);
        const compensations = holidaysWithCompensation(year).filter((h) => h.name.startsWith('Nghỉ bù'));
        const fixedOnWeekend = holidays.filter((h) => !h.tet && weekend(h.date));
        expect(compensations.map((h) => h.name)).toEqual(
          expect.arrayContaining(fixedOnWeekend.map((h) => `Nghỉ bù ${h.name}`)),
        );
        expect(compensations).toHaveLength(fixedOnWeekend.length);
        for (const day of compensations) expect(weekend(day.date)).toBe(false);
      }),
    );
  });

  it('holds 24/11 (Ngày Văn hóa Việt Nam) a holiday only from the year an amendment of Art. 112 sets', () => {
    expect(CULTURE_DAY_FROM_YEAR).toBeUndefined();
    expect(statutoryHolidays(2026).some((h) => h.date === '2026-11-24')).toBe(false);
    expect(dayOff('2026-11-24')).toBe(false);
    fc.assert(
      fc.property(
        fc.integer({ min: 2026, max: 2060 }),
        fc.integer({ min: 2026, max: 2060 }),
        (from, year) => {
          const has = statutoryHolidays(year, from).some((h) => h.date === `${year}-11-24` && !h.tet);
          expect(has).toBe(year >= from);
        },
      ),
    );
    // 24/11/2029 is a Saturday: as a fixed-date holiday it is compensated on Monday 26/11.
    expect(holidaysWithCompensation(2029, 2027).map((h) => h.date)).toContain('2029-11-26');
  });

  it('lets the yearly override table add days off and make-up working Saturdays', () => {
    const overridden = vietnameseCivilServiceCalendar({
      daysOff: ['2026-04-29'],
      workingDays: ['2026-05-09'],
    });
    expect(overridden.isDayOff({ year: 2026, month: 4, day: 29 })).toBe(true);
    expect(overridden.isDayOff({ year: 2026, month: 5, day: 9 })).toBe(false);
    expect(calendar.isDayOff({ year: 2026, month: 5, day: 9 })).toBe(true);
  });
});

describe('due dates on the civil-service calendar', () => {
  it('skips the Tết holiday', () => {
    expect(toVietnamIso(addWorkingDays(vn('2026-02-13T10:00:00'), 1, calendar))).toBe(
      '2026-02-23T10:00:00+07:00',
    );
  });

  it('never lands on a day off, is monotonic, and counts back to the days added', () => {
    fc.assert(
      fc.property(instants, instants, fc.integer({ min: 0, max: 45 }), (a, b, days) => {
        const [early, late] = a <= b ? [a, b] : [b, a];
        const due = addWorkingDays(early, days, calendar);
        expect(calendar.isDayOff(toLocalDate(due))).toBe(false);
        expect(due.getTime()).toBeLessThanOrEqual(addWorkingDays(late, days, calendar).getTime());
        expect(workingMinutesBetween(countingStart(early, calendar), due, calendar)).toBe(
          days * WORKING_DAY_MINUTES,
        );
      }),
    );
  });

  it('counts procedures with the 15:00 cut-off from the next working day', () => {
    const certifiedCopy = {
      processingTime: 1,
      processingUnit: 'working_days' as const,
      countsFromNextDayAfter15h: true,
    };
    expect(toVietnamIso(appointmentFor(certifiedCopy, vn('2026-11-24T14:59:00'), calendar))).toBe(
      '2026-11-25T14:59:00+07:00',
    );
    // Counted from Wednesday's opening, the working day ends at Wednesday's close.
    expect(toVietnamIso(appointmentFor(certifiedCopy, vn('2026-11-24T15:00:00'), calendar))).toBe(
      '2026-11-25T17:00:00+07:00',
    );
    const noCutoff = { ...certifiedCopy, countsFromNextDayAfter15h: false };
    expect(toVietnamIso(appointmentFor(noCutoff, vn('2026-11-24T15:30:00'), calendar))).toBe(
      '2026-11-25T15:30:00+07:00',
    );
  });
});

describe('processing time in working hours', () => {
  it('counts office hours only, across the lunch break and the night', () => {
    expect(toVietnamIso(addWorkingMinutes(vn('2026-11-24T11:00:00'), 60, calendar))).toBe(
      '2026-11-24T13:30:00+07:00',
    );
    expect(toVietnamIso(addWorkingMinutes(vn('2026-11-24T09:00:00'), 8 * 60, calendar))).toBe(
      '2026-11-25T09:00:00+07:00',
    );
    expect(toVietnamIso(addWorkingMinutes(vn('2026-11-27T16:00:00'), 120, calendar))).toBe(
      '2026-11-30T08:30:00+07:00',
    );
  });

  it('adds exactly the working minutes that are counted back', () => {
    fc.assert(
      fc.property(instants, fc.integer({ min: 0, max: 40 * 60 }), (from, minutes) => {
        const until = addWorkingMinutes(from, minutes, calendar);
        expect(workingMinutesBetween(from, until, calendar)).toBe(minutes);
        expect(calendar.isDayOff(toLocalDate(until))).toBe(false);
      }),
    );
  });
});

describe('timeliness and remaining time', () => {
  const due = vn('2026-11-26T10:00:00');

  it('classifies early, on time and late like the control slip', () => {
    expect(classifyTimeliness(vn('2026-11-25T16:00:00'), due)).toBe('early');
    expect(classifyTimeliness(vn('2026-11-26T09:59:00'), due)).toBe('on_time');
    expect(classifyTimeliness(due, due)).toBe('on_time');
    expect(classifyTimeliness(vn('2026-11-26T10:01:00'), due)).toBe('late');
  });

  it('says "còn X ngày Y giờ" before and "quá X ngày Y giờ" after the appointment, in working time', () => {
    expect(remainingTimeWording(vn('2026-11-24T08:00:00'), due, calendar).vi).toBe('còn 2 ngày 2 giờ');
    const late = remainingTimeWording(vn('2026-11-27T11:00:00'), due, calendar);
    expect(late.vi).toBe('quá 1 ngày 1 giờ');
    expect(late.late).toBe(true);
    expect(formatLocalDate(toLocalDate(due))).toBe('2026-11-26');
  });
});
