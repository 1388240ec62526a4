import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { viewCalendar } from '../../../shared/app/officer-desk/view-calendar.ts';
import { ruleDay } from '../../../shared/domain/calendar/calendar-entries.ts';
import { calendarYear } from '../../../shared/domain/calendar/calendar-year.ts';

const decision = 'Thông báo 6150/TB-BLĐTBXH';

describe('a year of the working calendar, as officers read it', () => {
  it('lists the holidays the rules give and every day a decision moved, with its reason', () => {
    const year = calendarYear(2026, [
      { date: '2026-01-02', kind: 'day_off', reason: 'Nghỉ bù Tết Dương lịch', decision },
      { date: '2026-01-10', kind: 'working_day', reason: 'Làm bù cho ngày 02/01', decision },
    ]);
    expect(year.days).toContainEqual({ date: '2026-01-01', kind: 'holiday' });
    expect(year.days).toContainEqual({ date: '2026-09-02', kind: 'holiday' });
    expect(year.days).toContainEqual({
      date: '2026-01-02',
      kind: 'day_off',
      reason: 'Nghỉ bù Tết Dương lịch',
      decision,
    });
    expect(year.days).toContainEqual({
      date: '2026-01-10',
      kind: 'working_day',
      reason: 'Làm bù cho ngày 02/01',
      decision,
    });
    expect(year.days.map((day) => day.date)).toEqual([...year.days.map((day) => day.date)].sort());
  });

  it('counts working days as the rules and the decisions make them', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2024, max: 2030 }), (year) => {
        const plain = calendarYear(year, []);
        const dates = Array.from({ length: 366 }, (_, offset) =>
          new Date(Date.UTC(year, 0, 1 + offset)).toISOString().slice(0, 10),
        ).filter((date) => date.startsWith(String(year)));
        expect(plain.workingDays).toBe(dates.filter((date) => ruleDay(date) === 'working').length);
        // A decision that gives a working day off takes one off the count; a make-up Saturday adds one.
        const working = dates.find((date) => ruleDay(date) === 'working') ?? '';
        const weekend = dates.find((date) => ruleDay(date) === 'weekend') ?? '';
        const moved = calendarYear(year, [
          { date: working, kind: 'day_off', reason: 'nghỉ', decision },
          { date: weekend, kind: 'working_day', reason: 'làm bù', decision },
        ]);
        expect(moved.workingDays).toBe(plain.workingDays);
        expect(
          calendarYear(year, [{ date: working, kind: 'day_off', reason: 'nghỉ', decision }]).workingDays,
        ).toBe(plain.workingDays - 1);
      }),
      { numRuns: 7 },
    );
  });

  it('shows the current year in Vietnam by default', async () => {
    const ports = {
      calendar: { listEntries: async () => [] },
      // 31 Dec 2026, 18:00 UTC is already 1 Jan 2027 in Vietnam.
      now: () => new Date('2026-12-31T18:00:00Z'),
    };
    expect((await viewCalendar(ports)).year).toBe(2027);
    expect((await viewCalendar(ports, 2025)).year).toBe(2025);
  });
});
