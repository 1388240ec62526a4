import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { beforeAll, describe, expect, it } from 'vitest';
import { API_FUNCTIONS } from '../../../functions/api.ts';
import { writeOpenApiDocument } from '../../../infra/api-build.ts';
import { FAULT_INJECTION_FLAG } from '../../../infra/constructs/app-function.ts';
import { bundle, bundleMetafile } from '../../support/bundle.ts';

const ROOT = path.resolve(import.meta.dirname, '../../..');

function sourcesUnder(folder: string): string[] {
  return readdirSync(path.join(ROOT, folder), { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
    .map((entry) => path.join(entry.parentPath, entry.name));
}

/** The runtime (not type-only) names a file imports from `module` by name: `import { a, b } from …`. */
function namedRuntimeImports(file: string, module: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  return source.statements.flatMap((statement) => {
    if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier)) return [];
    if (statement.moduleSpecifier.text !== module || statement.importClause?.isTypeOnly) return [];
    const bindings = statement.importClause?.namedBindings;
    if (!bindings || !ts.isNamedImports(bindings)) return [];
    return bindings.elements
      .filter((element) => !element.isTypeOnly)
      .map((element) => (element.propertyName ?? element.name).text);
  });
}

/** The files that put code into a handler's bundle (esbuild, as the functions are built; pages' HTML left out). */
async function bundledInputs(handler: string, define: Record<string, string> = {}): Promise<string[]> {
  const metafile = await bundleMetafile(path.join('functions', handler), define);
  return Object.values(metafile.outputs).flatMap((output) =>
    Object.entries(output.inputs)
      .filter(([, { bytesInOutput }]) => bytesInOutput > 0)
      .map(([input]) => input),
  );
}

describe('what the functions bundle', () => {
  // The OpenAPI function bundles the document synth writes.
  beforeAll(() => writeOpenApiDocument(API_FUNCTIONS));

  it('leaves the X-Ray SDK out of functions that make no AWS request, and in those that do', async () => {
    const xray = (inputs: string[]) =>
      inputs.some((input) => input.includes('node_modules/aws-xray-sdk-core/'));
    expect(xray(await bundledInputs('web/openapi.ts'))).toBe(false);
    expect(xray(await bundledInputs('web/verify-page.ts'))).toBe(false);
    expect(xray(await bundledInputs('signing/list-keys.ts'))).toBe(true);
  }, 60_000);

  it('puts the font subsets into the PDF functions’ code and the whole fonts beside it, as files', async () => {
    for (const handler of ['forms/download.ts', 'forms/preview.ts', 'kpi/report.ts', 'officer/register.ts']) {
      const metafile = await bundleMetafile(path.join('functions', handler));
      const inputsOf = (suffix: string) =>
        Object.entries(metafile.outputs)
          .filter(([file]) => file.endsWith(suffix))
          .flatMap(([, output]) =>
            Object.entries(output.inputs).filter(([, { bytesInOutput }]) => bytesInOutput > 0),
          );
      const code = inputsOf('.js');
      // The whole fonts leave only their file's name in the code.
      const fontsInCode = code.filter(
        ([input, { bytesInOutput }]) => /\.ttf(\.gz)?$/.test(input) && bytesInOutput > 200,
      );
      expect(fontsInCode.map(([input]) => path.basename(input)).sort(), handler).toEqual([
        'DejaVuSans-Bold-vi.ttf.gz',
        'DejaVuSans-vi.ttf.gz',
      ]);
      // base64 of two gzipped subsets: well under the 1.95 MB the whole fonts took in the code.
      expect(fontsInCode.reduce((sum, [, { bytesInOutput }]) => sum + bytesInOutput, 0)).toBeLessThan(
        100_000,
      );
      expect(
        inputsOf('.ttf')
          .map(([input]) => path.basename(input))
          .sort(),
        handler,
      ).toEqual(['DejaVuSans-Bold.ttf', 'DejaVuSans.ttf']);
    }
  }, 120_000);

  it('bundles no undici where webhooks are delivered: Node posts them itself', async () => {
    const undici = (await bundledInputs('webhooks/deliver.ts')).filter((input) =>
      input.includes('node_modules/undici/'),
    );
    expect(undici).toEqual([]);
  }, 60_000);

  it('bundles fault injection and its SSM client only into fault-run deployments', async () => {
    const ssm = (inputs: string[]) =>
      inputs.some((input) => input.includes('node_modules/@aws-sdk/client-ssm/'));
    const flag = (value: string) => ({ [FAULT_INJECTION_FLAG]: JSON.stringify(value) });
    for (const consumer of ['routing/tier-consumer.ts', 'counters/count-changes.ts']) {
      expect(ssm(await bundledInputs(consumer, flag('false'))), consumer).toBe(false);
    }
    expect(ssm(await bundledInputs('routing/tier-consumer.ts', flag('bundled')))).toBe(true);
    // The mail sender reads the public address from SSM whatever the deployment.
    expect(ssm(await bundledInputs('mail/send.ts', flag('false')))).toBe(true);
  }, 120_000);

  it('loads node:http and node:process with require, never through their ES facades', async () => {
    // The facade of `node:http` reads its undici getters: ≈ 25 ms of every cold start (required-http.ts).
    const esImport = /(?:from\s*|import\s*\(\s*)["'](?:node:)?(?:http|process)["']/;
    for (const handler of ['signing/list-keys.ts', 'webhooks/deliver.ts', 'dossiers/submit.ts']) {
      const { text } = await bundle(path.join('functions', handler));
      expect(text, handler).not.toMatch(esImport);
      // Required instead: `createRequire(import.meta.url)("node:http")`.
      expect(text, handler).toMatch(/\)\(\s*["']node:http["']\s*\)/);
    }
  }, 120_000);

  it("bundles no semver, which only the X-Ray SDK's patcher of the version 2 SDK reads", async () => {
    const inputs = await bundledInputs('signing/list-keys.ts');
    expect(inputs.some((input) => input.includes('node_modules/aws-xray-sdk-core/'))).toBe(true);
    expect(inputs.filter((input) => input.includes('node_modules/semver/'))).toEqual([]);
  }, 60_000);

  it('builds no dossier schema nor stored dossier shape in functions that never read a dossier', async () => {
    // Every schema a bundle holds is built when the function starts (ADR 0026, amendment).
    for (const handler of [
      'catalog/list-procedures.ts',
      'officer/me.ts',
      'kpi/read.ts',
      'counters/count-changes.ts',
      'webhooks/dispatch.ts',
    ]) {
      const inputs = await bundledInputs(handler);
      expect(
        inputs.filter(
          (input) =>
            input.endsWith('shared/domain/lifecycle/dossier-schema.ts') ||
            input.endsWith('shared/adapters/stored-items.ts'),
        ),
        handler,
      ).toEqual([]);
    }
  }, 120_000);

  it('bundles no zod locale but the English default', async () => {
    const locales = (await bundledInputs('officer/me.ts')).filter((input) =>
      input.includes('node_modules/zod/v4/locales/'),
    );
    expect(locales.map((input) => path.basename(input))).toEqual(['en.js']);
  }, 60_000);

  it('imports zod as a namespace, never its `z` object, which keeps every locale in the bundle', () => {
    // `import { z } from 'zod'` reaches zod's `export * as z`, an object esbuild cannot shake:
    // ≈ 360 KB more per function (measured with bench/bundles.ts), for error messages in 40 languages.
    const offenders = ['shared', 'functions', 'web/src'].flatMap((folder) =>
      sourcesUnder(folder)
        .filter((file) => namedRuntimeImports(file, 'zod').includes('z'))
        .map((file) => path.relative(ROOT, file)),
    );
    expect(offenders).toEqual([]);
  });
});
