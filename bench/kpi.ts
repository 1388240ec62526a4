/**
 * KPI cost as history grows. For each size, a month of that many dossiers is written into the
 * deployed Dossiers table (months before the present, one per size, so history accumulates), then:
 *  - events: time from the first write until the stream consumer has counted every dossier;
 *  - close: the aggregator's recount and publication of that month (what closing it costs);
 *  - scheduled run: ordinary aggregator runs (refreshing the open periods) with all that history, the
 *    median of five, as the function times itself and as the caller waits for it;
 *  - GET /kpi: latency of the province's month (all units, tiers, province) over sequential requests.
 * "KPI aggregation with 10× more history ≤ 1.2× the time" is the scheduled run's ratio. The webhook
 * dispatcher, which reads the same stream, is paused meanwhile (see below).
 *   AWS_ENDPOINT_URL=… npx tsx bench/kpi.ts [sizes=10000,100000] [requests=300] [outputs-file]
 */

import { mkdirSync, writeFileSync } from 'node:fs';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { enabledMappings, withMappingsPaused } from '../scripts/lib/event-sources.ts';
import { deployedApi, output } from '../scripts/lib/outputs.ts';
import { syntheticMonth, writeDossiers } from '../scripts/lib/synthetic-month.ts';
import type { AgencyRecord, Procedure } from '../shared/contracts/catalog.ts';
import { DEFAULT_KPI_COUNTER_SHARDS } from '../shared/domain/kpi/counter-shards.ts';

const [sizesArg = '10000,100000', requestsArg = '300', outputsArg] = process.argv.slice(2);
const sizes = sizesArg.split(',').map(Number);
const requests = Number(requestsArg);
const { outputs, base } = deployedApi(outputsArg);
const dynamo = DynamoDBDocumentClient.from(new DynamoDBClient({}));
const lambda = new LambdaClient({});
const tables = {
  dossiers: output(outputs, 'Data', 'DossiersTableName'),
  counters: output(outputs, 'Data', 'KpiCountersTableName'),
  reference: output(outputs, 'Data', 'ReferenceTableName'),
};
const aggregator = output(outputs, 'Kpi', 'AggregatorFunctionName');
/** Benchmark deployments keep the default `kpiCounterShards`. */
const SHARDS = DEFAULT_KPI_COUNTER_SHARDS;
/** Counting that makes no progress for this long has stopped; the run fails and says where. */
const STALL_SECONDS = 180;

async function query<T>(table: string, key: string, value: string): Promise<T[]> {
  const items: T[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await dynamo.send(
      new QueryCommand({
        TableName: table,
        KeyConditionExpression: '#k = :v',
        ExpressionAttributeNames: { '#k': key },
        ExpressionAttributeValues: { ':v': value },
        ExclusiveStartKey: startKey,
      }),
    );
    items.push(...((page.Items ?? []) as T[]));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return items;
}

async function counted(month: string): Promise<number> {
  let total = 0;
  for (let shard = 0; shard < SHARDS; shard += 1)
    for (const item of await query<{ received?: number }>(tables.counters, 'bucket', `${month}#${shard}`))
      total += Number(item.received ?? 0);
  return total;
}

/** Where a count fell short: each unit's generated dossiers beside what its month's cells hold. */
async function shortfall(month: string, records: readonly { agency: { code: string } }[]): Promise<string> {
  const expected = new Map<string, number>();
  for (const record of records) expected.set(record.agency.code, (expected.get(record.agency.code) ?? 0) + 1);
  const actual = new Map<string, number>();
  for (let shard = 0; shard < SHARDS; shard += 1)
    for (const item of await query<{ cell: string; received?: number }>(
      tables.counters,
      'bucket',
      `${month}#${shard}`,
    ))
      actual.set(item.cell, (actual.get(item.cell) ?? 0) + Number(item.received ?? 0));
  return [...expected]
    .filter(([code, count]) => actual.get(code) !== count)
    .map(([code, count]) => `${code} ${count} → ${actual.get(code) ?? 0}`)
    .join(', ');
}

async function invoke(payload?: unknown): Promise<{ ms: number; body: Record<string, unknown> }> {
  const started = performance.now();
  const result = await lambda.send(
    new InvokeCommand({ FunctionName: aggregator, ...(payload ? { Payload: JSON.stringify(payload) } : {}) }),
  );
  const body = JSON.parse(new TextDecoder().decode(result.Payload)) as Record<string, unknown>;
  if (result.FunctionError) throw new Error(`aggregator failed: ${JSON.stringify(body)}`);
  return { ms: performance.now() - started, body };
}

const SCHEDULED_RUNS = 5;

/** Ordinary aggregator runs one after another: medians of the function's own time and the caller's wait. */
async function scheduledRuns(): Promise<{ wallMs: number; functionMs: number }> {
  const wall: number[] = [];
  const own: number[] = [];
  for (let run = 0; run < SCHEDULED_RUNS; run += 1) {
    const { ms, body } = await invoke();
    wall.push(ms);
    own.push(Number(body.milliseconds));
  }
  const median = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;
  return { wallMs: median(wall), functionMs: median(own) };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

/**
 * GET /kpi for the province's month, interleaved with GET /procedures — the same path through the
 * API and a function to one DynamoDB query, with no KPI code — so the ratio shows what is ours.
 */
async function readLatency(month: string) {
  const kpiUrl = new URL(`kpi?period=${month}`, base);
  const floorUrl = new URL('procedures', base);
  const times = { kpi: [] as number[], floor: [] as number[] };
  let rows = 0;
  for (let i = 0; i < requests; i += 1) {
    for (const [name, url] of [
      ['kpi', kpiUrl],
      ['floor', floorUrl],
    ] as const) {
      const started = performance.now();
      const response = await fetch(url);
      const body = (await response.json()) as { rows?: unknown[] };
      times[name].push(performance.now() - started);
      if (response.status !== 200) throw new Error(`${url} answered ${response.status}`);
      if (name === 'kpi') rows = body.rows?.length ?? 0;
    }
  }
  for (const list of Object.values(times)) list.sort((a, b) => a - b);
  return {
    p50: percentile(times.kpi, 50),
    p99: percentile(times.kpi, 99),
    floorP50: percentile(times.floor, 50),
    floorP99: percentile(times.floor, 99),
    rows,
  };
}

const pointer = (await query<{ code: string; version: number }>(tables.reference, 'kind', 'catalog')).find(
  (item) => item.code === 'active',
);
const agencies = await query<AgencyRecord>(tables.reference, 'kind', 'agency');
const procedures = await query<Procedure>(tables.reference, 'kind', `procedure#v${pointer?.version}`);

interface Result {
  size: number;
  month: string;
  historyDossiers: number;
  writeSeconds: number;
  eventsSeconds: number;
  closeSeconds: number;
  scheduledRunSeconds: number;
  scheduledRunFunctionMs: number;
  read: Awaited<ReturnType<typeof readLatency>>;
}
// A deployment's first run closes the days and month that ended before it; that is not the cost
// of an ordinary run, so it happens here, unmeasured.
await invoke();
// The webhook dispatcher reads the same stream and, in the emulator's one process, would work
// through every generated dossier on the same cores as what is measured; on AWS it runs apart.
// It is paused for the run and catches up afterwards.
const dispatcher = await enabledMappings(lambda, (functionArn) =>
  functionArn.includes('-Webhooks-Dispatcher'),
);
process.stdout.write(`webhook dispatcher: ${dispatcher.length} stream mappings paused for the run`);
const results = await withMappingsPaused(lambda, dispatcher, measureSizes);

async function measureSizes(): Promise<Result[]> {
  const measured: Result[] = [];
  let history = 0;
  for (const [index, size] of sizes.entries()) {
    const month = `2025-${String(index + 1).padStart(2, '0')}`;
    const records = syntheticMonth({
      month,
      count: size,
      seed: 7660 + index,
      agencies,
      procedures,
      sequenceOffset: 0,
    });
    process.stdout.write(`\n${month}: writing ${size} dossiers…`);
    const writeStarted = performance.now();
    await writeDossiers(tables.dossiers, records, (written) => {
      if (written % 10_000 < 1600) process.stdout.write(` ${written}`);
    });
    const writeSeconds = (performance.now() - writeStarted) / 1000;
    process.stdout.write(`\n${month}: waiting for the counters…`);
    for (let last = -1, lastChange = performance.now(); ; ) {
      const now = await counted(month);
      if (now >= size) break;
      if (now !== last) {
        if (Math.floor(now / 5000) > Math.floor(last / 5000)) process.stdout.write(` ${now}`);
        last = now;
        lastChange = performance.now();
      } else if (performance.now() - lastChange > STALL_SECONDS * 1000) {
        throw new Error(
          `${month}: the counters stopped at ${now} of ${size} dossiers for ${STALL_SECONDS} s; by unit (expected → counted): ${await shortfall(month, records)}`,
        );
      }
      await new Promise((r) => setTimeout(r, 1000));
    }
    const eventsSeconds = (performance.now() - writeStarted) / 1000;
    history += size;
    process.stdout.write(
      ` ${size}: counted in ${eventsSeconds.toFixed(1)} s\n${month}: closing (recount and publication)…`,
    );
    const close = await invoke({ recount: month, requestedBy: 'bench' });
    if ((close.body.differences as unknown[]).length > 0)
      console.warn('\ndrift found:', close.body.differences);
    process.stdout.write(
      ` ${(close.ms / 1000).toFixed(1)} s\n${month}: ${requests} reads of each kind, then ${SCHEDULED_RUNS} scheduled runs…`,
    );
    // The reads come first: they give the emulator a minute to settle after the close's burst.
    const read = await readLatency(month);
    const scheduled = await scheduledRuns();
    measured.push({
      size,
      month,
      historyDossiers: history,
      writeSeconds,
      eventsSeconds,
      closeSeconds: close.ms / 1000,
      scheduledRunSeconds: scheduled.wallMs / 1000,
      scheduledRunFunctionMs: scheduled.functionMs,
      read,
    });
  }
  return measured;
}

console.log(
  '\n\n| month of | history | write s | counted by events s | close (recount) s | scheduled run s (function ms) | GET /kpi p50 ms | p99 ms | floor p50 ms | floor p99 ms | rows |',
);
console.log('|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
for (const r of results)
  console.log(
    `| ${r.size} | ${r.historyDossiers} | ${r.writeSeconds.toFixed(1)} | ${r.eventsSeconds.toFixed(1)} | ${r.closeSeconds.toFixed(1)} | ${r.scheduledRunSeconds.toFixed(2)} (${r.scheduledRunFunctionMs}) | ${r.read.p50.toFixed(1)} | ${r.read.p99.toFixed(1)} | ${r.read.floorP50.toFixed(1)} | ${r.read.floorP99.toFixed(1)} | ${r.read.rows} |`,
  );
const first = results[0];
const last = results.at(-1);
if (first && last && first !== last) {
  const ratio = (a: number, b: number) => (b === 0 ? Number.NaN : a / b).toFixed(2);
  console.log(
    `\n${last.historyDossiers / first.historyDossiers}× history: scheduled run ${ratio(last.scheduledRunSeconds, first.scheduledRunSeconds)}× (function's own time ${ratio(last.scheduledRunFunctionMs, first.scheduledRunFunctionMs)}×; target ≤ 1.2×), ` +
      `GET /kpi p99 ${ratio(last.read.p99, first.read.p99)}×; a ${last.size / first.size}× larger month: counted by events ${ratio(last.eventsSeconds, first.eventsSeconds)}×, closed ${ratio(last.closeSeconds, first.closeSeconds)}×`,
  );
}
mkdirSync('bench/results', { recursive: true });
const file = `bench/results/kpi-${new Date().toISOString().replace(/[:.]/g, '-')}.json`;
writeFileSync(
  file,
  `${JSON.stringify({ date: new Date().toISOString(), requests, dispatcherMappingsPaused: dispatcher.length, results }, null, 2)}\n`,
);
console.log(`\nwritten to ${file}`);
