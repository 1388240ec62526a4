import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { contributions, factsOfDossier, localDay } from '../../../shared/domain/kpi/kpi.ts';
import { recount } from '../../../shared/domain/kpi/kpi-recount.ts';
import { kpiRowsOf } from '../../../shared/domain/kpi/kpi-rows.ts';
import { parseStepCountName, type StepFacts, stepKpisOf } from '../../../shared/domain/kpi/step-kpi.ts';

const COMMUNE = { code: '000.17.22.H56', tier: 'commune' as const };
const DISTRICT = { code: '000.00.22.H56', tier: 'district' as const };

const step = (overrides: Partial<StepFacts> = {}): StepFacts => ({
  process: 'QT-HUYEN',
  step: 'THAM_DINH',
  agencyCode: DISTRICT.code,
  tier: DISTRICT.tier,
  finishedAt: new Date('2026-11-10T09:00:00+07:00'),
  timeliness: 'on_time',
  workingMinutes: 480,
  ...overrides,
});

const baseFacts = (steps: StepFacts[]) => ({
  agencyCode: COMMUNE.code,
  tier: COMMUNE.tier,
  receivedAt: new Date('2026-10-20T09:00:00+07:00'),
  channel: 'counter' as const,
  attachments: 0,
  status: 'in_progress' as const,
  dueAt: new Date('2026-12-20T17:00:00+07:00'),
  clockPaused: false,
  supplementRequests: 0,
  receiptSigned: true,
  resultIssued: false,
  resultSigned: false,
  steps,
});

const stepArbitrary = fc
  .record({
    holder: fc.constantFrom(COMMUNE, DISTRICT),
    step: fc.constantFrom('TIEP_NHAN', 'THAM_DINH', 'KY_DUYET'),
    finishedAt: fc.date({ min: new Date('2026-10-25'), max: new Date('2026-12-05'), noInvalidDate: true }),
    timeliness: fc.constantFrom('early' as const, 'on_time' as const, 'late' as const),
    workingMinutes: fc.integer({ min: 0, max: 4_000 }),
  })
  .map((s) =>
    step({
      step: s.step,
      agencyCode: s.holder.code,
      tier: s.holder.tier,
      finishedAt: s.finishedAt,
      timeliness: s.timeliness,
      workingMinutes: s.workingMinutes,
    }),
  );

describe('per-step indicators', () => {
  it('count each finished step for its holding unit in the month it finished: count, late, in time, minutes', () => {
    fc.assert(
      fc.property(fc.array(fc.array(stepArbitrary, { maxLength: 6 }), { maxLength: 12 }), (dossiers) => {
        const recounted = recount(
          dossiers.flatMap((steps) => contributions(baseFacts(steps))),
          '2026-11',
        );
        const all = dossiers.flat().filter((s) => localDay(s.finishedAt).startsWith('2026-11'));
        for (const unit of [COMMUNE, DISTRICT]) {
          const kpis = stepKpisOf(recounted.get(unit.code)?.counts ?? {});
          for (const code of ['TIEP_NHAN', 'THAM_DINH', 'KY_DUYET']) {
            const mine = all.filter((s) => s.agencyCode === unit.code && s.step === code);
            const kpi = kpis.find((k) => k.step === code);
            if (mine.length === 0) {
              expect(kpi).toBeUndefined();
              continue;
            }
            const late = mine.filter((s) => s.timeliness === 'late').length;
            const minutes = mine.reduce((sum, s) => sum + s.workingMinutes, 0);
            expect(kpi).toEqual({
              process: 'QT-HUYEN',
              step: code,
              finished: mine.length,
              late,
              inTime: mine.length - late,
              workingMinutes: minutes,
              averageWorkingDays: minutes / mine.length / 480,
              lateShare: late / mine.length,
            });
          }
          const shares = kpis.map((k) => k.lateShare);
          expect(shares).toEqual([...shares].sort((a, b) => b - a));
        }
      }),
    );
  });

  it('are read from a stored dossier’s finished steps, leaving out a step the applicant ended by withdrawing', () => {
    const record = (stepCode: string, action: string, timeliness: string) => ({
      step: stepCode,
      name: { vi: 'Bước', en: 'Step' },
      role: 'chuyen_vien',
      unit: { code: DISTRICT.code, name: 'UBND huyện Quảng Xương', tier: 'district' },
      handedOverBy: 'system',
      startedAt: '2026-11-02T08:00:00+07:00',
      dueAt: '2026-11-04T17:00:00+07:00',
      budgetMinutes: 1440,
      finishedAt: '2026-11-05T10:00:00+07:00',
      finishedBy: 'officer:cv1',
      action,
      next: [],
      timeliness,
      workingMinutes: 1560.4,
    });
    const image = {
      agency: { code: COMMUNE.code, name: 'UBND xã', tier: 'commune' },
      procedure: { code: '1.000001.000.00.00.H56' },
      receivedAt: '2026-11-02T08:00:00+07:00',
      dueAt: '2026-11-20T17:00:00+07:00',
      channel: 'counter',
      status: 'withdrawn',
      process: {
        code: 'QT-HUYEN',
        version: 2,
        done: [record('THAM_DINH', 'forward', 'late'), record('KY_DUYET', 'withdraw', 'on_time')],
      },
    };
    expect(factsOfDossier(image)?.steps).toEqual([
      step({
        finishedAt: new Date('2026-11-05T10:00:00+07:00'),
        timeliness: 'late',
        workingMinutes: 1560,
      }),
    ]);
    // A process that does not read as one costs its steps only, not the dossier's other counts.
    const malformed = factsOfDossier({ ...image, process: { code: 'QT-HUYEN', done: [{ step: 1 }] } });
    expect(malformed).toMatchObject({ agencyCode: COMMUNE.code, steps: [] });
  });

  it('name each count by process, step and measure, and read no other name as one', () => {
    expect(parseStepCountName('step#QT-HUYEN#THAM_DINH#late')).toEqual({
      process: 'QT-HUYEN',
      step: 'THAM_DINH',
      measure: 'late',
    });
    expect(parseStepCountName('step#QT-HUYEN#THAM_DINH#average')).toBeUndefined();
    expect(parseStepCountName('step#QT-HUYEN#late')).toBeUndefined();
    expect(parseStepCountName('online#1.000001')).toBeUndefined();
  });

  it('appear as the steps of each unit’s row, not in the tier or province rows', () => {
    const facts = baseFacts([
      step({ timeliness: 'late', workingMinutes: 900 }),
      step({ timeliness: 'early', workingMinutes: 300 }),
      step({ step: 'KY_DUYET', workingMinutes: 240 }),
    ]);
    const cells = recount(contributions(facts), '2026-11');
    const rows = kpiRowsOf({
      period: '2026-11',
      closed: false,
      aggregatedAt: '2026-11-28T08:00:00+07:00',
      units: new Map([
        [COMMUNE.code, { ...COMMUNE, name: 'UBND xã Hoằng Hóa' }],
        [DISTRICT.code, { ...DISTRICT, name: 'UBND huyện Hoằng Hóa' }],
      ]),
      flows: [...cells].map(([agencyCode, unit]) => ({ agencyCode, tier: unit.tier, counts: unit.counts })),
      pending: new Map(),
      procedures: new Map(),
      signingTargets: {},
    });
    const district = rows.find((row) => row.scopeKey === `agency:${DISTRICT.code}`);
    expect(district?.steps).toEqual([
      {
        process: 'QT-HUYEN',
        step: 'THAM_DINH',
        finished: 2,
        late: 1,
        inTime: 1,
        workingMinutes: 1200,
        averageWorkingDays: 1.25,
        lateShare: 0.5,
      },
      {
        process: 'QT-HUYEN',
        step: 'KY_DUYET',
        finished: 1,
        late: 0,
        inTime: 1,
        workingMinutes: 240,
        averageWorkingDays: 0.5,
        lateShare: 0,
      },
    ]);
    expect(rows.find((row) => row.scopeKey === `agency:${COMMUNE.code}`)?.steps).toEqual([]);
    expect(rows.find((row) => row.scopeKey === 'province')?.steps).toBeUndefined();
    // The step counts stay out of the named counts every indicator reads.
    expect(district?.counts.received).toBe(0);
  });
});
