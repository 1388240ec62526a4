/**
 * Bundle size and initialisation time of every deployed function, beside an empty bundle built with
 * the same esbuild options and measured in the same run. Initialisation = importing the bundle in a
 * fresh Node 22 process (module evaluation, environment validation, SDK client construction).
 *
 *   npx tsx bench/cold-start.ts [runs]      (synthesises the app first; prints a table, writes JSON)
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';

const runs = Number(process.argv[2] ?? 7);
const root = path.resolve(import.meta.dirname, '..');
const cdkOut = path.join(root, 'cdk.out');
const BUNDLE_LIMIT_BYTES = 250 * 1024;
const INIT_ALLOWANCE_MS = 50;

execFileSync('npx', ['cdk', 'synth', '--quiet', '-o', cdkOut], { cwd: root, stdio: 'pipe' });

/** Schema-valid stand-ins for values that only exist after deployment (table names, queue URLs). */
function placeholder(name: string): string {
  if (name === 'TIER_QUEUE_URLS') return JSON.stringify({ commune: 'https://sqs.invalid/q' });
  if (name === 'TIER') return 'commune';
  if (name === 'TIERS') return JSON.stringify(['commune', 'province']);
  if (name === 'OFFICIAL_SENDER') return 'no-reply@example.gov.vn';
  if (name === 'USER_POOL_ID') return 'us-east-1_Bench0001';
  if (name === 'SIGNING_KEYS') return JSON.stringify([{ keyId: 'bench-key', validFrom: '2026-01-01' }]);
  return `bench-${name.toLowerCase()}`;
}

interface Bundle {
  name: string;
  file: string;
  env: Record<string, string>;
}

const bundles: Bundle[] = [];
for (const file of readdirSync(cdkOut).filter((f) => f.endsWith('.template.json'))) {
  const template = JSON.parse(readFileSync(path.join(cdkOut, file), 'utf8')) as {
    Resources: Record<
      string,
      {
        Type: string;
        Metadata?: Record<string, string>;
        Properties: { Environment?: { Variables?: Record<string, unknown> } };
      }
    >;
  };
  for (const resource of Object.values(template.Resources)) {
    if (resource.Type !== 'AWS::Lambda::Function' || !resource.Metadata?.['aws:asset:path']) continue;
    const cdkPath = resource.Metadata['aws:cdk:path'] ?? '';
    const env = Object.fromEntries(
      Object.entries(resource.Properties.Environment?.Variables ?? {}).map(([key, value]) => [
        key,
        typeof value === 'string' ? value : placeholder(key),
      ]),
    );
    bundles.push({
      // `<stack>/<construct…>/Function/Resource`: named by everything above the function itself.
      name: cdkPath.split('/').slice(0, -2).join('/'),
      file: path.join(cdkOut, resource.Metadata['aws:asset:path'], 'index.mjs'),
      env,
    });
  }
}

// The baseline: nothing but a handler, through the same bundler settings as infra/constructs/app-function.ts.
const emptyDir = mkdtempSync(path.join(tmpdir(), 'empty-bundle-'));
writeFileSync(
  path.join(emptyDir, 'handler.ts'),
  'export const handler = async () => ({ statusCode: 200 });\n',
);
await build({
  entryPoints: [path.join(emptyDir, 'handler.ts')],
  outfile: path.join(emptyDir, 'index.mjs'),
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node22',
  minify: true,
  sourcemap: true,
  banner: { js: "import{createRequire as __cr}from'node:module';const require=__cr(import.meta.url);" },
});
const empty: Bundle = { name: '(empty bundle)', file: path.join(emptyDir, 'index.mjs'), env: {} };

const PROBE = `const t=performance.now();await import(process.argv[1]);const ms=performance.now()-t;console.log(JSON.stringify({ms,rss:process.memoryUsage().rss}))`;
function initOnce(bundle: Bundle) {
  const out = execFileSync(
    process.execPath,
    ['--enable-source-maps', '--input-type=module', '-e', PROBE, bundle.file],
    {
      env: {
        PATH: process.env.PATH,
        AWS_REGION: 'us-east-1',
        AWS_ACCESS_KEY_ID: 'x',
        AWS_SECRET_ACCESS_KEY: 'x',
        ...bundle.env,
      },
      encoding: 'utf8',
    },
  );
  return JSON.parse(out.trim().split('\n').pop() ?? '{}') as { ms: number; rss: number };
}
const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;

// Interleaved rounds, so machine noise hits every bundle alike.
const samples = new Map<Bundle, { ms: number[]; rss: number[] }>(
  [empty, ...bundles].map((b) => [b, { ms: [], rss: [] }]),
);
for (let round = 0; round < runs; round += 1) {
  for (const [bundle, sample] of samples) {
    const { ms, rss } = initOnce(bundle);
    sample.ms.push(ms);
    sample.rss.push(rss);
  }
}

const emptyMs = median(samples.get(empty)?.ms ?? []);
const rows = [...samples].map(([bundle, sample]) => {
  const bytes = statSync(bundle.file).size;
  const initMs = median(sample.ms);
  return {
    function: bundle.name,
    bundleKB: Math.round(bytes / 102.4) / 10,
    initMs: Math.round(initMs * 10) / 10,
    overEmptyMs: Math.round((initMs - emptyMs) * 10) / 10,
    rssMB: Math.round(median(sample.rss) / 104857.6) / 10,
    bundleOk: bundle === empty || bytes <= BUNDLE_LIMIT_BYTES,
    initOk: bundle === empty || initMs <= emptyMs + INIT_ALLOWANCE_MS,
  };
});

console.log(
  `Node ${process.version}, ${runs} interleaved runs per bundle, medians. Targets: bundle ≤ 250 KB, init ≤ empty + ${INIT_ALLOWANCE_MS} ms.`,
);
console.table(rows);
const resultsDir = path.join(root, 'bench', 'results');
mkdirSync(resultsDir, { recursive: true });
const resultFile = path.join(resultsDir, `cold-start-${new Date().toISOString().slice(0, 10)}.json`);
writeFileSync(
  resultFile,
  JSON.stringify({ date: new Date().toISOString(), node: process.version, runs, rows }, null, 2),
);
console.log(`written ${path.relative(root, resultFile)}`);
