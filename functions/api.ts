import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { type ApiFunctionSpec, isApiFunction } from '../shared/http/endpoint-spec.ts';

/**
 * Every function of the public API, found by its spec file: each `functions/<area>/<name>.spec.ts`
 * exports one spec declared with `apiFunction`, and nothing lists them by hand. The API stack deploys
 * exactly these, and the OpenAPI document (written at synth), the authorisation matrix and the guard
 * tests are generated from them. Read with `node:fs` at synth and in tests only: no Lambda bundles it.
 */

const FUNCTIONS_DIR = path.dirname(fileURLToPath(import.meta.url));

/** Where a spec is declared: its file relative to `functions/` and the name it is exported under. */
export interface SpecModule {
  file: string;
  exportName: string;
}

function specFiles(): string[] {
  return readdirSync(FUNCTIONS_DIR, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.spec.ts'))
    .map((file) => file.split(path.sep).join('/'))
    .sort();
}

async function discover(): Promise<Map<ApiFunctionSpec, SpecModule>> {
  const found = new Map<ApiFunctionSpec, SpecModule>();
  for (const file of specFiles()) {
    const exports: Record<string, unknown> = await import(pathToFileURL(path.join(FUNCTIONS_DIR, file)).href);
    const specs = Object.entries(exports).flatMap(([exportName, value]) =>
      isApiFunction(value) ? [{ exportName, spec: value }] : [],
    );
    const [declared, ...more] = specs;
    if (!declared || more.length > 0)
      throw new Error(`functions/${file} must export exactly one spec declared with apiFunction()`);
    found.set(declared.spec, { file, exportName: declared.exportName });
  }
  return found;
}

/** Each spec with the module that declares it, in the order of their files. */
export const SPEC_MODULES: ReadonlyMap<ApiFunctionSpec, SpecModule> = await discover();

export const API_FUNCTIONS: readonly ApiFunctionSpec[] = [...SPEC_MODULES.keys()];
