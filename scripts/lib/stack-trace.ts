import { SourceMap } from 'node:module';

/**
 * Replaces each position in a minified bundle (`…/index.mjs:LINE:COLUMN`) of a stack trace with the
 * source file, line and column the function's source map gives; positions it cannot map stay as
 * they were.
 */
export function decodeStackTrace(trace: string, sourceMap: SourceMap): string {
  return trace.replace(/(?:file:\/\/)?[^\s()]*index\.mjs:(\d+):(\d+)/g, (position, line, column) => {
    const entry = sourceMap.findEntry(Number(line) - 1, Number(column) - 1);
    if (!('originalSource' in entry) || !entry.originalSource) return position;
    return `${entry.originalSource}:${entry.originalLine + 1}:${entry.originalColumn + 1}`;
  });
}

export function parseSourceMap(json: string): SourceMap {
  return new SourceMap(JSON.parse(json));
}
