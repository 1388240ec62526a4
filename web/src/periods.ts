/**
 * The dashboard's reporting periods, keyed as the API keys them: a day `2026-11-24`, a month
 * `2026-11`, a quarter `2026-Q4` and a year `2026`. "Now" is a Date shifted to Vietnam's civil time
 * (UTC+7) and read with the UTC getters.
 */
export type Granularity = 'day' | 'month' | 'quarter' | 'year';

const pad = (n: number) => String(n).padStart(2, '0');

/** The instant shifted by UTC+7, so that its UTC fields are the date and time in Vietnam. */
export const civilNow = (instant: Date): Date => new Date(instant.getTime() + 7 * 3600 * 1000);

export const monthOf = (civil: Date): string => `${civil.getUTCFullYear()}-${pad(civil.getUTCMonth() + 1)}`;

export function granularityOf(period: string): Granularity | undefined {
  if (/^\d{4}-\d{2}-\d{2}$/.test(period)) return 'day';
  if (/^\d{4}-\d{2}$/.test(period)) return 'month';
  if (/^\d{4}-Q[1-4]$/.test(period)) return 'quarter';
  if (/^\d{4}$/.test(period)) return 'year';
  return undefined;
}

/** The periods the selector offers, newest first: 31 days, 24 months, 8 quarters or 5 years. */
export function periodOptions(granularity: string, civil: Date): string[] {
  const year = civil.getUTCFullYear();
  const month = civil.getUTCMonth();
  if (granularity === 'day')
    return Array.from({ length: 31 }, (_, i) =>
      new Date(Date.UTC(year, month, civil.getUTCDate() - i)).toISOString().slice(0, 10),
    );
  if (granularity === 'month')
    return Array.from({ length: 24 }, (_, i) => {
      const d = new Date(Date.UTC(year, month - i, 1));
      return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}`;
    });
  if (granularity === 'quarter')
    return Array.from({ length: 8 }, (_, i) => {
      const q = Math.floor(month / 3) - i;
      const y = year + Math.floor(q / 4);
      return `${y}-Q${(((q % 4) + 4) % 4) + 1}`;
    });
  return Array.from({ length: 5 }, (_, i) => String(year - i));
}

export function periodLabel(period: string): string {
  const [y, second, day] = period.split('-');
  if (day) return `Ngày ${day}/${second}/${y}`;
  if (second?.startsWith('Q')) return `Quý ${['I', 'II', 'III', 'IV'][Number(second.slice(1)) - 1]}/${y}`;
  if (second) return `Tháng ${second}/${y}`;
  return `Năm ${y}`;
}

export function addMonths(month: string, delta: number): string {
  const d = new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)) - 1 + delta, 1));
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}`;
}

/** The month a trend ends with: the selected period's last month, never after the current one. */
export function trendEnd(period: string, currentMonth: string): string {
  const g = granularityOf(period);
  const end =
    g === 'day'
      ? period.slice(0, 7)
      : g === 'month'
        ? period
        : g === 'quarter'
          ? `${period.slice(0, 4)}-${pad(Number(period.slice(6)) * 3)}`
          : `${period}-12`;
  return end < currentMonth ? end : currentMonth;
}
