/**
 * Counts type assertions (`x as T`, `<T>x`; `as const` excluded) per top-level folder, and the imports
 * between shared/domain and shared/contracts, so the layering can be measured before and after a change.
 *   npx tsx scripts/count-casts.ts            figures by folder
 *   npx tsx scripts/count-casts.ts --list     also every cast with file:line
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

const ROOT = path.resolve(import.meta.dirname, '..');
const FOLDERS = ['shared', 'functions', 'infra', 'web'];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && /\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts'))
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort();
}

function isConstAssertion(type: ts.TypeNode): boolean {
  return ts.isTypeReferenceNode(type) && ts.isIdentifier(type.typeName) && type.typeName.text === 'const';
}

export function castsIn(fileName: string, text: string): number[] {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true);
  const lines: number[] = [];
  const visit = (node: ts.Node): void => {
    if ((ts.isAsExpression(node) || ts.isTypeAssertionExpression(node)) && !isConstAssertion(node.type)) {
      lines.push(source.getLineAndCharacterOfPosition(node.type.getStart(source)).line + 1);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return lines;
}

function importsBetween(from: string, to: string): number {
  const target = path.join(ROOT, to);
  let count = 0;
  for (const file of sourceFiles(path.join(ROOT, from))) {
    const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
    for (const statement of source.statements) {
      const specifier =
        (ts.isImportDeclaration(statement) || ts.isExportDeclaration(statement)) && statement.moduleSpecifier;
      if (!specifier || !ts.isStringLiteral(specifier) || !specifier.text.startsWith('.')) continue;
      if (path.resolve(path.dirname(file), specifier.text).startsWith(`${target}${path.sep}`)) count++;
    }
  }
  return count;
}

const list = process.argv.includes('--list');
let total = 0;
for (const folder of FOLDERS) {
  let inFolder = 0;
  for (const file of sourceFiles(path.join(ROOT, folder))) {
    const lines = castsIn(file, readFileSync(file, 'utf8'));
    inFolder += lines.length;
    if (list) for (const line of lines) console.log(`  ${path.relative(ROOT, file)}:${line}`);
  }
  console.log(`${folder}: ${inFolder} casts`);
  total += inFolder;
}
console.log(`total: ${total} casts`);
console.log(
  `shared/domain -> shared/contracts: ${importsBetween('shared/domain', 'shared/contracts')} imports`,
);
console.log(
  `shared/contracts -> shared/domain: ${importsBetween('shared/contracts', 'shared/domain')} imports`,
);
