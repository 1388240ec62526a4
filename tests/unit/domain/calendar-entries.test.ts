import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { seedCalendarEntries } from '../../../scripts/lib/calendar-file.ts';
import {
  type CalendarEntry,
  calendarFromEntries,
  calendarIssues,
  isValidDate,
  ruleDay,
  withDecision,
} from '../../../shared/domain/calendar/calendar-entries.ts';
import { tetDays } from '../../../shared/domain/calendar/holidays.ts';

const entry = (
  date: string,
  kind: CalendarEntry['kind'],
  decision = 'Thông báo 1/TB-BNV',
  extra?: boolean,
): CalendarEntry => ({
  date,
  kind,
  reason: 'lý do',
  decision,
  ...(extra === undefined ? {} : { extra }),
  recordedBy: 'test',
  recordedAt: '2026-12-01T09:00:00+07:00',
});
const codes = (entries: CalendarEntry[]) => calendarIssues(entries).map((issue) => issue.code);
const local = (date: string) => {
  const [year = 0, month = 0, day = 0] = date.split('-').map(Number);
  return { year, month, day };
};
const addDays = (date: string, days: number) => {
  const next = new Date(`${date}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + days);
  return next.toISOString().slice(0, 10);
};
/** Dates 2024–2030 as ISO strings. */
const dates = fc.integer({ min: 0, max: 7 * 366 }).map((offset) => addDays('2024-01-01', offset));

describe('validating the decisions’ entries', () => {
  it('accepts a swap: a weekday off and a Saturday worked under one decision', () => {
    expect(codes([entry('2026-01-02', 'day_off'), entry('2026-01-10', 'working_day')])).toEqual([]);
  });

  it('refuses a day off that moves a working day without its make-up day, unless marked extra', () => {
    expect(codes([entry('2026-01-02', 'day_off')])).toEqual(['unbalanced_swap']);
    expect(codes([entry('2026-01-02', 'day_off', 'Nghị quyết 2/NQ-CP', true)])).toEqual([]);
    expect(codes([entry('2026-01-10', 'working_day')])).toEqual(['unbalanced_swap']);
  });

  it('pairs the two sides within one decision, not across decisions', () => {
    expect(
      codes([entry('2026-01-02', 'day_off', 'Văn bản A'), entry('2026-01-10', 'working_day', 'Văn bản B')]),
    ).toEqual(['unbalanced_swap', 'unbalanced_swap']);
  });

  it('refuses a working day inside Tết, on a holiday or on a day already worked', () => {
    expect(codes([entry('2026-02-16', 'working_day')])).toContain('working_day_in_tet');
    expect(codes([entry('2026-09-02', 'working_day')])).toContain('working_day_on_holiday');
    expect(codes([entry('2026-12-01', 'working_day')])).toContain('already_working_day');
  });

  it('refuses a day off on a day that is off already, dates that do not exist and dates given twice', () => {
    expect(codes([entry('2026-12-05', 'day_off', 'X', true)])).toEqual(['already_day_off']);
    expect(codes([entry('2026-02-30', 'day_off', 'X', true)])).toEqual(['invalid_date']);
    expect(
      codes([entry('2026-12-01', 'day_off', 'X', true), entry('2026-12-01', 'day_off', 'Y', true)]),
    ).toEqual(['duplicate_date']);
  });

  it('never lets any working-day entry fall on a statutory Tết day', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2024, max: 2040 }), fc.integer({ min: 0, max: 4 }), (year, index) => {
        const day = tetDays(year)[index] ?? '';
        expect(codes([entry(day, 'working_day')])).toContain('working_day_in_tet');
      }),
    );
  });

  it('accepts every balanced swap of a rules working day and a rules weekend day, and the calendar follows it', () => {
    const working = dates.filter((date) => ruleDay(date) === 'working');
    const weekend = dates.filter((date) => ruleDay(date) === 'weekend');
    fc.assert(
      fc.property(working, weekend, (off, worked) => {
        const entries = [entry(off, 'day_off'), entry(worked, 'working_day')];
        expect(calendarIssues(entries)).toEqual([]);
        const calendar = calendarFromEntries(entries);
        expect(calendar.isDayOff(local(off))).toBe(true);
        expect(calendar.isDayOff(local(worked))).toBe(false);
      }),
    );
  });

  it('refuses any set holding one date twice, whatever the kinds', () => {
    fc.assert(
      fc.property(
        dates,
        fc.constantFrom('day_off', 'working_day'),
        fc.constantFrom('day_off', 'working_day'),
        (date, a, b) => {
          expect(codes([entry(date, a, 'A', true), entry(date, b, 'B', true)])).toContain('duplicate_date');
        },
      ),
    );
  });

  it('knows real dates from strings of the right shape', () => {
    expect(isValidDate('2028-02-29')).toBe(true);
    expect(isValidDate('2027-02-29')).toBe(false);
    expect(isValidDate('2026-13-01')).toBe(false);
    expect(isValidDate('26-01-01')).toBe(false);
  });

  it('replaces one decision’s entries on re-import and keeps the other decisions’', () => {
    const stored = [entry('2026-01-02', 'day_off', 'A'), entry('2026-01-10', 'working_day', 'A')];
    const other = [entry('2026-12-31', 'day_off', 'B', true)];
    const after = withDecision([...stored, ...other], 'A', [entry('2026-01-02', 'day_off', 'A', true)]);
    expect(after.map((e) => `${e.date} ${e.decision}`)).toEqual(['2026-01-02 A', '2026-12-31 B']);
  });
});

describe('the seeded decisions for 2025 and 2026', () => {
  const calendar = calendarFromEntries(seedCalendarEntries());
  const off = (date: string) => calendar.isDayOff(local(date));

  it('are valid as a whole', () => {
    expect(calendarIssues(seedCalendarEntries())).toEqual([]);
  });

  it('give Tết Ất Tỵ off from Saturday 25/1 to Sunday 2/2/2025, with Saturday 4/1 worked', () => {
    for (let day = 0; day < 9; day += 1) expect(off(addDays('2025-01-25', day))).toBe(true);
    expect(off('2025-01-24')).toBe(false);
    expect(off('2025-02-03')).toBe(false);
    expect(off('2025-01-04')).toBe(false);
  });

  it('give 30/4 to 4/5/2025 off with Saturday 26/4 worked', () => {
    for (const day of ['2025-04-30', '2025-05-01', '2025-05-02', '2025-05-03', '2025-05-04'])
      expect(off(day)).toBe(true);
    expect(off('2025-04-26')).toBe(false);
    expect(off('2025-05-05')).toBe(false);
  });

  it('give Friday 2/1/2026 off with Saturday 10/1 worked, and Tết Bính Ngọ 16/2 to 20/2', () => {
    expect(off('2026-01-02')).toBe(true);
    expect(off('2026-01-10')).toBe(false);
    for (let day = 0; day < 9; day += 1) expect(off(addDays('2026-02-14', day))).toBe(true);
    expect(off('2026-02-13')).toBe(false);
    expect(off('2026-02-23')).toBe(false);
  });
});
