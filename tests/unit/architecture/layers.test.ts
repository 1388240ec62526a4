import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../../..');

/** Every module a file names in an import or export-from, resolved to a path from the root when relative. */
function importsOf(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const names: string[] = [];
  const visit = (node: ts.Node): void => {
    const specifier =
      ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier) ||
      (ts.isCallExpression(node) &&
        node.expression.kind === ts.SyntaxKind.ImportKeyword &&
        node.arguments[0]) ||
      undefined;
    if (specifier && ts.isStringLiteral(specifier)) {
      const name = specifier.text;
      names.push(
        name.startsWith('.')
          ? path
              .relative(ROOT, path.resolve(path.dirname(file), name))
              .split(path.sep)
              .join('/')
          : name,
      );
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return names;
}

/**
 * The project files a module loads when it is imported: its static runtime imports, followed through
 * the project (type-only imports and `import()` inside functions load nothing at import).
 */
function loadedAtImport(file: string, seen = new Set<string>()): Set<string> {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  for (const statement of source.statements) {
    const runtime =
      (ts.isImportDeclaration(statement) && !statement.importClause?.isTypeOnly) ||
      (ts.isExportDeclaration(statement) && !statement.isTypeOnly);
    const specifier = runtime ? statement.moduleSpecifier : undefined;
    if (!specifier || !ts.isStringLiteral(specifier) || !specifier.text.startsWith('.')) continue;
    const target = path.resolve(path.dirname(file), specifier.text);
    const name = path.relative(ROOT, target).split(path.sep).join('/');
    if (seen.has(name) || !target.endsWith('.ts')) continue;
    seen.add(name);
    loadedAtImport(target, seen);
  }
  return seen;
}

/** The lines where a file reads `process.env` outside any function: when it is imported. */
function environmentReadsAtImport(file: string): number[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const lines: number[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isFunctionLike(node)) return;
    if (
      ts.isPropertyAccessExpression(node) &&
      node.name.text === 'env' &&
      ts.isIdentifier(node.expression) &&
      node.expression.text === 'process'
    )
      lines.push(source.getLineAndCharacterOfPosition(node.getStart()).line + 1);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return lines;
}

function sourcesUnder(folder: string): string[] {
  return readdirSync(path.join(ROOT, folder), { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
    .map((entry) => path.join(entry.parentPath, entry.name));
}

/** `file -> import` for every import of a file under `folder` that `forbidden` matches. */
function violations(folder: string, forbidden: (name: string) => boolean): string[] {
  return sourcesUnder(folder).flatMap((file) =>
    importsOf(file)
      .filter(forbidden)
      .map((name) => `${path.relative(ROOT, file)} -> ${name}`),
  );
}

const under =
  (...folders: string[]) =>
  (name: string) =>
    folders.some((folder) => name === folder || name.startsWith(`${folder}/`));

describe('layers', () => {
  it('keeps the domain free of contracts, HTTP, adapters, use cases, functions, infrastructure and AWS', () => {
    const outward = under(
      'shared/contracts',
      'shared/http',
      'shared/adapters',
      'shared/app',
      'functions',
      'infra',
    );
    const aws = (name: string) => name.startsWith('@aws-sdk/') || name === 'aws-sdk' || name === 'aws-lambda';
    expect(violations('shared/domain', (name) => outward(name) || aws(name))).toEqual([]);
  });

  it('keeps the contracts free of adapters, HTTP and use cases', () => {
    expect(violations('shared/contracts', under('shared/adapters', 'shared/http', 'shared/app'))).toEqual([]);
  });

  it('keeps the use cases free of adapters: they reach AWS only through the ports they are given', () => {
    // Type-only imports load nothing; a runtime import would put clients into every unit test of them.
    const offenders = sourcesUnder('shared/app').flatMap((file) =>
      [...loadedAtImport(file)]
        .filter(under('shared/adapters', 'shared/observability.ts', 'shared/tracing.ts'))
        .map((name) => `${path.relative(ROOT, file)} -> ${name}`),
    );
    expect(offenders).toEqual([]);
  });

  it('keeps the specs free of import-time effects: importing one creates no client, logger or tracer', () => {
    // Synth and the tests import every spec; a function wired by `serve` imports these inside it.
    const effectful = under('shared/adapters', 'shared/observability.ts', 'shared/tracing.ts');
    const specs = sourcesUnder('functions').filter((file) => file.endsWith('.spec.ts'));
    const offenders = specs.flatMap((file) =>
      [...loadedAtImport(file)].filter(effectful).map((name) => `${path.relative(ROOT, file)} -> ${name}`),
    );
    expect(offenders).toEqual([]);
    // The walk sees through the project: every spec loads the endpoint-spec module through its helpers.
    expect(loadedAtImport(path.join(ROOT, 'functions/officer/me.spec.ts'))).toContain(
      'shared/http/endpoint-spec.ts',
    );
    expect(loadedAtImport(path.join(ROOT, 'functions/officer/me.ts'))).toContain(
      'shared/adapters/reference-store.ts',
    );
  });

  it('keeps the specs free of environment reads at import: a spec means the same wherever it is imported', () => {
    const specs = sourcesUnder('functions').filter((file) => file.endsWith('.spec.ts'));
    const loaded = new Set(specs.flatMap((file) => [path.relative(ROOT, file), ...loadedAtImport(file)]));
    const offenders = [...loaded].flatMap((name) =>
      environmentReadsAtImport(path.join(ROOT, name)).map((line) => `${name}:${line}`),
    );
    expect(offenders).toEqual([]);
    // The check finds such reads, and only outside functions: the tests' deployment module reads where
    // the outputs are when imported; `loadEnv` reads the environment only when called.
    expect(environmentReadsAtImport(path.join(ROOT, 'tests/support/deployment.ts')).length).toBeGreaterThan(
      0,
    );
    expect(environmentReadsAtImport(path.join(ROOT, 'shared/config/env.ts'))).toEqual([]);
  });

  it('sees the imports it checks', () => {
    // The rules above pass vacuously if imports are not found: the contracts do import the domain.
    expect(violations('shared/contracts', under('shared/domain')).length).toBeGreaterThan(0);
    expect(importsOf(path.join(ROOT, 'shared/http/errors.ts'))).toContain('shared/domain/common/errors.ts');
  });
});
