import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

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

describe('what the functions bundle', () => {
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
