import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DOSSIER_STATUS_NAMES } from '../../../shared/domain/dossier-status.ts';
import {
  countByAgencyAndDay,
  type DossierFacts,
  rate,
  ratesOf,
  settledOnTime,
} from '../../../shared/domain/kpi.ts';

const facts: fc.Arbitrary<DossierFacts> = fc
  .record({
    agencyCode: fc.constantFrom('000.17.22.H56', '000.00.22.H56', 'H55.242'),
    receivedAt: fc.date({ min: new Date('2026-01-01'), max: new Date('2026-03-01'), noInvalidDate: true }),
    processingHours: fc.integer({ min: 0, max: 400 }),
    settleAfterHours: fc.option(fc.integer({ min: 0, max: 800 }), { nil: undefined }),
    channel: fc.constantFrom('online' as const, 'counter' as const, 'postal' as const),
    status: fc.constantFrom(...DOSSIER_STATUS_NAMES),
    tier: fc.constantFrom('commune' as const, 'district' as const),
    resultIssued: fc.boolean(),
    signedDocuments: fc.integer({ min: 0, max: 2 }),
  })
  .map((f) => ({
    agencyCode: f.agencyCode,
    receivedAt: f.receivedAt,
    dueAt: new Date(f.receivedAt.getTime() + f.processingHours * 3_600_000),
    settledAt:
      f.settleAfterHours === undefined
        ? undefined
        : new Date(f.receivedAt.getTime() + f.settleAfterHours * 3_600_000),
    channel: f.channel,
    status: f.status,
    tier: f.tier,
    documentsIssued: f.resultIssued ? 2 : 1,
    documentsSigned: Math.min(f.signedDocuments, f.resultIssued ? 2 : 1),
  }));

describe('KPI counts per agency and day', () => {
  it('counts every dossier exactly once and keeps numerators within denominators', () => {
    fc.assert(
      fc.property(fc.array(facts, { maxLength: 200 }), (dossiers) => {
        const rows = countByAgencyAndDay(dossiers);
        expect(rows.reduce((sum, row) => sum + row.received, 0)).toBe(dossiers.length);
        for (const row of rows) {
          expect(row.settledOnTime).toBeLessThanOrEqual(row.settled);
          expect(row.settled).toBeLessThanOrEqual(row.received);
          expect(row.receivedOnline).toBeLessThanOrEqual(row.received);
          expect(row.documentsSigned).toBeLessThanOrEqual(row.documentsIssued);
          const { onTimeRate, onlineRate, signedRate, signingTarget, signingTargetMet } = ratesOf(row);
          for (const r of [onTimeRate, onlineRate, signedRate]) {
            if (r.value !== null) expect(r.value).toBeGreaterThanOrEqual(0);
            if (r.value !== null) expect(r.value).toBeLessThanOrEqual(1);
          }
          expect(signingTarget).toBe(row.tier === 'commune' ? 0.6 : 0.8);
          expect(signingTargetMet).toBe(signedRate.value === null ? null : signedRate.value >= signingTarget);
        }
      }),
    );
  });

  it('groups by the Vietnamese day of receipt', () => {
    const base = {
      agencyCode: 'H55.242',
      channel: 'online' as const,
      status: 'submitted' as const,
      tier: 'province' as const,
      documentsIssued: 1,
      documentsSigned: 1,
    };
    const rows = countByAgencyAndDay([
      { ...base, receivedAt: new Date('2026-03-01T16:59:00Z'), dueAt: new Date('2026-03-05T00:00:00Z') },
      { ...base, receivedAt: new Date('2026-03-01T17:01:00Z'), dueAt: new Date('2026-03-05T00:00:00Z') },
    ]);
    expect(rows.map((row) => row.day)).toEqual(['2026-03-01', '2026-03-02']);
  });

  it('counts a settlement at the appointment time as on time, one second later as late', () => {
    const dueAt = new Date('2026-03-05T10:00:00Z');
    const base = {
      agencyCode: 'H55.242',
      channel: 'counter' as const,
      status: 'done' as const,
      tier: 'commune' as const,
      documentsIssued: 1,
      documentsSigned: 0,
      receivedAt: new Date('2026-03-01T03:00:00Z'),
      dueAt,
    };
    expect(settledOnTime({ ...base, settledAt: dueAt })).toBe(true);
    expect(settledOnTime({ ...base, settledAt: new Date(dueAt.getTime() + 1000) })).toBe(false);
    expect(settledOnTime({ ...base, status: 'in_progress', settledAt: dueAt })).toBe(false);
  });

  it('shows a rate with nothing to divide as null, not as 0% or 100%', () => {
    expect(rate(0, 0)).toEqual({ numerator: 0, denominator: 0, value: null });
    expect(rate(3, 4).value).toBe(0.75);
  });
});

describe('signing rate against the targets', () => {
  const row = {
    agencyCode: '000.17.22.H56',
    day: '2026-11-24',
    received: 10,
    receivedOnline: 5,
    settled: 4,
    settledOnTime: 4,
  };
  it('meets the commune target at 60% and misses the district target at 79%', () => {
    expect(
      ratesOf({ ...row, tier: 'commune', documentsIssued: 10, documentsSigned: 6 }).signingTargetMet,
    ).toBe(true);
    expect(
      ratesOf({ ...row, tier: 'district', documentsIssued: 100, documentsSigned: 79 }).signingTargetMet,
    ).toBe(false);
    expect(
      ratesOf({ ...row, tier: 'district', documentsIssued: 0, documentsSigned: 0 }).signingTargetMet,
    ).toBeNull();
  });

  it('takes the targets from configuration', () => {
    const strict = { commune: 0.9, district: 0.95, province: 0.95, central: 0.95 };
    expect(
      ratesOf({ ...row, tier: 'commune', documentsIssued: 10, documentsSigned: 8 }, strict),
    ).toMatchObject({ signingTarget: 0.9, signingTargetMet: false });
  });
});
