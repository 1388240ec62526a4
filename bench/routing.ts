/**
 * Routing latency: documents sent through the deployed API, from the moment the sender's request
 * stamped `sentAt` to the moment the recipient's "arrived" status (01) was recorded back at the
 * sender, through both tier queues. Counts documents lost (no status back in time) and duplicated
 * (more than one arrival or more than one status for one copy).
 * `rate` paces the sends (documents per second, 0 = as fast as the API answers): above what the
 * consumers sustain, the queues grow and latency measures the backlog, not the route.
 *   AWS_ENDPOINT_URL=… npx tsx bench/routing.ts [documents=1000] [concurrency=8] [rate=0] [outputs-file]
 */

import { randomInt, randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { registerAndSignIn } from '../scripts/lib/officer-admin.ts';
import { deployedApi, output } from '../scripts/lib/outputs.ts';
import type { RecipientRecord } from '../shared/domain/documents/documents.ts';

const [countArg = '1000', concurrencyArg = '8', rateArg = '0', outputsArg] = process.argv.slice(2);
const rate = Number(rateArg);
const total = Number(countArg);
const concurrency = Number(concurrencyArg);
const { outputs, base } = deployedApi(outputsArg);
const dynamo = DynamoDBDocumentClient.from(new DynamoDBClient({}));
const table = output(outputs, 'Data', 'DocumentsTableName');

/** Up, down and sideways across the four tiers of the seeds. */
const ROUTES: [from: string, to: string][] = [
  ['000.17.22.H56', '000.00.00.H56'],
  ['000.00.00.H56', '000.18.22.H56'],
  ['000.00.22.H56', '000.00.23.H56'],
  ['000.00.11.H56', '000.00.00.G14'],
  ['000.21.23.H56', '000.00.22.H56'],
];

/** An officer of `agencyCode` registered as an operator would, with every role. */
async function signIn(agencyCode: string): Promise<string> {
  return (await registerAndSignIn(outputs, agencyCode, undefined, 'bench')).idToken;
}

const percentile = (sorted: number[], p: number) =>
  sorted.length === 0
    ? Number.NaN
    : (sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN);

const tokens = new Map<string, string>();
for (const [from] of ROUTES) if (!tokens.has(from)) tokens.set(from, await signIn(from));

const run = randomUUID().slice(0, 8);
const sent: { id: string; to: string }[] = [];
let refused = 0;
let next = 0;
const sendStarted = Date.now();
async function sender(): Promise<void> {
  for (;;) {
    const index = next++;
    if (index >= total) return;
    if (rate > 0) {
      const due = sendStarted + (index * 1000) / rate;
      if (due > Date.now()) await new Promise((done) => setTimeout(done, due - Date.now()));
    }
    const [from, to] = ROUTES[index % ROUTES.length] as [string, string];
    const response = await fetch(new URL('officer/documents', base), {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens.get(from)}` },
      body: JSON.stringify({
        kind: 'dispatch',
        to: [to],
        code: { codeNumber: String(randomInt(1, 2_000_000_000)), codeNotation: `BENCH-${run}` },
        promulgationInfo: { place: 'Thanh Hóa', promulgationDate: '2026-11-24' },
        documentType: { type: 2, typeName: 'Công văn' },
        subject: `Đo độ trễ chuyển văn bản ${run} #${index}`,
        signerInfo: { position: 'Chánh Văn phòng', fullName: 'Nguyễn Văn A' },
      }),
    });
    const body = (await response.json()) as { id?: string };
    if (response.status === 201 && body.id) sent.push({ id: body.id, to });
    else refused += 1;
  }
}
await Promise.all(Array.from({ length: concurrency }, sender));
const sendSeconds = (Date.now() - sendStarted) / 1000;

async function copyOf(id: string): Promise<RecipientRecord | undefined> {
  const page = await dynamo.send(
    new QueryCommand({
      TableName: table,
      KeyConditionExpression: 'pk = :id AND begins_with(sk, :to)',
      ExpressionAttributeValues: { ':id': id, ':to': 'to#' },
      ConsistentRead: true,
    }),
  );
  return page.Items?.[0] as RecipientRecord | undefined;
}

const deadline = Date.now() + 120_000;
const copies = new Map<string, RecipientRecord>();
while (Date.now() < deadline) {
  const pending = sent.filter(
    ({ id }) => !Object.values(copies.get(id)?.acks ?? {}).some((ack) => ack.code === '01'),
  );
  if (pending.length === 0) break;
  for (let start = 0; start < pending.length; start += 50) {
    const slice = pending.slice(start, start + 50);
    const found = await Promise.all(slice.map(({ id }) => copyOf(id)));
    for (const [offset, copy] of found.entries()) if (copy) copies.set(slice[offset]?.id ?? '', copy);
  }
  await new Promise((done) => setTimeout(done, 500));
}

const latencies: number[] = [];
let lost = 0;
let duplicated = 0;
for (const { id } of sent) {
  const copy = copies.get(id);
  const arrived = Object.values(copy?.acks ?? {}).filter((ack) => ack.code === '01');
  if (!copy || arrived.length === 0) {
    lost += 1;
    continue;
  }
  if (arrived.length > 1 || copy.steps.filter((step) => step.code === '01').length > 1) duplicated += 1;
  latencies.push(Date.parse(arrived[0]?.receivedAt ?? '') - Date.parse(copy.sentAt));
}
latencies.sort((a, b) => a - b);
const result = {
  date: new Date().toISOString(),
  documents: total,
  concurrency,
  pacedRatePerSecond: rate || null,
  accepted: sent.length,
  refused,
  sendSeconds,
  sendRatePerSecond: sent.length / sendSeconds,
  latencyMs: {
    p50: percentile(latencies, 50),
    p90: percentile(latencies, 90),
    p99: percentile(latencies, 99),
    max: latencies.at(-1),
  },
  lost,
  duplicated,
  target: { p99Ms: 2000, lost: 0 },
  met: percentile(latencies, 99) <= 2000 && lost === 0 && duplicated === 0,
};
console.table({
  'documents accepted': result.accepted,
  refused,
  'send rate (/s)': result.sendRatePerSecond.toFixed(1),
  'send → arrived ack p50 (ms)': result.latencyMs.p50,
  'p90 (ms)': result.latencyMs.p90,
  'p99 (ms)': result.latencyMs.p99,
  'max (ms)': result.latencyMs.max,
  lost,
  duplicated,
  'target p99 ≤ 2000 ms, 0 lost': result.met ? 'met' : 'MISSED',
});
mkdirSync('bench/results', { recursive: true });
writeFileSync(
  `bench/results/routing-${result.date.replace(/[:.]/g, '-')}.json`,
  `${JSON.stringify(result, null, 2)}\n`,
);
process.exit(result.met ? 0 : 1);
