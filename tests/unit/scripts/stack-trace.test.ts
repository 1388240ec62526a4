import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { decodeStackTrace, parseSourceMap } from '../../../scripts/lib/stack-trace.ts';

describe('stack traces of minified functions, decoded offline', () => {
  it('maps a position in the bundle back to the line of the source that threw', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'stack-'));
    writeFileSync(
      path.join(dir, 'thrower.ts'),
      [
        'export function handler(input: number): number {',
        '  const doubled = input * 2;',
        "  if (doubled > 1) throw new Error('too large: ' + String(doubled));",
        '  return doubled;',
        '}',
        '',
      ].join('\n'),
    );
    await build({
      entryPoints: [path.join(dir, 'thrower.ts')],
      outfile: path.join(dir, 'out', 'index.mjs'),
      bundle: true,
      minify: true,
      format: 'esm',
      platform: 'node',
      sourcemap: 'external',
    });
    const bundle = (await import(pathToFileURL(path.join(dir, 'out', 'index.mjs')).href)) as {
      handler: (input: number) => number;
    };
    let stack = '';
    try {
      bundle.handler(5);
    } catch (error) {
      stack = (error as Error).stack ?? '';
    }
    expect(stack).toMatch(/index\.mjs:1:\d+/);
    const decoded = decodeStackTrace(
      stack,
      parseSourceMap(readFileSync(path.join(dir, 'out', 'index.mjs.map'), 'utf8')),
    );
    expect(decoded).toContain('too large: 10');
    expect(decoded).toMatch(/thrower\.ts:3:\d+/);
    expect(decoded).not.toMatch(/index\.mjs:1:\d+/);
  });

  it('leaves positions it cannot map as they were', () => {
    const empty = parseSourceMap(JSON.stringify({ version: 3, sources: [], names: [], mappings: '' }));
    const trace = 'Error: x\n    at f (file:///var/task/index.mjs:1:999)';
    expect(decodeStackTrace(trace, empty)).toBe(trace);
  });
});
