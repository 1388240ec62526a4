/**
 * Intake throughput and latency through the deployed API, beside the floor endpoint that makes the
 * same AWS requests with no domain code, at increasing concurrency, interleaved in one run. Also the
 * peak resident memory of the intake function's worker processes (the emulator runs each Lambda
 * instance as a local node process). Needs a deployment made with `-c benchFloor=true`.
 *
 * Every dossier sets off the rest of the pipeline (tier consumer, mail sender, KPI counter, webhook
 * dispatcher), which in the emulator runs on the same cores as the intake; the floor's writes set
 * off nothing. So the run is made twice: with that pipeline running, and with its event source
 * mappings paused (the cost of the intake code alone); afterwards they are enabled again and drain.
 *   AWS_ENDPOINT_URL=… npx tsx bench/intake.ts [seconds-per-step=10] [concurrency list=1,4,16]
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { LambdaClient } from '@aws-sdk/client-lambda';
import autocannon from 'autocannon';
import { enabledMappings, withMappingsPaused } from '../scripts/lib/event-sources.ts';
import { deployedApi } from '../scripts/lib/outputs.ts';

const [secondsArg = '10', levelsArg = '1,4,16', outputsArg] = process.argv.slice(2);
const seconds = Number(secondsArg);
const levels = levelsArg.split(',').map(Number);
const { base } = deployedApi(outputsArg);
const body = JSON.stringify({
  procedureCode: '1.001193.000.00.00.H56',
  channel: 'online',
  applicant: {
    fullName: 'Nguyễn Thị Hoa',
    idNumber: '038199004321',
    address: 'Thôn Yên Trạch, xã Quảng Bình, huyện Quảng Xương',
    phone: '0912345678',
  },
});

/** Largest resident set of the emulator's worker processes for one function, in MB. */
function peakRssMb(functionPart: string): number {
  const lines = execFileSync('ps', ['-eo', 'rss,args'], { encoding: 'utf8' }).split('\n');
  const sizes = lines
    .filter((line) => line.includes(functionPart) && line.includes('_worker.js'))
    .map((line) => Number(line.trim().split(/\s+/)[0]) / 1024);
  return sizes.length ? Math.max(...sizes) : Number.NaN;
}

async function load(path: string, connections: number) {
  let peak = 0;
  const sampler = setInterval(() => {
    const rss = peakRssMb('SubmitDossier');
    if (rss > peak) peak = rss;
  }, 500);
  const result = await autocannon({
    url: new URL(path, base).toString(),
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
    connections,
    duration: seconds,
  });
  clearInterval(sampler);
  return {
    requestsPerSecond: result.requests.average,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
    peakIntakeRssMb: peak,
  };
}

const lambda = new LambdaClient({});

async function measure() {
  // Warm both functions first, so cold starts do not count against either.
  await load('bench/floor', 2);
  await load('dossiers', 2);
  const rows = [];
  for (const connections of levels) {
    const floor = await load('bench/floor', connections);
    const intake = await load('dossiers', connections);
    rows.push({
      connections,
      intakeRps: Number(intake.requestsPerSecond.toFixed(1)),
      floorRps: Number(floor.requestsPerSecond.toFixed(1)),
      throughputRatio: Number((intake.requestsPerSecond / floor.requestsPerSecond).toFixed(2)),
      intakeP50: intake.p50Ms,
      intakeP99: intake.p99Ms,
      floorP99: floor.p99Ms,
      p99Ratio: Number((intake.p99Ms / floor.p99Ms).toFixed(2)),
      intakeErrors: intake.non2xx + intake.errors,
      floorErrors: floor.non2xx + floor.errors,
      peakIntakeRssMb: Number(intake.peakIntakeRssMb.toFixed(1)),
    });
  }
  const worst = {
    throughputRatio: Math.min(...rows.map((row) => row.throughputRatio)),
    p99Ratio: Math.max(...rows.map((row) => row.p99Ratio)),
    peakRssMb: Math.max(...rows.map((row) => row.peakIntakeRssMb)),
  };
  return { rows, worst };
}

function report(title: string, { rows, worst }: Awaited<ReturnType<typeof measure>>) {
  console.log(title);
  console.table(rows);
  console.log(
    `Worst step: throughput ${worst.throughputRatio}× the floor (target ≥ 0.7: ${worst.throughputRatio >= 0.7 ? 'met' : 'MISSED'}), p99 ${worst.p99Ratio}× (target ≤ 1.5: ${worst.p99Ratio <= 1.5 ? 'met' : 'MISSED'}), peak intake worker RSS ${worst.peakRssMb} MB (target ≤ 128: ${worst.peakRssMb <= 128 ? 'met' : 'MISSED'}).`,
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
  `${JSON.stringify({ date, seconds, withPipeline, intakeAlone }, null, 2)}\n`,
);
