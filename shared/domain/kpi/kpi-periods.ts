import {
  formatLocalDate,
  type LocalDate,
  toLocalDate,
  VIETNAM_UTC_OFFSET_MINUTES,
} from '../calendar/calendar.ts';

/** The numbers of a `YYYY-MM-DD` day; NaN for a part that is missing. */
export function dayParts(day: string): [number, number, number] {
  const [year = Number.NaN, month = Number.NaN, date = Number.NaN] = day.split('-').map(Number);
  return [year, month, date];
}

/**
 * Reporting periods in Vietnam's civil time (UTC+7): a day `2026-11-24`, a month `2026-11`, a
 * quarter `2026-Q4` and a year `2026`. Keys sort as text within one granularity.
 */
export const GRANULARITIES = ['day', 'month', 'quarter', 'year'] as const;
export type Granularity = (typeof GRANULARITIES)[number];

const PATTERNS: Record<Granularity, RegExp> = {
  day: /^(\d{4})-(\d{2})-(\d{2})$/,
  month: /^(\d{4})-(\d{2})$/,
  quarter: /^(\d{4})-Q([1-4])$/,
  year: /^(\d{4})$/,
};

export function granularityOf(key: string): Granularity | undefined {
  return GRANULARITIES.find((granularity) => PATTERNS[granularity].test(key) && isValid(key, granularity));
}

function isValid(key: string, granularity: Granularity): boolean {
  if (granularity === 'day') {
    const [year, month, day] = dayParts(key);
    const date = new Date(Date.UTC(year, month - 1, day));
    return date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
  }
  if (granularity === 'month') {
    const month = Number(key.slice(5));
    return month >= 1 && month <= 12;
  }
  return true;
}

export const isPeriodKey = (key: string): boolean => granularityOf(key) !== undefined;

const pad = (n: number) => String(n).padStart(2, '0');

/** The day, month, quarter and year an instant falls in, in UTC+7. */
export function periodsOf(instant: Date): Record<Granularity, string> {
  const date = toLocalDate(instant);
  return periodsOfLocalDate(date);
}

export function periodsOfLocalDate(date: LocalDate): Record<Granularity, string> {
  return {
    day: formatLocalDate(date),
    month: `${date.year}-${pad(date.month)}`,
    quarter: `${date.year}-Q${Math.ceil(date.month / 3)}`,
    year: String(date.year),
  };
}

/** First day (inclusive) and the day after the last (exclusive) of a period, as local dates. */
export function periodBounds(key: string): { first: LocalDate; afterLast: LocalDate } {
  const granularity = granularityOf(key);
  if (!granularity) throw new Error(`Not a period key: ${key}`);
  const year = Number(key.slice(0, 4));
  const local = (y: number, m: number, d: number): LocalDate => {
    const date = new Date(Date.UTC(y, m - 1, d));
    return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
  };
  switch (granularity) {
    case 'day': {
      const [, month, day] = dayParts(key);
      return { first: local(year, month, day), afterLast: local(year, month, day + 1) };
    }
    case 'month': {
      const month = Number(key.slice(5));
      return { first: local(year, month, 1), afterLast: local(year, month + 1, 1) };
    }
    case 'quarter': {
      const quarter = Number(key.slice(6));
      return { first: local(year, quarter * 3 - 2, 1), afterLast: local(year, quarter * 3 + 1, 1) };
    }
    case 'year':
      return { first: local(year, 1, 1), afterLast: local(year + 1, 1, 1) };
  }
}

/** The instant a period ends: local midnight after its last day. */
export function periodEnd(key: string): Date {
  const { afterLast } = periodBounds(key);
  return new Date(
    Date.UTC(afterLast.year, afterLast.month - 1, afterLast.day) - VIETNAM_UTC_OFFSET_MINUTES * 60_000,
  );
}

/** The local days of a period, in order. */
export function daysOf(key: string): string[] {
  const { first, afterLast } = periodBounds(key);
  const days: string[] = [];
  const end = formatLocalDate(afterLast);
  for (let cursor = new Date(Date.UTC(first.year, first.month - 1, first.day)); ; ) {
    const day = cursor.toISOString().slice(0, 10);
    if (day >= end) return days;
    days.push(day);
    cursor = new Date(cursor.getTime() + 86_400_000);
  }
}

/** The period of the same granularity that follows `key`. */
export function nextPeriod(key: string): string {
  const granularity = granularityOf(key);
  if (!granularity) throw new Error(`Not a period key: ${key}`);
  return periodsOfLocalDate(periodBounds(key).afterLast)[granularity];
}

/** Every period from `from` to `to` inclusive (same granularity); at most `limit` of them. */
export function periodRange(from: string, to: string, limit = 400): string[] {
  const granularity = granularityOf(from);
  if (!granularity || granularity !== granularityOf(to)) {
    throw new RangeError('from and to must be periods of the same granularity');
  }
  const periods: string[] = [];
  for (let key = from; key <= to; key = nextPeriod(key)) {
    if (periods.length === limit) throw new RangeError(`at most ${limit} periods at once`);
    periods.push(key);
  }
  return periods;
}

/**
 * The periods to close when the last closed day was `lastClosedDay` and it is now `today`: every
 * day since, then each month, quarter and year whose last day is among them. At most `limit` days
 * a run (the next run goes on); a first run closes only yesterday.
 */
export function closablePeriods(
  lastClosedDay: string | undefined,
  today: string,
  limit = 31,
): { periods: string[]; lastClosedDay: string | undefined } {
  const yesterday = previousDay(today);
  let day = lastClosedDay ? nextPeriod(lastClosedDay) : yesterday;
  const periods: string[] = [];
  let last: string | undefined;
  for (let count = 0; day <= yesterday && count < limit; count += 1) {
    periods.push(day);
    const tomorrow = nextPeriod(day);
    const [year, month, dayOfMonth] = dayParts(tomorrow);
    const after = periodsOfLocalDate({ year, month, day: dayOfMonth });
    const current = periodsOfLocalDate(periodBounds(day).first);
    for (const granularity of ['month', 'quarter', 'year'] as const) {
      if (after[granularity] !== current[granularity]) periods.push(current[granularity]);
    }
    last = day;
    day = tomorrow;
  }
  return { periods, lastClosedDay: last };
}

export function previousDay(day: string): string {
  const [year, month, date] = dayParts(day);
  return new Date(Date.UTC(year, month - 1, date - 1)).toISOString().slice(0, 10);
}
