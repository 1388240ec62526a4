import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

export const ROOT = path.resolve(import.meta.dirname, '../..');
/** The folders whose code is deployed or served; tests and scripts are not counted. */
export const CAST_FOLDERS = ['shared', 'functions', 'infra', 'web'];

export function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && /\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts'))
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort();
}

function isConstAssertion(type: ts.TypeNode): boolean {
  return ts.isTypeReferenceNode(type) && ts.isIdentifier(type.typeName) && type.typeName.text === 'const';
}

/** The lines of the type assertions (`x as T`, `<T>x`; `as const` excluded) in a file's text. */
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

/** Every cast of a folder as `path:line`, the path from the root. */
export function castsUnder(folder: string): string[] {
  return sourceFiles(path.join(ROOT, folder)).flatMap((file) =>
    castsIn(file, readFileSync(file, 'utf8')).map((line) => `${path.relative(ROOT, file)}:${line}`),
  );
}
