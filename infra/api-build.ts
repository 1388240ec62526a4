import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { SpecModule } from '../functions/api.ts';
import type { ApiFunctionSpec } from '../shared/http/endpoint-spec.ts';
import { openApiDocument } from '../shared/http/openapi.ts';

const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BUILD_DIR = path.join(PROJECT_ROOT, 'build');

/**
 * The OpenAPI document of every spec, written at synth: the function serving it imports this file, so
 * its bundle holds the document rather than every spec and the schemas behind them.
 */
export const OPENAPI_DOCUMENT_FILE = path.join(BUILD_DIR, 'openapi.json');

/** Where the entries of the functions wired by their spec's `serve` are generated. */
export const SERVED_ENTRIES_DIR = path.join(BUILD_DIR, 'entries');

/**
 * Writes `build/openapi.json`, and beside it the same text gzipped (`openapi.json.gz`), which the
 * function serving the document bundles: 129 KB of JSON would put the function over its 250 KB
 * budget; compressed it is about 15 KB. Run before the functions are bundled.
 */
export function writeOpenApiDocument(specs: readonly ApiFunctionSpec[], file = OPENAPI_DOCUMENT_FILE): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const text = JSON.stringify(openApiDocument(specs));
  writeFileSync(file, text);
  writeFileSync(`${file}.gz`, gzipSync(text, { level: 9 }));
}

const relativeImport = (from: string, to: string) => {
  const relative = path.relative(from, to).split(path.sep).join('/');
  return relative.startsWith('.') ? relative : `./${relative}`;
};

/**
 * Writes the entry of a function its spec wires with `serve`: it imports that spec alone (no other
 * spec reaches the bundle), validates the environment with the spec's schema at start-up and builds
 * the handler once. Answers the entry's path relative to `functions/`, as `AppFunction` takes it.
 */
export function writeServedEntry(spec: ApiFunctionSpec, module: SpecModule, directory = SERVED_ENTRIES_DIR) {
  mkdirSync(directory, { recursive: true });
  const entry = path.join(directory, `${spec.id}.ts`);
  const specFile = relativeImport(directory, path.join(PROJECT_ROOT, 'functions', module.file));
  const envModule = relativeImport(directory, path.join(PROJECT_ROOT, 'shared/config/env.ts'));
  writeFileSync(
    entry,
    [
      `// Generated at synth by infra/api-build.ts from functions/${module.file}.`,
      `import { loadEnv } from '${envModule}';`,
      `import { ${module.exportName} as spec } from '${specFile}';`,
      '',
      `if (!spec.serve) throw new Error('${spec.id}: its spec has no serve()');`,
      'export const handler = await spec.serve(loadEnv(spec.env));',
      '',
    ].join('\n'),
  );
  return relativeImport(path.join(PROJECT_ROOT, 'functions'), entry);
}
