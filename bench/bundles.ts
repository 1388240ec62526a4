/**
 * Every deployed function's bundle, built by synthesising the app as a deployment does (cdk.json's
 * context, `AppFunction`'s esbuild settings and hooks), beside an empty handler and the library floor
 * (zod, a Powertools log line and one DynamoDB read, `lib/library-floor-handler.ts`) bundled by the same
 * construct: minified and gzipped size, the five largest modules, whether it renders PDFs, and its
 * initialisation time — importing it in a fresh Node process with its environment faked and the
 * network cut (neither bundle loads source maps), median of interleaved runs.
 *
 *   npm run bench:bundles [-- runs]         (prints two tables and the missed targets, writes JSON)
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { App, Stack } from 'aws-cdk-lib';
import type { CfnFunction } from 'aws-cdk-lib/aws-lambda';
import * as z from 'zod';
import { AppFunction, SOURCE_MAPS_DIR } from '../infra/constructs/app-function.ts';
import { buildApp } from '../infra/platform.ts';
import type { EnvSchema } from '../shared/config/env.ts';
import {
  BUNDLE_TARGET_BYTES,
  INIT_ALLOWANCE_MS,
  kb,
  type Metafile,
  median,
  missedTargets,
  modulesBySize,
  rendersPdf,
} from './lib/bundle-report.ts';

const runs = Number(process.argv[2] ?? 5);
const root = path.resolve(import.meta.dirname, '..');

const cdkJson = JSON.parse(readFileSync(path.join(root, 'cdk.json'), 'utf8')) as {
  context: Record<string, unknown>;
};
const outdir = mkdtempSync(path.join(tmpdir(), 'bundles-'));
// Asset metadata tells which bundle is which function's (the CDK CLI turns it on; a bare App does not).
const app = buildApp(
  new App({ outdir, context: { ...cdkJson.context, 'aws:cdk:enable-asset-metadata': true } }),
);
const baselineStack = new Stack(app, 'BenchEmpty');
new AppFunction(baselineStack, 'Empty', {
  entry: '../bench/lib/empty-handler.ts',
  description: 'An empty handler, the baseline of bench/bundles.ts',
  envSchema: z.object({}) as EnvSchema,
  environment: {},
});
new AppFunction(baselineStack, 'LibraryFloor', {
  entry: '../bench/lib/library-floor-handler.ts',
  description: 'zod, a log line and one DynamoDB read: what any function of the platform bundles',
  envSchema: z.object({}) as EnvSchema,
  environment: {},
});
console.log('synthesising (bundles every function)…');
const assembly = app.synth();

/** Schema-valid stand-ins for values that only exist after deployment (table names, queue URLs). */
function placeholder(name: string): string {
  if (name === 'TIER_QUEUE_URLS') return JSON.stringify({ commune: 'https://sqs.invalid/q' });
  if (name === 'TIER') return 'commune';
  if (name === 'TIERS') return JSON.stringify(['commune', 'province']);
  if (name === 'OFFICIAL_SENDER') return 'no-reply@example.gov.vn';
  if (name === 'USER_POOL_ID') return 'us-east-1_Bench0001';
  if (name === 'SIGNING_KEYS') return JSON.stringify([{ keyId: 'bench-key', validFrom: '2026-01-01' }]);
  if (name === 'OFFICER_SIGN_IN')
    return JSON.stringify({ userPoolId: 'us-east-1_Bench0001', clientId: 'bench' });
  return `bench-${name.toLowerCase()}`;
}

interface Bundle {
  name: string;
  file: string;
  env: Record<string, string>;
  metafile: Metafile;
}

const bundles: Bundle[] = [];
for (const construct of app.node.findAll()) {
  if (!(construct instanceof AppFunction)) continue;
  const cfn = construct.function.node.defaultChild as CfnFunction;
  const stack = Stack.of(construct);
  const template = assembly.getStackByName(stack.stackName).template as {
    Resources: Record<string, { Properties: { Environment?: { Variables?: Record<string, unknown> } } }>;
  };
  const variables = template.Resources[stack.getLogicalId(cfn)]?.Properties.Environment?.Variables ?? {};
  bundles.push({
    name: construct.node.path,
    file: path.join(outdir, String(cfn.getMetadata('aws:asset:path')), 'index.mjs'),
    env: Object.fromEntries(
      Object.entries(variables).map(([key, value]) => [
        key,
        typeof value === 'string' ? value : placeholder(key),
      ]),
    ),
    metafile: JSON.parse(
      readFileSync(path.join(SOURCE_MAPS_DIR, construct.node.path, 'index.meta.json'), 'utf8'),
    ) as Metafile,
  });
}
const empty = bundles.find((b) => b.name === 'BenchEmpty/Empty');
if (!empty) throw new Error('the empty bundle was not synthesised');
const libraryFloor = bundles.find((b) => b.name === 'BenchEmpty/LibraryFloor');
if (!libraryFloor) throw new Error('the library floor bundle was not synthesised');

// Cut off the network before the bundle loads: an import that connects anywhere fails the run.
const NO_NETWORK = `data:text/javascript,${encodeURIComponent(
  "import net from 'node:net';net.Socket.prototype.connect=function(){throw new Error('network used during init')};",
)}`;
const PROBE =
  'const t=performance.now();await import(process.argv[1]);console.log(JSON.stringify({ms:performance.now()-t}))';
function initOnce(bundle: Bundle): number {
  const out = execFileSync(
    process.execPath,
    ['--import', NO_NETWORK, '--input-type=module', '-e', PROBE, bundle.file],
    {
      env: {
        PATH: process.env.PATH,
        AWS_REGION: 'ap-southeast-1',
        AWS_ACCESS_KEY_ID: 'bench',
        AWS_SECRET_ACCESS_KEY: 'bench',
        AWS_EC2_METADATA_DISABLED: 'true',
        ...bundle.env,
      },
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  return (JSON.parse(out.trim().split('\n').pop() ?? '{}') as { ms: number }).ms;
}

// Interleaved rounds, so machine noise hits every bundle alike.
const samples = new Map<Bundle, number[]>(bundles.map((b) => [b, []]));
const failed = new Map<Bundle, string>();
for (let round = 0; round < runs; round += 1) {
  for (const [bundle, sample] of samples) {
    if (failed.has(bundle)) continue;
    try {
      sample.push(initOnce(bundle));
    } catch (error) {
      failed.set(bundle, String((error as { stderr?: string }).stderr ?? error).split('\n')[0] ?? '');
    }
  }
}

const emptyMs = median(samples.get(empty) ?? []);
const baselines = [empty, libraryFloor];
const rows = [...baselines, ...bundles.filter((bundle) => !baselines.includes(bundle))].map((bundle) => {
  const code = readFileSync(bundle.file);
  const initMs = median(samples.get(bundle) ?? []);
  return {
    name: bundle.name,
    bytes: code.byteLength,
    gzipBytes: gzipSync(code, { level: 9 }).byteLength,
    pdf: rendersPdf(bundle.metafile),
    initMs,
    largest: modulesBySize(bundle.metafile).slice(0, 5),
  };
});

console.log(
  `\nNode ${process.version}, ${runs} interleaved imports per bundle, medians; no source maps. ` +
    `Targets: non-PDF bundle ≤ ${kb(BUNDLE_TARGET_BYTES)} KB, init ≤ empty + ${INIT_ALLOWANCE_MS} ms.`,
);
console.table(
  rows.map((row) => ({
    function: row.name,
    'minified KB': kb(row.bytes),
    'gzip KB': kb(row.gzipBytes),
    PDF: row.pdf ? 'yes' : '',
    'size ÷ target': row.pdf ? '' : (row.bytes / BUNDLE_TARGET_BYTES).toFixed(2),
    'init ms': Math.round(row.initMs * 10) / 10,
    'over empty ms': Math.round((row.initMs - emptyMs) * 10) / 10,
    'init ÷ empty': (row.initMs / emptyMs).toFixed(1),
  })),
);
const floorRow = rows.find((row) => row.name === libraryFloor.name);
if (floorRow)
  console.log(
    `\nLibrary floor (zod, a log line, one DynamoDB read through the SDK): ${kb(floorRow.bytes)} KB, init ${(floorRow.initMs - emptyMs).toFixed(1)} ms over the empty bundle; no function that validates, logs and reads DynamoDB with these libraries is below it.`,
  );
console.log('\nLargest modules in each bundle (KB of minified output):');
for (const row of rows)
  console.log(
    `${row.name.padEnd(44)} ${row.largest.map(({ module, bytes }) => `${module} ${kb(bytes)}`).join(', ')}`,
  );
const missed = missedTargets(
  rows.filter((row) => !baselines.some((baseline) => baseline.name === row.name)),
  emptyMs,
);
console.log(missed.length > 0 ? `\nMissed targets:\n${missed.join('\n')}` : '\nEvery target met.');
for (const [bundle, reason] of failed) console.log(`${bundle.name}: init failed — ${reason}`);
// A bundle that cannot start with its deployed environment is a failure; missed targets are figures.
if (failed.size > 0) process.exitCode = 1;

const resultsDir = path.join(root, 'bench', 'results');
mkdirSync(resultsDir, { recursive: true });
const resultFile = path.join(resultsDir, `bundles-${new Date().toISOString().slice(0, 10)}.json`);
writeFileSync(
  resultFile,
  JSON.stringify(
    { date: new Date().toISOString(), node: process.version, runs, emptyMs, rows, missed },
    null,
    2,
  ),
);
console.log(`written ${path.relative(root, resultFile)}`);
