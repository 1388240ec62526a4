import { describe, expect, it } from 'vitest';
import { kpiReport } from '../../../../shared/app/kpi/kpi-report.ts';
import { readKpi } from '../../../../shared/app/kpi/read-kpi.ts';
import { KpiQuerySchema } from '../../../../shared/contracts/kpi.ts';
import { KpiReportQuerySchema } from '../../../../shared/contracts/kpi-report.ts';
import type { Tier } from '../../../../shared/domain/agencies/tiers.ts';
import { DomainError } from '../../../../shared/domain/common/errors.ts';
import { publishedPeriodOf, rowsOfPublished } from '../../../../shared/domain/kpi/kpi-rows.ts';
import { DEFAULT_SIGNING_TARGETS } from '../../../../shared/domain/kpi/signing-targets.ts';
import { statusOf } from '../../../../shared/http/errors.ts';

const commune: Tier = 'commune';
const units = new Map([
  ['000.17.22.H56', { code: '000.17.22.H56', name: 'Ủy ban nhân dân xã Quảng Bình', tier: commune }],
  ['000.18.22.H56', { code: '000.18.22.H56', name: 'Ủy ban nhân dân xã Quảng Ninh', tier: commune }],
]);
const periodOf = (period: string) =>
  publishedPeriodOf({
    period,
    closed: false,
    aggregatedAt: '2026-11-24T10:00:00+07:00',
    units,
    flows: [
      { agencyCode: '000.17.22.H56', tier: 'commune', counts: { received: 3, receivedOnline: 2 } },
      { agencyCode: '000.18.22.H56', tier: 'commune', counts: { received: 1, receivedCounter: 1 } },
    ],
    pending: new Map(),
    procedures: new Map(),
    signingTargets: DEFAULT_SIGNING_TARGETS,
  });
const published = new Map([
  ['2026-10', periodOf('2026-10')],
  ['2026-11', periodOf('2026-11')],
]);
/** The published items by key, counting the reads (one per period is the point of the layout). */
const reads: string[] = [];
const store = {
  published: async (period: string) => {
    reads.push(period);
    return published.get(period);
  },
};
const now = () => new Date('2026-11-24T10:00:00+07:00');

describe('reading published indicators', () => {
  it('answers the current month by default, with the formulas', async () => {
    const answer = await readKpi({ store, now }, KpiQuerySchema.parse({}));
    if (answer.format !== 'json') throw new Error('JSON is the default format');
    expect(answer.body.periods).toEqual(['2026-11']);
    expect(answer.body.granularity).toBe('month');
    expect(answer.body.rows.map((row) => row.scopeKey)).toContain('agency:000.17.22.H56');
    expect(Object.keys(answer.body.formulas).length).toBeGreaterThan(0);
  });

  it('reads one item per period, whatever the scope asked, and computes the province and tier rows from the units', async () => {
    reads.length = 0;
    const unit = await readKpi(
      { store, now },
      KpiQuerySchema.parse({ period: '2026-10', unit: '000.17.22.H56' }),
    );
    const trend = await readKpi({ store, now }, KpiQuerySchema.parse({ from: '2026-10', to: '2026-12' }));
    expect(reads).toEqual(['2026-10', '2026-10', '2026-11', '2026-12']);
    if (unit.format !== 'json' || trend.format !== 'json') throw new Error('JSON is the default format');
    expect(unit.body.rows.map((row) => row.scopeKey)).toEqual(['agency:000.17.22.H56']);
    const province = trend.body.rows.find((row) => row.period === '2026-11' && row.scope.kind === 'province');
    expect(province?.counts).toMatchObject({ received: 4, receivedOnline: 2, receivedCounter: 1 });
    expect(trend.body.rows.filter((row) => row.period === '2026-12')).toEqual([]);
  });

  it('answers a range as CSV named after its first and last period', async () => {
    const answer = await readKpi(
      { store, now },
      KpiQuerySchema.parse({ from: '2026-10', to: '2026-11', format: 'csv' }),
    );
    expect(answer).toMatchObject({ format: 'csv', fileName: 'kpi-2026-10_2026-11.csv' });
    if (answer.format === 'csv') expect(answer.csv.split('\n').length).toBeGreaterThan(2);
  });
});

describe('the printable report', () => {
  it('renders the unit’s row with its rank among the ranked units of its tier', async () => {
    const rendered: { scopeKey: string; rankedInTier: number | undefined }[] = [];
    const render = async (input: { row: { scopeKey: string }; rankedInTier?: number | undefined }) => {
      rendered.push({ scopeKey: input.row.scopeKey, rankedInTier: input.rankedInTier });
      return new Uint8Array([37, 80, 68, 70]);
    };
    const report = await kpiReport(
      { store, render, now },
      KpiReportQuerySchema.parse({ unit: '000.17.22.H56', period: '2026-10' }),
    );
    expect(report.fileName).toBe('bao-cao-kpi-000.17.22.H56-2026-10.pdf');
    const october = published.get('2026-10');
    const ranked = (october ? rowsOfPublished(october) : []).filter(
      (row) => row.scope.kind === 'agency' && row.scope.tier === 'commune' && row.rank !== undefined,
    ).length;
    expect(rendered).toEqual([{ scopeKey: 'agency:000.17.22.H56', rankedInTier: ranked }]);
  });

  it('answers 404 for a period with no published figures', async () => {
    const render = async () => new Uint8Array();
    const error = await kpiReport(
      { store, render, now },
      KpiReportQuerySchema.parse({ period: '2025-01' }),
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({ code: 'NOT_FOUND' });
    expect(statusOf(error as DomainError)).toBe(404);
  });
});
