import { describe, expect, it } from 'vitest';
import { KpiReportQuerySchema } from '../../../shared/contracts/kpi-report.ts';

describe('the KPI report query', () => {
  it('takes a unit code and a period of any granularity, both optional', () => {
    expect(KpiReportQuerySchema.parse({})).toEqual({});
    for (const period of ['2026-11-24', '2026-11', '2026-Q4', '2026'])
      expect(KpiReportQuerySchema.parse({ unit: '000.17.22.H56', period })).toEqual({
        unit: '000.17.22.H56',
        period,
      });
  });

  it('refuses what is not a period key or an agency code', () => {
    for (const period of ['2026-13', '2026-02-30', '2026-Q5', '26', 'tháng 11'])
      expect(KpiReportQuerySchema.safeParse({ period }).success).toBe(false);
    expect(KpiReportQuerySchema.safeParse({ unit: '<script>' }).success).toBe(false);
  });
});
