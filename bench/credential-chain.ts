/**
 * What bundling only Lambda's credential sources saves: one function bundled twice with the
 * deployment's esbuild options and aliases (`BUNDLE_ALIASES`), with the SDK's default credential
 * chain and with `shared/adapters/lambda-credentials.ts` in its place, then imported in fresh Node processes,
 * interleaved with an empty module; sizes and median import times.
 *
 *   npx tsx bench/credential-chain.ts [entry=functions/dossiers/get.ts] [runs=15]
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type BuildOptions, build } from 'esbuild';
import { BUNDLE_ALIASES, BUNDLE_LOADERS } from '../infra/constructs/app-function.ts';

const CREDENTIAL_CHAIN = '@aws-sdk/credential-provider-node';

const [entry = 'functions/dossiers/get.ts', runsArg = '15'] = process.argv.slice(2);
const runs = Number(runsArg);
const root = path.resolve(import.meta.dirname, '..');
const dir = mkdtempSync(path.join(tmpdir(), 'credential-chain-'));
const options: BuildOptions = {
  entryPoints: [path.join(root, entry)],
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node22',
  minify: true,
  mainFields: ['module', 'main'],
  loader: { ...BUNDLE_LOADERS },
  banner: { js: "import{createRequire as __cr}from'node:module';const require=__cr(import.meta.url);" },
};
const files = {
  empty: path.join(dir, 'empty.mjs'),
  'default chain': path.join(dir, 'default-chain.mjs'),
  'Lambda sources': path.join(dir, 'lambda-sources.mjs'),
};
writeFileSync(files.empty, 'export const handler = async () => {};\n');
const { [CREDENTIAL_CHAIN]: _lambdaSources, ...otherAliases } = BUNDLE_ALIASES;
await build({ ...options, outfile: files['default chain'], alias: otherAliases });
await build({ ...options, outfile: files['Lambda sources'], alias: { ...BUNDLE_ALIASES } });

// Placeholder environment: the handlers validate theirs at import.
const env = {
  ...process.env,
  DOSSIERS_TABLE: 'bench',
  AUDIT_TABLE: 'bench',
  AUDIT_PENDING_TABLE: 'bench',
  REFERENCE_TABLE: 'bench',
  COUNTERS_TABLE: 'bench',
  AWS_REGION: 'us-east-1',
  AWS_ACCESS_KEY_ID: 'bench',
  AWS_SECRET_ACCESS_KEY: 'bench',
};
const times = Object.fromEntries(Object.keys(files).map((name) => [name, [] as number[]]));
for (let run = 0; run < runs; run += 1)
  for (const [name, file] of Object.entries(files)) {
    const probe = `const s=performance.now();await import(${JSON.stringify(file)});console.log(performance.now()-s)`;
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', probe], { env }).toString();
    times[name]?.push(Number(out.trim().split('\n').at(-1)));
  }
const median = (values: number[]) =>
  values.sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;
console.table(
  Object.entries(files).map(([name, file]) => ({
    bundle: name,
    kb: Number((statSync(file).size / 1024).toFixed(1)),
    importMs: Number(median(times[name] ?? []).toFixed(1)),
  })),
);
