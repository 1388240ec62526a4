/**
 * Counts type assertions (`x as T`, `<T>x`; `as const` excluded) per top-level folder, and the imports
 * between shared/domain and shared/contracts, so the layering can be measured before and after a change.
 *   npx tsx scripts/count-casts.ts            figures by folder
 *   npx tsx scripts/count-casts.ts --list     also every cast with file:line
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { CAST_FOLDERS, castsUnder, ROOT, sourceFiles } from './lib/casts.ts';

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
for (const folder of CAST_FOLDERS) {
  const casts = castsUnder(folder);
  if (list) for (const cast of casts) console.log(`  ${cast}`);
  console.log(`${folder}: ${casts.length} casts`);
  total += casts.length;
}
console.log(`total: ${total} casts`);
console.log(
  `shared/domain -> shared/contracts: ${importsBetween('shared/domain', 'shared/contracts')} imports`,
);
console.log(
  `shared/contracts -> shared/domain: ${importsBetween('shared/contracts', 'shared/domain')} imports`,
);
