/**
 * The requests one dossier's life really makes, counted on a deployment made with
 * `-c countAwsCalls=true` (every function then logs one line per AWS SDK request), priced one
 * request unit per DynamoDB call: a cross-check of the request counts of the model in
 * `bench/cost.ts`, which prices capacity units instead.
 * Each dossier: the form's catalog, two uploads, submission, routing and receipt mail, citizen
 * lookup, the procedure's process step by step (accept, hand-ons, a leader's signature with the
 * result file), return, result mail, a form download. The requests are
 * read back from the functions' logs in the emulator (plus Lambda invocations and billed duration
 * from the REPORT lines), divided by the dossiers, priced with `bench/prices.json`, and set beside
 * the model's counts for its life (`dossierLife`, "now"). With a concurrency, that many lives run at
 * once (a load run: the rate of whole lives is printed; raise it until the rate stops growing).
 *   AWS_ENDPOINT_URL=… npx tsx bench/cost.ts <dossiers> [concurrency]
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import {
  CloudWatchLogsClient,
  DescribeLogGroupsCommand,
  FilterLogEventsCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import {
  api,
  apiBase,
  dossierRequest,
  postJson,
  readDossier,
  recordedMail,
  uploadAttachment,
} from '../../tests/support/deployment.ts';
import { returnResult, settleDossier, signInOfficer } from '../../tests/support/officers.ts';
import { samplePdf } from '../../tests/support/sample-files.ts';
import { buildDossierLife } from './dossier-items.ts';
import { dossierLife } from './dossier-life.ts';
import { loadPrices, priceOf, tallySteps } from './pricing.ts';

const dossiers = Number(process.argv[2] ?? 30);
const concurrency = Math.max(1, Math.min(dossiers, Number(process.argv[3] ?? 1)));
const prices = loadPrices();
const logs = new CloudWatchLogsClient({});
// Every request the life makes through the API, counted where it leaves: the helpers below make
// several each (the officer's view before each hand-on, the presign of each upload).
let apiRequests = 0;
const plainFetch = globalThis.fetch;
globalThis.fetch = (input, init) => {
  const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
  if (url.startsWith(String(apiBase))) apiRequests += 1;
  return plainFetch(input, init);
};
const wait = (ms: number) => new Promise((done) => setTimeout(done, ms));

const started = Date.now();
const commune = await signInOfficer('000.17.22.H56');
const mailBefore = (await recordedMail()).length;
const requestsBefore = apiRequests;

/** One dossier's whole life, from the form's catalog to the receipt downloaded after the return. */
async function life(): Promise<void> {
  await api('/procedures');
  // The form's two files: the declaration and the birth certificate, both mandatory.
  const attachments = [];
  for (const [documentCode, fileName] of [
    ['TO_KHAI', 'to-khai.pdf'],
    ['GIAY_CHUNG_SINH', 'giay-chung-sinh.pdf'],
  ] as const) {
    const upload = await uploadAttachment(fileName, 'application/pdf', await samplePdf(fileName));
    attachments.push({ key: upload.key, fileName, documentCode });
  }
  const submitted = await postJson<{ dossierCode: string; lookupSecret: string }>(
    '/dossiers',
    dossierRequest({ attachments }),
  );
  if (submitted.status !== 201) throw new Error(`intake refused: ${JSON.stringify(submitted.body)}`);
  const code = submitted.body.dossierCode;
  const secret = { 'x-lookup-secret': submitted.body.lookupSecret };
  for (let tries = 0; !(await readDossier(code))?.routing.acknowledgedAt; tries += 1) {
    if (tries > 300) throw new Error(`${code} was not routed`);
    await wait(100);
  }
  await api(`/dossiers/${encodeURIComponent(code)}`, { headers: secret });
  // The birth registration's process: the desk receives and hands on, the specialist drafts, the
  // head of division reviews, a leader signs with the result file, the desk returns it.
  await settleDossier(commune, code);
  const returned = await returnResult(commune, code);
  if (returned.status !== 200) throw new Error(`return refused: ${JSON.stringify(returned.body)}`);
  await api(`/dossiers/${encodeURIComponent(code)}/forms/01`, { headers: secret });
}

let begun = 0;
let done = 0;
const lifeMs: number[] = [];
const lifeStarted = Date.now();
await Promise.all(
  Array.from({ length: concurrency }, async () => {
    while (begun < dossiers) {
      begun += 1;
      const at = Date.now();
      await life();
      lifeMs.push(Date.now() - at);
      done += 1;
      if (done % 10 === 0 || done === dossiers)
        process.stdout.write(
          `  ${done}/${dossiers} lives done (${((Date.now() - lifeStarted) / 1000).toFixed(0)} s)\n`,
        );
    }
  }),
);
const lifeSeconds = (Date.now() - lifeStarted) / 1000;
const lifeRequests = apiRequests - requestsBefore;
// Three citizen mails a dossier: submission, receipt at reception, result ready.
const expectedMail = mailBefore + 3 * dossiers;
for (let tries = 0; (await recordedMail()).length < expectedMail && tries < 240; tries += 1) await wait(500);
await wait(5_000);

const calls = new Map<string, number>();
let invocations = 0;
let gbSeconds = 0;
let logBytes = 0;
let token: string | undefined;
const groups: string[] = [];
do {
  const page = await logs.send(new DescribeLogGroupsCommand({ nextToken: token }));
  groups.push(
    ...(page.logGroups ?? []).map((g) => g.logGroupName ?? '').filter((name) => name.includes('MotCua-')),
  );
  token = page.nextToken;
} while (token);
for (const group of groups) {
  let next: string | undefined;
  do {
    const page = await logs.send(
      new FilterLogEventsCommand({ logGroupName: group, startTime: started, nextToken: next }),
    );
    for (const event of page.events ?? []) {
      const message = event.message ?? '';
      logBytes += Buffer.byteLength(message);
      const call = /"awsCall":"([^"]+)"/.exec(message)?.[1];
      if (call) calls.set(call, (calls.get(call) ?? 0) + 1);
      const report = /^REPORT .*Billed Duration: (\d+) ms\s+Memory Size: (\d+) MB/.exec(message);
      if (report) {
        invocations += 1;
        gbSeconds += (Number(report[1]) / 1000) * (Number(report[2]) / 1024);
      }
    }
    next = page.nextToken;
  } while (next);
}

const per = (count: number) => count / dossiers;
const p = (name: string) => priceOf(prices, name);
const byService: Record<string, { requestsPerDossier: number; usdPerMillion: number }> = {};
const add = (service: string, requests: number, unitPrice: number) => {
  const entry = byService[service] ?? { requestsPerDossier: 0, usdPerMillion: 0 };
  entry.requestsPerDossier += per(requests);
  entry.usdPerMillion += per(requests) * unitPrice * 1_000_000;
  byService[service] = entry;
};
const sqsFifo = new Set(['SQS.SendMessage', 'SQS.SendMessageBatch']);
let mails = 0;
for (const [call, count] of calls) {
  const [service, operation = ''] = call.split('.');
  if (service === 'DynamoDB') {
    // One unit per request (a transaction two per item, taken as three items): a count of requests,
    // not of what their item sizes and indexes cost; the model (`bench/cost.ts` alone) prices those.
    const transactional = operation.startsWith('Transact') ? 2 * 3 : 1;
    if (/^(Get|Query|Scan|BatchGet|TransactGet)/.test(operation))
      add('DynamoDB', count * transactional, p('DynamoDB.ReadRequestUnit'));
    else add('DynamoDB', count * transactional, p('DynamoDB.WriteRequestUnit'));
  } else if (service === 'SQS') {
    // Each message sent is also received and deleted by its event source mapping: three requests.
    add('SQS', count * (sqsFifo.has(call) ? 3 : 1), p('SQS.FifoRequest'));
  } else if (service === 'KMS')
    add('KMS', count, operation === 'Sign' ? p('KMS.AsymmetricSign') : p('KMS.SymmetricRequest'));
  else if (service === 'S3')
    add('S3', count, operation === 'PutObject' ? p('S3.PutRequest') : p('S3.GetRequest'));
  else if (service === 'SESv2') mails += count;
  else if (service === 'SSM') add('SSM', count, p('SSM.StandardParameterRequest'));
  else if (service === 'SecretsManager') add('Secrets Manager', count, p('SecretsManager.ApiCall'));
  else add(service ?? 'other', count, 0);
}
// The uploads' own POSTs to S3 and the API requests the citizen and officers made.
add('S3', 2 * dossiers, p('S3.PutRequest'));
add('API Gateway', lifeRequests, p('ApiGateway.RestRequest'));
add('WAF', lifeRequests, p('WAF.Request'));
add('Lambda requests', invocations, p('Lambda.Request'));
const lambdaDuration = {
  requestsPerDossier: 0,
  usdPerMillion: per(gbSeconds) * p('Lambda.GbSecondArm') * 1_000_000,
};
byService['Lambda duration (emulator timings)'] = lambdaDuration;
byService['CloudWatch Logs'] = {
  requestsPerDossier: 0,
  usdPerMillion: (per(logBytes) / 1024 ** 3) * p('CloudWatchLogs.IngestedGb') * 1_000_000,
};
const total = Object.values(byService).reduce((sum, entry) => sum + entry.usdPerMillion, 0);
const mailCost = per(mails) * p('SES.Email') * 1_000_000;

// The model's life ("now"), counted the same way: requests per dossier, whatever their size.
const model = tallySteps(dossierLife(await buildDossierLife(), 'now'));
const counted = (call: string) => per(calls.get(call) ?? 0);
const sideBySide: Record<string, { counted: number; model: number }> = {};
const compare = (name: string, measured: number, modelled: number) => {
  sideBySide[name] = { counted: Number(measured.toFixed(2)), model: Number(modelled.toFixed(2)) };
};
const operations = new Set([
  ...Object.keys(model.dynamoRequests),
  ...[...calls.keys()].filter((call) => call.startsWith('DynamoDB.')).map((call) => call.slice(9)),
]);
for (const operation of [...operations].sort())
  compare(`DynamoDB ${operation}`, counted(`DynamoDB.${operation}`), model.dynamoRequests[operation] ?? 0);
compare('KMS Sign', counted('KMS.Sign'), model.kmsSign);
compare('API requests', per(lifeRequests), model.apiRequests);
compare('Lambda invocations', per(invocations), model.invocations);
compare('Mails', per(mails), model.mails);
const sorted = [...lifeMs].sort((a, b) => a - b);
const percentile = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;

const result = {
  date: new Date().toISOString(),
  prices: { asOf: prices.asOf, region: prices.region },
  dossiers,
  concurrency,
  load: {
    seconds: lifeSeconds,
    livesPerSecond: dossiers / lifeSeconds,
    lifeMs: { p50: percentile(0.5), p90: percentile(0.9), max: sorted.at(-1) ?? 0 },
  },
  awsCallsPerDossier: Object.fromEntries([...calls].sort().map(([call, count]) => [call, per(count)])),
  lambdaInvocationsPerDossier: per(invocations),
  byService,
  usdPerMillionDossiersWithoutMail: total,
  mail: { mailsPerDossier: per(mails), usdPerMillionDossiers: mailCost },
  againstTheModel: sideBySide,
};
console.table(
  Object.fromEntries(
    Object.entries(byService).map(([service, entry]) => [
      service,
      {
        'requests / dossier': Number(entry.requestsPerDossier.toFixed(2)),
        'USD / million dossiers': Number(entry.usdPerMillion.toFixed(2)),
      },
    ]),
  ),
);
console.log('Requests per dossier: counted in this run, and in the model of the life (bench/cost.ts)');
console.table(sideBySide);
console.log(
  `${dossiers} lives, ${concurrency} at once: ${lifeSeconds.toFixed(1)} s, ${result.load.livesPerSecond.toFixed(2)} lives/s; a life p50 ${(result.load.lifeMs.p50 / 1000).toFixed(1)} s, p90 ${(result.load.lifeMs.p90 / 1000).toFixed(1)} s.`,
);
console.log(
  `Total without mail: $${total.toFixed(2)} per million dossiers at one request unit per DynamoDB call; mail: ${per(mails).toFixed(2)} mails/dossier = $${mailCost.toFixed(2)} per million dossiers. Prices ${prices.region}, ${prices.asOf}.`,
);
mkdirSync('bench/results', { recursive: true });
writeFileSync(
  `bench/results/cost-${result.date.replace(/[:.]/g, '-')}.json`,
  `${JSON.stringify(result, null, 2)}\n`,
);
