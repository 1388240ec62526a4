/**
 * Intake throughput and latency through the deployed API, beside the floor endpoint that makes the
 * same AWS requests with items of the same size and no domain code (`functions/bench/floor.ts`),
 * interleaved in one run, `runs` times, medians reported. Both get the same request a citizen's
 * form sends: the birth registration with its two mandatory files (each request its own two
 * uploads, put in the uploads folder beforehand) and an `Idempotency-Key`. Also the peak resident
 * memory of the intake function's worker processes (the emulator runs each Lambda instance as a
 * local node process). Needs a deployment made with `-c benchFloor=true`.
 *
 * Every dossier sets off the rest of the pipeline (tier consumer, mail sender, KPI counter, webhook
 * dispatcher), which in the emulator runs on the same cores as the intake; the floor's writes set
 * off nothing (its table has the stream, nothing reads it). So the run is made twice: with that
 * pipeline running, and with its event source mappings paused (the cost of the intake code alone);
 * afterwards they are enabled again and drain. A step with any refused request measures nothing and
 * says so.
 *   AWS_ENDPOINT_URL=… npx tsx bench/intake.ts [seconds-per-step=5] [concurrency list=4] [runs=3]
 */
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import autocannon from 'autocannon';
import { FLOOR_TEMPLATES_KEY, type FloorTemplates } from '../functions/bench/floor-templates.ts';
import { enabledMappings, withMappingsPaused } from '../scripts/lib/event-sources.ts';
import { deployedApi, output } from '../scripts/lib/outputs.ts';
import { pointerCopyKey } from '../shared/adapters/sharded-pointer.ts';
import { formatLocalDate, toLocalDate } from '../shared/domain/calendar/calendar.ts';
import { attachmentKey } from '../shared/domain/intake/attachment.ts';
import { dossierRequest } from '../tests/support/deployment.ts';
import { samplePdf } from '../tests/support/sample-files.ts';
import { median } from './lib/bundle-report.ts';
import { buildDossierLife } from './lib/dossier-items.ts';

const [secondsArg = '5', levelsArg = '4', runsArg = '3', outputsArg] = process.argv.slice(2);
const seconds = Number(secondsArg);
const levels = levelsArg.split(',').map(Number);
const runs = Number(runsArg);
const { outputs, base } = deployedApi(outputsArg);
const bucket = output(outputs, 'Data', 'AttachmentsBucketName');
const s3 = new S3Client({ forcePathStyle: true });
const FILES = [
  ['TO_KHAI', 'to-khai.pdf'],
  ['GIAY_CHUNG_SINH', 'giay-chung-sinh.pdf'],
] as const;
const pdf = await samplePdf('Giay chung sinh');

// The floor writes the items the domain code builds for this request's dossier.
const life = await buildDossierLife();
const [firstAudit] = life.audit;
const [firstUploadClaim] = life.uploadClaims;
if (!firstAudit || !firstUploadClaim) throw new Error('The modelled life has no audit entry or upload claim');
const templates: FloorTemplates = {
  dossier: life.stages.created,
  auditEntry: firstAudit.entry as unknown as Record<string, unknown>,
  auditMark: firstAudit.mark,
  intakeClaim: life.intakeClaim,
  uploadClaim: firstUploadClaim,
  idempotencyInProgress: life.idempotency.inProgress,
  idempotencyCompleted: life.idempotency.completed,
  pointerKey: pointerCopyKey({ kind: 'catalog', code: 'active' }, 0),
};
await s3.send(
  new PutObjectCommand({
    Bucket: bucket,
    Key: FLOOR_TEMPLATES_KEY,
    Body: JSON.stringify(templates),
    ContentType: 'application/json',
  }),
);

/** `count` requests' worth of uploads, two each, in today's uploads folder as the browser leaves them. */
async function uploadPool(count: number): Promise<string[][]> {
  const day = formatLocalDate(toLocalDate(new Date()));
  const pool = Array.from({ length: count }, () =>
    FILES.map(() => attachmentKey(randomUUID(), day, 'application/pdf')),
  );
  const keys = pool.flat();
  for (let next = 0; next < keys.length; next += 32)
    await Promise.all(
      keys
        .slice(next, next + 32)
        .map((Key) =>
          s3.send(new PutObjectCommand({ Bucket: bucket, Key, Body: pdf, ContentType: 'application/pdf' })),
        ),
    );
  return pool;
}

/** The form's request for one pair of uploads. */
const requestBody = (keys: readonly string[]) =>
  JSON.stringify(
    dossierRequest({
      attachments: FILES.map(([documentCode, fileName], index) => ({
        key: keys[index],
        fileName,
        documentCode,
      })),
    }),
  );
/** More requests than a step can make: the emulator's intake has stayed under 100 a second. */
const POOL_PER_SECOND = 150;

/** Largest resident set of the emulator's worker processes for one function, in MB. */
function peakRssMb(functionPart: string): number {
  const lines = execFileSync('ps', ['-eo', 'rss,args'], { encoding: 'utf8' }).split('\n');
  const sizes = lines
    .filter((line) => line.includes(functionPart) && line.includes('_worker.js'))
    .map((line) => Number(line.trim().split(/\s+/)[0]) / 1024);
  return sizes.length ? Math.max(...sizes) : Number.NaN;
}

async function load(path: string, connections: number) {
  const pool = await uploadPool(POOL_PER_SECOND * seconds);
  let taken = 0;
  let peak = 0;
  const sampler = setInterval(() => {
    const rss = peakRssMb('SubmitDossier');
    if (rss > peak) peak = rss;
  }, 500);
  const result = await autocannon({
    url: new URL(path, base).toString(),
    method: 'POST',
    connections,
    duration: seconds,
    requests: [
      {
        setupRequest: (request) => {
          const keys = pool[taken];
          taken += 1;
          if (!keys) throw new Error(`The pool of ${pool.length} uploads' pairs ran out`);
          return {
            ...request,
            headers: { 'content-type': 'application/json', 'idempotency-key': randomUUID() },
            body: requestBody(keys),
          };
        },
      },
    ],
  });
  clearInterval(sampler);
  return {
    requestsPerSecond: result.requests.average,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    refused: result.non2xx + result.errors + result.timeouts,
    peakIntakeRssMb: peak,
  };
}

const lambda = new LambdaClient({});

/** Each concurrency `runs` times, floor and intake in turn (which goes first alternates). */
async function measure() {
  // Warm both functions first, so cold starts do not count against either.
  await load('bench/floor', 2);
  await load('dossiers', 2);
  const samples = new Map(levels.map((level) => [level, [] as { floor: Load; intake: Load }[]]));
  for (let run = 0; run < runs; run += 1)
    for (const connections of levels) {
      const first = run % 2 === 0 ? 'bench/floor' : 'dossiers';
      const a = await load(first, connections);
      const b = await load(first === 'dossiers' ? 'bench/floor' : 'dossiers', connections);
      samples
        .get(connections)
        ?.push(first === 'dossiers' ? { intake: a, floor: b } : { floor: a, intake: b });
    }
  const rows = levels.map((connections) => {
    const pairs = samples.get(connections) ?? [];
    return {
      connections,
      runs: pairs.length,
      intakeRps: Number(median(pairs.map((p) => p.intake.requestsPerSecond)).toFixed(1)),
      floorRps: Number(median(pairs.map((p) => p.floor.requestsPerSecond)).toFixed(1)),
      throughputRatio: Number(
        median(pairs.map((p) => p.intake.requestsPerSecond / p.floor.requestsPerSecond)).toFixed(2),
      ),
      intakeP50: median(pairs.map((p) => p.intake.p50Ms)),
      intakeP99: median(pairs.map((p) => p.intake.p99Ms)),
      floorP99: median(pairs.map((p) => p.floor.p99Ms)),
      p99Ratio: Number(median(pairs.map((p) => p.intake.p99Ms / p.floor.p99Ms)).toFixed(2)),
      intakeRefused: pairs.reduce((sum, p) => sum + p.intake.refused, 0),
      floorRefused: pairs.reduce((sum, p) => sum + p.floor.refused, 0),
      peakIntakeRssMb: Number(Math.max(...pairs.map((p) => p.intake.peakIntakeRssMb)).toFixed(1)),
    };
  });
  const worst = {
    throughputRatio: Math.min(...rows.map((row) => row.throughputRatio)),
    p99Ratio: Math.max(...rows.map((row) => row.p99Ratio)),
    peakRssMb: Math.max(...rows.map((row) => row.peakIntakeRssMb)),
    refused: rows.reduce((sum, row) => sum + row.intakeRefused + row.floorRefused, 0),
  };
  return { rows, worst };
}
type Load = Awaited<ReturnType<typeof load>>;

function report(title: string, { rows, worst }: Awaited<ReturnType<typeof measure>>) {
  console.log(title);
  console.table(rows);
  if (worst.refused > 0) {
    console.log(
      `${worst.refused} requests were refused or failed: these figures measure errors, not intake (NOT MEASURED).`,
    );
    return;
  }
  const verdict = (met: boolean) => (met ? 'met' : 'MISSED');
  console.log(
    `Worst step (medians of ${runs} runs): throughput ${worst.throughputRatio}× the floor (target ≥ 0.7: ${verdict(worst.throughputRatio >= 0.7)}), p99 ${worst.p99Ratio}× (target ≤ 1.5: ${verdict(worst.p99Ratio <= 1.5)}), peak intake worker RSS ${worst.peakRssMb} MB (target ≤ 128: ${verdict(worst.peakRssMb <= 128)}).`,
  );
}

const withPipeline = await measure();
report('With the pipeline after intake running on the same cores:', withPipeline);
const paused = await enabledMappings(lambda);
const intakeAlone = await withMappingsPaused(lambda, paused, measure);
report(`Intake alone (${paused.length} event source mappings paused, enabled again now):`, intakeAlone);
mkdirSync('bench/results', { recursive: true });
const date = new Date().toISOString();
writeFileSync(
  `bench/results/intake-${date.replace(/[:.]/g, '-')}.json`,
  `${JSON.stringify({ date, seconds, runs, withPipeline, intakeAlone }, null, 2)}\n`,
);
