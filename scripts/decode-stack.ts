/**
 * Decodes a stack trace from a function's logs into source positions, with the source map kept
 * when the function was bundled (functions do not load source maps at run time).
 *   npx tsx scripts/decode-stack.ts <construct path, e.g. MotCua-Api/SubmitDossier> < trace.txt
 * The construct path is the function's logical name in the stack; `ls build/source-maps/*` lists them.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { SOURCE_MAPS_DIR } from '../infra/constructs/app-function.ts';
import { decodeStackTrace, parseSourceMap } from './lib/stack-trace.ts';

const [constructPath] = process.argv.slice(2);
if (!constructPath) {
  console.error('usage: tsx scripts/decode-stack.ts <construct path> < trace.txt');
  process.exit(2);
}
const mapFile = path.join(SOURCE_MAPS_DIR, constructPath, 'index.mjs.map');
let mapJson: string;
try {
  mapJson = readFileSync(mapFile, 'utf8');
} catch {
  console.error(`No source map at ${mapFile}: deploy (or synth) from this checkout first.`);
  process.exit(1);
}
process.stdout.write(decodeStackTrace(readFileSync(0, 'utf8'), parseSourceMap(mapJson)));
