import { getLunarDate, getSolarDate } from '@dqcai/vn-lunar';
import { formatLocalDate, type LocalDate, type WorkingCalendar } from './calendar.ts';

/**
 * The civil-service calendar: Monday–Friday (Decision 188/1999/QĐ-TTg), the public holidays of the
 * Labour Code 2019 Art. 112 with lunar dates from the Vietnamese lunar calendar (UTC+7), a
 * compensatory day for a fixed-date holiday that falls on a weekend (Art. 111.3), and the yearly
 * decisions' entries (swapped days, make-up Saturdays), kept as data (`calendar-entries.ts`).
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
  /**
   * Tết's days are set each year by the Prime Minister's decision, which already arranges them around
   * the weekends; Art. 111.3 compensation applies to the fixed-date holidays only.
   */
  tet?: true;
}

/**
 * Ngày Văn hóa Việt Nam (24/11): Politburo Resolution 80-NQ/TW (January 2026) chose it as a paid day
 * off and Government Resolution 30/NQ-CP (February 2026) ordered Art. 112.1 amended accordingly; no
 * amendment in force was found, so it is not a holiday yet. Set the year the amending law takes
 * effect here; until then a decision that grants it is a calendar entry.
 */
export const CULTURE_DAY_FROM_YEAR: number | undefined = undefined;

/** The last day of the lunar year: "29 tháng Chạp" or "30 tháng Chạp", as long as that month is. */
export function lunarYearEndName(date: string): string {
  const [year = Number.NaN, month = Number.NaN, day = Number.NaN] = date.split('-').map(Number);
  return `${getLunarDate(day, month, year).day} tháng Chạp`;
}

/** The statutory holidays of a solar year, before compensation and the yearly decisions' entries. */
export function statutoryHolidays(year: number, cultureDayFrom = CULTURE_DAY_FROM_YEAR): Holiday[] {
  const tet = getSolarDate(1, 1, year);
  const tetDay = iso(tet.year, tet.month, tet.day);
  const yearEnd = addDays(tetDay, -1);
  const hungKings = getSolarDate(10, 3, year);
  return [
    { date: iso(year, 1, 1), name: 'Tết Dương lịch' },
    // Five days of Tết: the last day of the old year and the first four of the new one, as the
    // decisions set them for 2025 (28/1–1/2) and 2026 (16/2–20/2); another arrangement changes this.
    { date: yearEnd, name: `Tết Âm lịch (${lunarYearEndName(yearEnd)})`, tet: true as const },
    ...[0, 1, 2, 3].map((offset) => ({
      date: addDays(tetDay, offset),
      name: `Tết Âm lịch (mùng ${offset + 1})`,
      tet: true as const,
    })),
    { date: iso(hungKings.year, hungKings.month, hungKings.day), name: 'Giỗ Tổ Hùng Vương (10/3 âm lịch)' },
    { date: iso(year, 4, 30), name: 'Ngày Chiến thắng' },
    { date: iso(year, 5, 1), name: 'Ngày Quốc tế lao động' },
    // National Day is 2/9 plus one adjacent day, before or after, chosen yearly: "before" by default.
    { date: iso(year, 9, 1), name: 'Quốc khánh (ngày liền kề)' },
    { date: iso(year, 9, 2), name: 'Quốc khánh' },
    ...(cultureDayFrom !== undefined && year >= cultureDayFrom
      ? [{ date: iso(year, 11, 24), name: 'Ngày Văn hóa Việt Nam' }]
      : []),
  ];
}

/** The statutory Tết days of the lunar year that starts in solar year `year`. */
export function tetDays(year: number): string[] {
  return statutoryHolidays(year)
    .filter((holiday) => holiday.tet)
    .map((holiday) => holiday.date);
}

/** Holidays plus the compensatory working days for fixed-date ones that fell on a Saturday or Sunday. */
export function holidaysWithCompensation(year: number, cultureDayFrom = CULTURE_DAY_FROM_YEAR): Holiday[] {
  const holidays = statutoryHolidays(year, cultureDayFrom);
  const taken = new Set(holidays.map((h) => h.date));
  const compensations: Holiday[] = [];
  for (const holiday of holidays) {
    if (holiday.tet || !isWeekend(holiday.date)) continue;
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
