import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TABLES } from '../../../shared/config/tables.ts';
import { TierSchema } from '../../../shared/domain/intake/catalog.ts';
import { contributions, factsOfDossier, kpiFactsOf } from '../../../shared/domain/kpi/kpi.ts';
import { ChannelSchema, DossierStatusSchema } from '../../../shared/domain/lifecycle/dossier-schema.ts';

const instant = fc
  .date({ min: new Date('2025-01-01T00:00:00Z'), max: new Date('2027-12-31T00:00:00Z'), noInvalidDate: true })
  .map((date) => date.toISOString());
const timeliness = fc.constantFrom('early', 'on_time', 'late');
const unit = fc.record({
  code: fc.constantFrom('X1', 'X2', 'H1'),
  tier: fc.constantFrom(...TierSchema.options),
});

const stepRecord = fc.record({
  step: fc.constantFrom('TIEP_NHAN', 'THAM_DINH', 'KY_DUYET'),
  unit,
  finishedAt: instant,
  action: fc.constantFrom('forward', 'finish', 'withdraw'),
  timeliness,
  workingMinutes: fc.double({ min: 0, max: 10_000, noNaN: true }),
});

/** Stored dossiers as the stream and `GetItem` see them, with the bulky parts the indexes leave out. */
const storedDossier = fc.record(
  {
    dossierCode: fc.string({ minLength: 1, maxLength: 12 }),
    kpiShard: fc.constantFrom('0', '3', '7'),
    agency: unit,
    procedure: fc.record({ code: fc.constantFrom('1.000001', '2.000002'), name: fc.string() }),
    receivedAt: instant,
    dueAt: instant,
    settledAt: instant,
    channel: fc.constantFrom(...ChannelSchema.options),
    status: fc.constantFrom(...DossierStatusSchema.options),
    attachments: fc.array(fc.record({ key: fc.string(), sizeBytes: fc.nat() }), { maxLength: 3 }),
    clock: fc.option(fc.record({ pausedAt: instant }), { nil: null }),
    result: fc.record(
      {
        timeliness,
        documentKey: fc.string({ minLength: 1 }),
        documentSignature: fc.record({ value: fc.string() }),
        processingWorkingMinutes: fc.double({ min: 0, max: 100_000, noNaN: true }),
      },
      { requiredKeys: [] },
    ),
    supplementRequests: fc.nat({ max: 3 }),
    receipt: fc.record({
      document: fc.record({ text: fc.string({ maxLength: 200 }) }),
      signature: fc.record({ value: fc.string() }, { requiredKeys: [] }),
    }),
    feedback: fc.record({ rating: fc.integer({ min: 1, max: 5 }), comment: fc.string(), at: instant }),
    process: fc.record({
      code: fc.constantFrom('QT-XA', 'QT-HUYEN'),
      done: fc.array(stepRecord, { maxLength: 4 }),
    }),
    history: fc.array(fc.record({ status: fc.string(), at: instant }), { maxLength: 3 }),
  },
  { requiredKeys: ['dossierCode', 'kpiShard', 'agency', 'receivedAt', 'dueAt', 'channel', 'status'] },
);

/** What an index entry holds of a stored item: its keys and the attributes it projects. */
function entryOf(index: 'kpiReceived' | 'kpiSettled', item: Record<string, unknown>) {
  const { partitionKey, sortKey, projection } = TABLES.dossiers.indexes[index];
  const kept = new Set([
    TABLES.dossiers.partitionKey.name,
    partitionKey.name,
    sortKey?.name ?? '',
    ...(projection ?? []),
  ]);
  // Through JSON as through DynamoDB: no undefined member survives.
  return JSON.parse(
    JSON.stringify(Object.fromEntries(Object.entries(item).filter(([key]) => kept.has(key)))),
  );
}

describe('the KPI facts the recount indexes carry', () => {
  it('give the same facts as the whole item, for either index', () => {
    fc.assert(
      fc.property(storedDossier, (dossier) => {
        const stored = { ...dossier, kpiFacts: kpiFactsOf(dossier) };
        const whole = factsOfDossier(stored);
        expect(whole).toBeDefined();
        expect(factsOfDossier(entryOf('kpiReceived', stored))).toEqual(whole);
        if (stored.settledAt) expect(factsOfDossier(entryOf('kpiSettled', stored))).toEqual(whole);
        if (whole) expect(contributions(whole).length).toBeGreaterThan(0);
      }),
      { numRuns: 300 },
    );
  });

  it('leave the receipt, attachments, result, process and history out of the indexes', () => {
    fc.assert(
      fc.property(storedDossier, (dossier) => {
        const entry = entryOf('kpiReceived', { ...dossier, kpiFacts: kpiFactsOf(dossier) });
        for (const bulky of ['receipt', 'attachments', 'result', 'process', 'history', 'agency', 'clock'])
          expect(entry).not.toHaveProperty(bulky);
      }),
      { numRuns: 50 },
    );
  });

  it('are absent for a dossier not received yet, whose facts are absent too', () => {
    const draft = {
      dossierCode: 'D1',
      kpiShard: '1',
      agency: { code: 'X1', tier: 'commune' },
      status: 'draft',
    };
    expect(kpiFactsOf(draft)).toBeUndefined();
    expect(factsOfDossier(draft)).toBeUndefined();
  });
});
