import { QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { syntheticMonth, writeDossiers } from '../../scripts/lib/synthetic-month.ts';
import type { AgencyRecord, Procedure } from '../../shared/contracts/catalog.ts';
import { FLOW_COUNT_NAMES } from '../../shared/domain/kpi/kpi.ts';
import type { DossierRecord } from '../../shared/domain/lifecycle/dossier.ts';
import { api, dataOutput, dynamo } from '../support/deployment.ts';
import { countedCells, kpi, rowOf, runAggregator } from '../support/kpi.ts';

/** A past month no other test writes to, so every count in it is this test's. */
const MONTH = '2026-10';
const COUNT = Number(process.env.KPI_MONTH_DOSSIERS ?? 1200);

type Expected = Record<string, number>;

/**
 * The test's own recount, written from the rules (not from the platform's code): local dates are
 * read off the stored UTC+7 times; late = settled after the appointment or after two supplements.
 */
function expectedCounts(records: readonly DossierRecord[], inPeriod: (localIso: string) => boolean) {
  const units = new Map<string, Expected>();
  const add = (code: string, name: string, n = 1) => {
    const unit = units.get(code) ?? {};
    unit[name] = (unit[name] ?? 0) + n;
    units.set(code, unit);
  };
  for (const r of records) {
    const code = r.agency.code;
    // A dossier counts as received on the day the desk received it; one awaiting reception, never.
    if (r.receivedAt && inPeriod(r.receivedAt)) {
      add(code, 'received');
      add(
        code,
        { online: 'receivedOnline', counter: 'receivedCounter', postal: 'receivedPostal' }[r.channel],
      );
      // Form 01, signed by the platform for every dossier: counted apart from the signing rate.
      add(code, 'receiptsIssued');
      add(code, 'receiptsSigned');
      if (r.attachments.length > 0) add(code, 'digitisedDossiers');
    }
    const settled = r.status === 'done' || r.status === 'result_returned';
    if (settled && r.settledAt && r.dueAt && inPeriod(r.settledAt)) {
      add(code, 'settled');
      const late = r.supplementRequests > 1 || Date.parse(r.settledAt) > Date.parse(r.dueAt);
      const early = !late && r.settledAt.slice(0, 10) < r.dueAt.slice(0, 10);
      add(code, late ? 'settledLate' : early ? 'settledEarly' : 'settledOnTime');
      if (r.result?.documentKey) {
        add(code, 'electronicResults');
        if (r.result.documentSignature) add(code, 'resultsSigned');
      }
      if (r.result?.processingWorkingMinutes !== undefined) {
        add(code, 'settledTimed');
        add(code, 'processingWorkingMinutes', r.result.processingWorkingMinutes);
      }
      if (r.feedback) {
        add(code, 'feedbackCount');
        add(code, 'feedbackRatingSum', r.feedback.rating);
        if (r.feedback.rating >= 4) add(code, 'feedbackSatisfied');
        if (r.feedback.rating <= 2) add(code, 'feedbackNegative');
      }
    }
  }
  const province: Expected = {};
  for (const unit of units.values())
    for (const [name, n] of Object.entries(unit)) province[name] = (province[name] ?? 0) + n;
  return { units, province };
}

/** Every count events add to, except documents exchanged between agencies (none are generated here). */
const COMPARED = FLOW_COUNT_NAMES.filter((name) => !name.startsWith('documentsSent'));

describe(`a generated month of ${COUNT} dossiers`, () => {
  let records: DossierRecord[];
  let procedures: Procedure[];

  beforeAll(async () => {
    const reference = dataOutput('ReferenceTableName');
    const list = async <T>(kind: string) =>
      (
        await dynamo.send(
          new QueryCommand({
            TableName: reference,
            KeyConditionExpression: 'kind = :k',
            ExpressionAttributeValues: { ':k': kind },
          }),
        )
      ).Items as T[];
    const pointer = (await list<{ code: string; version: number }>('catalog')).find(
      (i) => i.code === 'active',
    );
    const agencies = await list<AgencyRecord>('agency');
    procedures = await list<Procedure>(`procedure#v${pointer?.version}`);
    records = syntheticMonth({ month: MONTH, count: COUNT, seed: 766, agencies, procedures });
    await writeDossiers(dataOutput('DossiersTableName'), records);
    // The counters follow the Dossiers stream: wait until every dossier of the month is counted.
    const deadline = Date.now() + 180_000;
    for (;;) {
      const counted = [...(await countedCells(MONTH)).values()].reduce((sum, c) => sum + c.received, 0);
      if (counted >= COUNT) break;
      if (Date.now() > deadline) throw new Error(`only ${counted} of ${COUNT} dossiers counted`);
      await new Promise((r) => setTimeout(r, 1000));
    }
  }, 240_000);

  it('the event counters equal the platform’s recount, and every published indicator equals the test’s own', async () => {
    const run = await runAggregator({ recount: MONTH, requestedBy: 'kpi-month test' });
    expect(run.differences).toEqual([]);
    expect(run.dossiers).toBe(COUNT);
    const { units, province } = expectedCounts(records, (iso) => iso.slice(0, 7) === MONTH);
    const published = await kpi(`period=${MONTH}`);
    const provinceRow = rowOf(published.rows, 'province');
    expect(provinceRow?.closed).toBe(true);
    for (const name of COMPARED)
      expect([name, provinceRow?.counts[name]]).toEqual([name, province[name] ?? 0]);
    expect(units.size).toBeGreaterThan(5);
    for (const [code, expected] of units) {
      const row = rowOf(published.rows, `agency:${code}`);
      for (const name of COMPARED)
        expect([code, name, row?.counts[name]]).toEqual([code, name, expected[name] ?? 0]);
      // 2.1 counts the dossiers settled in the month and those still open at its end.
      const open = (row?.counts.pendingWithinTime ?? 0) + (row?.counts.pendingOverdue ?? 0);
      expect(row?.indicators.onTimeRate).toMatchObject({
        numerator:
          (expected.settledEarly ?? 0) + (expected.settledOnTime ?? 0) + (row?.counts.pendingWithinTime ?? 0),
        denominator: (expected.settled ?? 0) + open,
      });
      // 2.2 in working days, over the settled dossiers that carry their processing time.
      if (expected.settledTimed)
        expect(row?.indicators.averageProcessingDays).toBeCloseTo(
          (expected.processingWorkingMinutes ?? 0) / expected.settledTimed / 480,
          6,
        );
      else expect(row?.indicators.averageProcessingDays).toBeNull();
      // 3.2: the unit's catalogued procedures with at least one online dossier received in the month.
      const catalogued = new Set(procedures.filter((p) => p.agencyCode === code).map((p) => p.code));
      const used = new Set(
        records
          .filter(
            (r) => r.agency.code === code && r.channel === 'online' && r.receivedAt?.slice(0, 7) === MONTH,
          )
          .map((r) => r.procedure.code)
          .filter((procedureCode) => catalogued.has(procedureCode)),
      );
      expect(row?.indicators.onlineServiceRate).toMatchObject({
        numerator: used.size,
        denominator: catalogued.size,
      });
      // The signing rate counts results (no document is sent through the exchange here), not receipts.
      expect(row?.indicators.signedRate).toMatchObject({
        numerator: expected.resultsSigned ?? 0,
        denominator: expected.electronicResults ?? 0,
      });
    }
    const ranked = published.rows.filter(
      (r) => r.rank !== undefined && r.scope.kind === 'agency' && r.scope.tier === 'commune',
    );
    expect(ranked.map((r) => r.rank).sort()).toEqual(ranked.map((_, i) => i + 1));
    expect(province.settledLate ?? 0).toBeGreaterThan(0);
    expect(province.feedbackCount ?? 0).toBeGreaterThan(0);
  });

  it('a day of the month recounts to the same figures as the test’s own', async () => {
    const day = records[0]?.receivedAt?.slice(0, 10) ?? `${MONTH}-15`;
    const run = await runAggregator({ recount: day });
    expect(run.differences).toEqual([]);
    const { province } = expectedCounts(records, (iso) => iso.slice(0, 10) === day);
    const row = rowOf((await kpi(`period=${day}&scope=province`)).rows, 'province');
    for (const name of COMPARED) expect([name, row?.counts[name]]).toEqual([name, province[name] ?? 0]);
  });

  it('finds drift a counter picked up, records it and corrects it', async () => {
    const code = records[0]?.agency.code as string;
    const before = rowOf((await kpi(`period=${MONTH}&unit=${code}`)).rows, `agency:${code}`);
    // A stream batch retried after a partial write counts some dossiers twice.
    await dynamo.send(
      new UpdateCommand({
        TableName: dataOutput('KpiCountersTableName'),
        Key: { bucket: `${MONTH}#1`, cell: code },
        UpdateExpression: 'ADD received :five SET tier = if_not_exists(tier, :tier)',
        ExpressionAttributeValues: { ':five': 5, ':tier': records[0]?.agency.tier },
      }),
    );
    const run = await runAggregator({ recount: MONTH, requestedBy: 'drift test' });
    expect(run.differences).toEqual([
      expect.objectContaining({
        agencyCode: code,
        count: 'received',
        counted: (before?.counts.received ?? 0) + 5,
        recounted: before?.counts.received,
      }),
    ]);
    const after = rowOf((await kpi(`period=${MONTH}&unit=${code}`)).rows, `agency:${code}`);
    expect(after?.counts.received).toBe(before?.counts.received);
    expect((await runAggregator({ recount: MONTH })).differences).toEqual([]);
    const drifts = await dynamo.send(
      new QueryCommand({
        TableName: dataOutput('KpiTableName'),
        KeyConditionExpression: '#p = :p',
        ExpressionAttributeNames: { '#p': 'period' },
        ExpressionAttributeValues: { ':p': `_drift#${MONTH}` },
      }),
    );
    const withDrift = (drifts.Items ?? []).filter((item) => item.differences.length > 0);
    expect(withDrift.map((item) => item.requestedBy)).toContain('drift test');
  });

  it('exports the month as CSV with the formulas', async () => {
    const csv = await api<string>(`/kpi?period=${MONTH}&scope=province&format=csv`);
    expect(csv.status).toBe(200);
    const text = String(csv.body);
    expect(text).toContain(
      '# onTimeRate: (settledEarly + settledOnTime + pendingWithinTime) / (settled + pendingWithinTime + pendingOverdue)',
    );
    expect(text).toContain(
      '# signedRate: (resultsSigned + documentsSentSigned) / (electronicResults + documentsSent)',
    );
    const [header, line] = text.replace(/^\uFEFF/, '').split('\r\n');
    const columns = header?.split(',') ?? [];
    expect(Number(line?.split(',')[columns.indexOf('received')])).toBe(COUNT);
  });
});
