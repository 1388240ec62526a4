/**
 * Webhook delivery under a burst: N dossiers submitted through the deployed API to one agency whose
 * system subscribes to `dossier.received` with a flaky receiver (a share of attempts answer 503, at
 * most twice per message). Reports the delay from the intake's 201 to the receiver's successful
 * delivery (p50/p99), attempts per event, events lost (never delivered) and delivered twice.
 * Needs a deployment whose webhook settings allow loopback receivers (the test deploy does).
 *   AWS_ENDPOINT_URL=… npx tsx bench/webhook-burst.ts [events=1000] [failure-share=0.2] [concurrency=8] [outputs-file]
 */
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { mandatoryAttachments } from '../scripts/lib/load-run.ts';
import { registerAndSignIn } from '../scripts/lib/officer-admin.ts';
import { deployedApi } from '../scripts/lib/outputs.ts';

const [countArg = '1000', shareArg = '0.2', concurrencyArg = '8', outputsArg] = process.argv.slice(2);
const total = Number(countArg);
const failureShare = Number(shareArg);
const concurrency = Number(concurrencyArg);
const { outputs, base } = deployedApi(outputsArg);
const AGENCY = '000.00.22.H56';
const PROCEDURE = '1.001612.000.00.00.H56';

/** An officer of `agencyCode` registered as an operator would, with every role. */
async function signIn(agencyCode: string): Promise<string> {
  return (await registerAndSignIn(outputs, agencyCode, undefined, 'bench')).idToken;
}

/** Whether this attempt fails: decided by the message id and attempt number, so runs are repeatable. */
const fails = (id: string, attempt: number) =>
  attempt <= 2 &&
  createHash('sha256').update(`${id}:${attempt}`).digest().readUInt32BE(0) / 2 ** 32 < failureShare;

const attemptsById = new Map<string, number>();
const deliveredAt = new Map<string, number>();
const doubles = new Set<string>();
const codeById = new Map<string, string>();
let secret = '';
let badSignatures = 0;
const server = createServer((request, response) => {
  const chunks: Buffer[] = [];
  request.on('data', (chunk: Buffer) => chunks.push(chunk));
  request.on('end', () => {
    const body = Buffer.concat(chunks).toString('utf8');
    const id = String(request.headers['webhook-id']);
    try {
      new Webhook(secret).verify(body, request.headers as Record<string, string>);
    } catch {
      badSignatures += 1;
    }
    const attempt = (attemptsById.get(id) ?? 0) + 1;
    attemptsById.set(id, attempt);
    codeById.set(id, (JSON.parse(body) as { data: { dossierCode: string } }).data.dossierCode);
    if (fails(id, attempt)) {
      response.writeHead(503).end('busy');
      return;
    }
    if (deliveredAt.has(id)) doubles.add(id);
    else deliveredAt.set(id, Date.now());
    response.writeHead(204).end();
  });
});
await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
const receiverUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;

const token = await signIn(AGENCY);
const headers = { 'content-type': 'application/json', authorization: `Bearer ${token}` };
const subscribed = await fetch(new URL('officer/webhooks', base), {
  method: 'POST',
  headers,
  body: JSON.stringify({
    url: receiverUrl,
    eventTypes: ['dossier.received'],
    description: 'burst benchmark',
  }),
});
const subscription = (await subscribed.json()) as { id: string; secret: string };
if (subscribed.status !== 201) throw new Error(`subscription refused: ${JSON.stringify(subscription)}`);
secret = subscription.secret;

const acceptedAt = new Map<string, number>();
let refused = 0;
let next = 0;
const started = Date.now();
async function submitter(): Promise<void> {
  for (;;) {
    if (next++ >= total) return;
    const response = await fetch(new URL('dossiers', base), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        procedureCode: PROCEDURE,
        channel: 'online',
        applicant: {
          fullName: 'Trần Văn Bình',
          idNumber: '038099001234',
          address: 'Hoằng Hóa, Thanh Hóa',
          phone: '0912000111',
        },
        attachments: await mandatoryAttachments(base, PROCEDURE),
      }),
    });
    const body = (await response.json()) as { dossierCode?: string };
    if (response.status === 201 && body.dossierCode) acceptedAt.set(body.dossierCode, Date.now());
    else refused += 1;
  }
}
await Promise.all(Array.from({ length: concurrency }, submitter));
const submitSeconds = (Date.now() - started) / 1000;

const deadline = Date.now() + 180_000;
const deliveredCodes = () => new Set([...deliveredAt.keys()].map((id) => codeById.get(id)));
while (Date.now() < deadline && [...acceptedAt.keys()].some((code) => !deliveredCodes().has(code))) {
  await new Promise((done) => setTimeout(done, 500));
}
await fetch(new URL(`officer/webhooks/${subscription.id}/state`, base), {
  method: 'POST',
  headers,
  body: JSON.stringify({ state: 'paused' }),
});
server.close();

const delivered = deliveredCodes();
const latencies: number[] = [];
for (const [id, at] of deliveredAt) {
  const code = codeById.get(id) ?? '';
  const accepted = acceptedAt.get(code);
  if (accepted) latencies.push(at - accepted);
}
latencies.sort((a, b) => a - b);
const pct = (p: number) =>
  latencies[Math.min(latencies.length - 1, Math.ceil((p / 100) * latencies.length) - 1)];
const attempts = [...attemptsById.values()];
const lost = [...acceptedAt.keys()].filter((code) => !delivered.has(code)).length;
const result = {
  date: new Date().toISOString(),
  events: acceptedAt.size,
  refusedAtIntake: refused,
  failureShare,
  submitSeconds,
  deliveryLatencyMs: { p50: pct(50), p90: pct(90), p99: pct(99), max: latencies.at(-1) },
  attempts: {
    total: attempts.reduce((sum, n) => sum + n, 0),
    firstTry: attempts.filter((n) => n === 1).length,
    secondTry: attempts.filter((n) => n === 2).length,
    thirdTry: attempts.filter((n) => n === 3).length,
  },
  badSignatures,
  lost,
  deliveredTwice: doubles.size,
};
console.table({
  'events (dossiers received)': result.events,
  'refused at intake': refused,
  'submit time (s)': submitSeconds.toFixed(1),
  'delivery p50 (ms)': result.deliveryLatencyMs.p50,
  'delivery p99 (ms)': result.deliveryLatencyMs.p99,
  'attempts in all': result.attempts.total,
  'delivered on 1st / 2nd / 3rd attempt': `${result.attempts.firstTry} / ${result.attempts.secondTry} / ${result.attempts.thirdTry}`,
  'bad signatures': badSignatures,
  lost,
  'delivered twice': doubles.size,
});
mkdirSync('bench/results', { recursive: true });
writeFileSync(
  `bench/results/webhook-burst-${result.date.replace(/[:.]/g, '-')}.json`,
  `${JSON.stringify(result, null, 2)}\n`,
);
// A run whose submissions were refused measured nothing: it fails rather than report an empty success.
process.exit(lost === 0 && badSignatures === 0 && refused === 0 && result.events === total ? 0 : 1);
