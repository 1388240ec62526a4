import { getSolarDate } from '@dqcai/vn-lunar';
import { formatLocalDate, type LocalDate, type WorkingCalendar } from './calendar.ts';

/**
 * The civil-service calendar: Monday–Friday (Decision 188/1999/QĐ-TTg), the public holidays of the
 * Labour Code 2019 Art. 112 with lunar dates from the Vietnamese lunar calendar (UTC+7), a
 * compensatory day for a holiday that falls on a weekend (Art. 111.3), and a per-year override
 * table for what the Prime Minister decides each year (swapped days, make-up Saturdays).
 */
export interface CalendarOverrides {
  /** ISO dates (`YYYY-MM-DD`) that are days off although the rules say otherwise. */
  daysOff: readonly string[];
  /** ISO dates that are working days although the rules say otherwise (make-up days). */
  workingDays: readonly string[];
}

export const NO_OVERRIDES: CalendarOverrides = { daysOff: [], workingDays: [] };

const iso = (year: number, month: number, day: number) => formatLocalDate({ year, month, day });
const addDays = (date: string, days: number) => {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};
const isWeekend = (date: string) => [0, 6].includes(new Date(`${date}T00:00:00Z`).getUTCDay());

export interface Holiday {
  date: string;
  name: string;
}

/** The statutory holidays of a solar year, before compensation and overrides. */
export function statutoryHolidays(year: number): Holiday[] {
  const tet = getSolarDate(1, 1, year);
  const tetDay = iso(tet.year, tet.month, tet.day);
  const hungKings = getSolarDate(10, 3, year);
  return [
    { date: iso(year, 1, 1), name: 'Tết Dương lịch' },
    // Five days of Tết: the last day of the old year and the first four of the new one, as the
    // Prime Minister set them for 2026 (Monday 16/2 to Friday 20/2); other years may be overridden.
    { date: addDays(tetDay, -1), name: 'Tết Âm lịch (30 Tết)' },
    ...[0, 1, 2, 3].map((offset) => ({
      date: addDays(tetDay, offset),
      name: `Tết Âm lịch (mùng ${offset + 1})`,
    })),
    { date: iso(hungKings.year, hungKings.month, hungKings.day), name: 'Giỗ Tổ Hùng Vương (10/3 âm lịch)' },
    { date: iso(year, 4, 30), name: 'Ngày Chiến thắng' },
    { date: iso(year, 5, 1), name: 'Ngày Quốc tế lao động' },
    // National Day is 2/9 plus one adjacent day, before or after, chosen yearly: "before" by default.
    { date: iso(year, 9, 1), name: 'Quốc khánh (ngày liền kề)' },
    { date: iso(year, 9, 2), name: 'Quốc khánh' },
  ];
}

/** Holidays plus the compensatory working days for those that fell on a Saturday or Sunday. */
export function holidaysWithCompensation(year: number): Holiday[] {
  const holidays = statutoryHolidays(year);
  const taken = new Set(holidays.map((h) => h.date));
  const compensations: Holiday[] = [];
  for (const holiday of holidays) {
    if (!isWeekend(holiday.date)) continue;
    let day = addDays(holiday.date, 1);
    while (isWeekend(day) || taken.has(day)) day = addDays(day, 1);
    taken.add(day);
    compensations.push({ date: day, name: `Nghỉ bù ${holiday.name}` });
  }
  return [...holidays, ...compensations].sort((a, b) => a.date.localeCompare(b.date));
}

export function vietnameseCivilServiceCalendar(overrides: CalendarOverrides = NO_OVERRIDES): WorkingCalendar {
  const daysOff = new Set(overrides.daysOff);
  const workingDays = new Set(overrides.workingDays);
  const holidaysByYear = new Map<number, Set<string>>();
  const holidaysOf = (year: number) => {
    let days = holidaysByYear.get(year);
    if (!days) {
      // Compensation for a late-December holiday can spill into January, so last year counts too.
      days = new Set(
        [...holidaysWithCompensation(year - 1), ...holidaysWithCompensation(year)].map((h) => h.date),
      );
      holidaysByYear.set(year, days);
    }
    return days;
  };
  return {
    isDayOff(date: LocalDate) {
      const day = formatLocalDate(date);
      if (workingDays.has(day)) return false;
      if (daysOff.has(day)) return true;
      return isWeekend(day) || holidaysOf(date.year).has(day);
    },
  };
}
