import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { granularityOf as domainGranularityOf, periodsOf } from '../../../shared/domain/kpi/kpi-periods.ts';
import {
  addMonths,
  civilNow,
  granularityOf,
  monthOf,
  periodLabel,
  periodOptions,
  trendEnd,
} from '../../../web/src/periods.ts';

const instants = fc.date({
  min: new Date('2001-01-01T00:00:00Z'),
  max: new Date('2099-12-31T00:00:00Z'),
  noInvalidDate: true,
});
const months = fc
  .record({ year: fc.integer({ min: 2001, max: 2099 }), month: fc.integer({ min: 1, max: 12 }) })
  .map(({ year, month }) => `${year}-${String(month).padStart(2, '0')}`);

describe('the dashboard’s periods', () => {
  it('offers first the day, month, quarter and year the server files an instant under', () => {
    fc.assert(
      fc.property(instants, (instant) => {
        const civil = civilNow(instant);
        const expected = periodsOf(instant);
        for (const granularity of ['day', 'month', 'quarter', 'year'] as const) {
          const options = periodOptions(granularity, civil);
          expect(options[0]).toBe(expected[granularity]);
          // Newest first, each a distinct key of that granularity the server accepts.
          expect(new Set(options).size).toBe(options.length);
          expect([...options].sort().reverse()).toEqual(options);
          for (const option of options) expect(domainGranularityOf(option)).toBe(granularity);
        }
        expect(monthOf(civil)).toBe(expected.month);
      }),
      // Each run checks 68 keys: fewer runs keep the file fast on a busy machine.
      { numRuns: 40 },
    );
  });

  it('offers 31 days, 24 months, 8 quarters and 5 years', () => {
    const civil = civilNow(new Date('2026-03-01T02:00:00Z'));
    expect(periodOptions('day', civil)).toHaveLength(31);
    expect(periodOptions('month', civil)).toHaveLength(24);
    expect(periodOptions('quarter', civil)).toEqual([
      '2026-Q1',
      '2025-Q4',
      '2025-Q3',
      '2025-Q2',
      '2025-Q1',
      '2024-Q4',
      '2024-Q3',
      '2024-Q2',
    ]);
    expect(periodOptions('year', civil)).toEqual(['2026', '2025', '2024', '2023', '2022']);
  });

  it('tells a key’s granularity as the server does for every key the selectors make', () => {
    fc.assert(
      fc.property(instants, fc.constantFrom('day', 'month', 'quarter', 'year'), (instant, granularity) => {
        for (const option of periodOptions(granularity, civilNow(instant)))
          expect(granularityOf(option)).toBe(domainGranularityOf(option));
      }),
    );
    expect(granularityOf('2026-Q5')).toBeUndefined();
    expect(granularityOf('26-11')).toBeUndefined();
  });

  it('moves months forward and back by whole months across years', () => {
    fc.assert(
      fc.property(months, fc.integer({ min: -240, max: 240 }), (month, delta) => {
        const moved = addMonths(month, delta);
        expect(addMonths(moved, -delta)).toBe(month);
        const index = (m: string) => Number(m.slice(0, 4)) * 12 + Number(m.slice(5, 7)) - 1;
        expect(index(moved) - index(month)).toBe(delta);
      }),
    );
  });

  it('ends a trend with the period’s last month, never after the current month', () => {
    fc.assert(
      fc.property(months, months, (month, current) => {
        const end = trendEnd(month, current);
        expect(end <= current).toBe(true);
        expect(end === month || end === current).toBe(true);
      }),
    );
    expect(trendEnd('2025-Q3', '2026-11')).toBe('2025-09');
    expect(trendEnd('2025', '2026-11')).toBe('2025-12');
    expect(trendEnd('2026', '2026-11')).toBe('2026-11');
    expect(trendEnd('2026-02-14', '2026-11')).toBe('2026-02');
  });

  it('labels periods in Vietnamese', () => {
    expect(periodLabel('2026-11-24')).toBe('Ngày 24/11/2026');
    expect(periodLabel('2026-11')).toBe('Tháng 11/2026');
    expect(periodLabel('2026-Q4')).toBe('Quý IV/2026');
    expect(periodLabel('2026')).toBe('Năm 2026');
  });
});
