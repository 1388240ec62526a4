import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_KPI_COUNTER_SHARDS,
  MAX_KPI_COUNTER_SHARDS,
} from '../../shared/domain/kpi/counter-shards.ts';
import { OVERDUE_DUE_DAY } from '../../shared/domain/kpi/kpi.ts';
import { periodsOf } from '../../shared/domain/kpi/kpi-periods.ts';
import { api, completeDossierRequest, dataOutput, dynamo, postJson, waitFor } from '../support/deployment.ts';
import { countedCells, kpi, rowOf, runAggregator, waitForCounted } from '../support/kpi.ts';
import { receiveDossier, recordAtCounter, settleDossier, signInOfficer } from '../support/officers.ts';

/** Enterprise registration at the provincial Department of Planning and Investment. */
const PROCEDURE = '2.001610.000.00.00.H56';
const AGENCY = '000.00.12.H56';
/** The commune of the default test procedure. */
const COMMUNE = '000.17.22.H56';

describe('KPI counted from dossier events and published by the aggregator', () => {
  it('counts new dossiers per unit, tier and province with numerators and denominators, readable through GET /kpi', async () => {
    const today = periodsOf(new Date()).day;
    await runAggregator();
    const before = await kpi(`period=${today}`);
    const counted = (await countedCells(today)).get(AGENCY)?.received ?? 0;
    // Two submitted online and received by the unit's one-stop desk (counted when received), one
    // handed in at the counter and recorded by an officer (received at once).
    const desk = await signInOfficer(AGENCY, ['tiep_nhan']);
    for (let online = 0; online < 2; online += 1) {
      const answer = await postJson<{ dossierCode: string }>(
        '/dossiers',
        await completeDossierRequest({ procedureCode: PROCEDURE }),
      );
      expect(answer.status).toBe(201);
      await receiveDossier(desk, answer.body.dossierCode);
    }
    const atCounter = await recordAtCounter(
      AGENCY,
      await completeDossierRequest({ procedureCode: PROCEDURE }),
    );
    expect(atCounter.status).toBe(201);
    // The counters follow the Dossiers stream, before any aggregation runs.
    const cell = await waitForCounted(today, AGENCY, counted + 3);
    expect(cell.received).toBe(counted + 3);
    await runAggregator();
    const after = await kpi(`period=${today}`);

    const unit = (response: typeof after) => rowOf(response.rows, `agency:${AGENCY}`);
    const province = (response: typeof after) => rowOf(response.rows, 'province');
    const grew = (response: typeof after, row: typeof unit) => row(response)?.counts;
    expect((grew(after, unit)?.received ?? 0) - (grew(before, unit)?.received ?? 0)).toBe(3);
    expect((grew(after, unit)?.receivedOnline ?? 0) - (grew(before, unit)?.receivedOnline ?? 0)).toBe(2);
    expect((grew(after, unit)?.receivedCounter ?? 0) - (grew(before, unit)?.receivedCounter ?? 0)).toBe(1);
    expect((grew(after, province)?.received ?? 0) - (grew(before, province)?.received ?? 0)).toBe(3);
    // Three new open dossiers, due later: within time.
    expect((grew(after, unit)?.pendingWithinTime ?? 0) - (grew(before, unit)?.pendingWithinTime ?? 0)).toBe(
      3,
    );

    const row = unit(after);
    expect(row?.scope).toMatchObject({ kind: 'agency', code: AGENCY, tier: 'province' });
    expect(row?.indicators.onlineRate).toMatchObject({
      numerator: row?.counts.receivedOnline,
      denominator: row?.counts.received,
    });
    expect(row?.indicators.onlineRate.value).toBeCloseTo(
      (row?.counts.receivedOnline ?? 0) / (row?.counts.received ?? 1),
    );
    // The platform signs every receipt (form 01) by itself: counted apart, not in the signing rate,
    // which counts the results issued and the documents sent through the exchange.
    expect((grew(after, unit)?.receiptsSigned ?? 0) - (grew(before, unit)?.receiptsSigned ?? 0)).toBe(3);
    expect(row?.indicators.signedRate).toMatchObject({
      numerator: (row?.counts.resultsSigned ?? 0) + (row?.counts.documentsSentSigned ?? 0),
      denominator: (row?.counts.electronicResults ?? 0) + (row?.counts.documentsSent ?? 0),
      target: 0.8,
    });
    expect(row?.score.maxPoints).toBe(100);
    expect(after.formulas.onTimeRate?.formula).toContain('settled');
    const tierRow = rowOf(after.rows, 'tier:province');
    expect(tierRow?.counts.received).toBeGreaterThanOrEqual(row?.counts.received ?? 0);
  });

  it('counts a settlement, its electronic result and the citizen’s rating on the day settled', async () => {
    const today = periodsOf(new Date()).day;
    const officer = await signInOfficer(COMMUNE);
    const before = (await countedCells(today)).get(COMMUNE);
    const submitted = await postJson<{ dossierCode: string; lookupSecret: string }>(
      '/dossiers',
      await completeDossierRequest(),
    );
    expect(submitted.status).toBe(201);
    await settleDossier(officer, submitted.body.dossierCode);
    const rated = await postJson(
      `/dossiers/${encodeURIComponent(submitted.body.dossierCode)}/feedback`,
      { rating: 2, comment: 'Phải đi lại hai lần' },
      { 'x-lookup-secret': submitted.body.lookupSecret },
    );
    expect(rated.status).toBe(201);
    const after = await waitFor(async () => {
      const cell = (await countedCells(today)).get(COMMUNE);
      return cell && cell.feedbackCount > (before?.feedbackCount ?? 0) ? cell : undefined;
    }, 'the rating counted');
    const grew = (name: keyof typeof after) => after[name] - (before?.[name] ?? 0);
    expect([grew('received'), grew('settled'), grew('electronicResults')]).toEqual([1, 1, 1]);
    expect([
      grew('feedbackCount'),
      grew('feedbackRatingSum'),
      grew('feedbackNegative'),
      grew('feedbackSatisfied'),
    ]).toEqual([1, 2, 1, 0]);
    expect(grew('settledEarly') + grew('settledOnTime') + grew('settledLate')).toBe(1);
    // Its processing time (766, 2.2) is counted with the settlement: settled the day it was received.
    expect(grew('settledTimed')).toBe(1);
    expect(grew('processingWorkingMinutes')).toBeGreaterThanOrEqual(0);
    expect(grew('processingWorkingMinutes')).toBeLessThanOrEqual(480);
    await runAggregator();
    const row = rowOf((await kpi(`period=${today}&unit=${COMMUNE}`)).rows, `agency:${COMMUNE}`);
    expect(row?.indicators.satisfactionRate.denominator).toBe(row?.counts.feedbackCount);
    expect(row?.counts.feedbackNegative).toBeGreaterThanOrEqual(1);
    expect(row?.indicators.averageProcessingDays).toBeCloseTo(
      (row?.counts.processingWorkingMinutes ?? 0) / (row?.counts.settledTimed ?? 1) / 480,
      6,
    );
    // The settled dossier was filed online for a catalogued procedure of the commune: 3.2 counts it.
    expect(row?.counts.onlineServicesUsed).toBeGreaterThanOrEqual(1);
    expect(row?.indicators.onlineServiceRate.denominator).toBe(row?.counts.proceduresOnline);
  });

  it('gathers open dossiers due before this month into the unit’s overdue cell, counting them once', async () => {
    const today = periodsOf(new Date()).day;
    const table = dataOutput('KpiCountersTableName');
    const pastCell = { bucket: 'open#1', cell: `${AGENCY}|2025-06-10` };
    const overdueCell = { bucket: 'open#0', cell: `${AGENCY}|${OVERDUE_DUE_DAY}` };
    const overdue = async () => rowOf((await kpi(`period=${today}&unit=${AGENCY}`)).rows, `agency:${AGENCY}`);
    await runAggregator();
    const before = (await overdue())?.counts.pendingOverdue ?? 0;
    // Two dossiers of this unit left open since June 2025, as the stream consumer would have counted them.
    await dynamo.send(
      new PutCommand({
        TableName: table,
        Item: { ...pastCell, open: 2, tier: 'province', agencyCode: AGENCY, dueDay: '2025-06-10' },
      }),
    );
    const gathering = await runAggregator();
    expect(gathering.gatheredIntoOverdue).toBeGreaterThanOrEqual(1);
    expect((await overdue())?.counts.pendingOverdue).toBe(before + 2);
    expect(
      (await dynamo.send(new GetCommand({ TableName: table, Key: pastCell, ConsistentRead: true }))).Item,
    ).toBe(undefined);
    const next = await runAggregator();
    expect(next.gatheredIntoOverdue).toBe(0);
    expect((await overdue())?.counts.pendingOverdue).toBe(before + 2);
    // The two were this test's: take them away again.
    await dynamo.send(
      new UpdateCommand({
        TableName: table,
        Key: overdueCell,
        UpdateExpression: 'ADD #open :n',
        ExpressionAttributeNames: { '#open': 'open' },
        ExpressionAttributeValues: { ':n': -2 },
      }),
    );
  });

  it('reads counts written under a larger shard setting, so the setting can be lowered after a peak', async () => {
    const today = periodsOf(new Date()).day;
    const table = dataOutput('KpiCountersTableName');
    // The test deployment writes over the default shards; this cell is where a deployment sized for
    // a national peak would have put it.
    const farCell = { bucket: `${today}#${MAX_KPI_COUNTER_SHARDS - 1}`, cell: AGENCY };
    expect(MAX_KPI_COUNTER_SHARDS - 1).toBeGreaterThanOrEqual(DEFAULT_KPI_COUNTER_SHARDS);
    const postal = async () =>
      rowOf((await kpi(`period=${today}&unit=${AGENCY}`)).rows, `agency:${AGENCY}`)?.counts.receivedPostal ??
      0;
    const add = (n: number) =>
      dynamo.send(
        new UpdateCommand({
          TableName: table,
          Key: farCell,
          UpdateExpression: 'ADD #postal :n SET tier = :tier',
          ExpressionAttributeNames: { '#postal': 'receivedPostal' },
          ExpressionAttributeValues: { ':n': n, ':tier': 'province' },
        }),
      );
    await runAggregator();
    const before = await postal();
    await add(2);
    try {
      await runAggregator();
      expect(await postal()).toBe(before + 2);
    } finally {
      await add(-2);
      await runAggregator();
    }
    expect(await postal()).toBe(before);
  });

  it('filters by unit, tier and scope, and exports the same rows as CSV', async () => {
    const today = periodsOf(new Date()).day;
    const unitOnly = await kpi(`period=${today}&unit=${AGENCY}`);
    expect(unitOnly.rows.map((r) => r.scopeKey)).toEqual([`agency:${AGENCY}`]);
    const communes = await kpi(`period=${today}&tier=commune`);
    expect(communes.rows.length).toBeGreaterThan(1);
    expect(communes.rows.every((r) => r.scope.kind !== 'province' && r.scope.tier === 'commune')).toBe(true);
    const children = await kpi(`period=${today}&unit=000.00.22.H56&children=true`);
    expect(
      children.rows.some((r) => r.scope.kind === 'agency' && r.scope.parentCode === '000.00.22.H56'),
    ).toBe(true);

    const csv = await api<string>(`/kpi?period=${today}&unit=${AGENCY}&format=csv`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const lines = String(csv.body)
      .replace(/^\uFEFF/, '')
      .split('\r\n');
    const header = lines[0]?.split(',') ?? [];
    const values = lines[1]?.split(',') ?? [];
    expect(values[header.indexOf('code')]).toBe(AGENCY);
    expect(Number(values[header.indexOf('received')])).toBe(unitOnly.rows[0]?.counts.received);
  });

  it('answers a trend of months, and refuses a mixed or reversed range with a bilingual error', async () => {
    const trend = await kpi('from=2026-01&to=2026-12&scope=province');
    expect(trend.granularity).toBe('month');
    expect(trend.periods).toHaveLength(12);
    const mixed = await api<{ error: { code: string; message: { vi: string; en: string } } }>(
      '/kpi?from=2026-01&to=2026-12-01',
    );
    expect(mixed.status).toBe(400);
    expect(mixed.body.error.message.vi).toMatch(/cùng loại kỳ/);
    expect((await api('/kpi?from=2026-12&to=2026-01')).status).toBe(400);
    expect((await api('/kpi?period=2026-Q5')).status).toBe(400);
  });
});
