/** Pure parts of `bench/bundles.ts`: what a bundle is made of, and how its figures compare to the targets. */

export const BUNDLE_TARGET_BYTES = 250 * 1024;
export const INIT_ALLOWANCE_MS = 50;

/** The part of an esbuild metafile the report reads. */
export interface Metafile {
  outputs: Record<string, { bytes: number; inputs: Record<string, { bytesInOutput: number }> }>;
}

/**
 * The module an input file belongs to: its npm package (`@smithy/core`, `zod`), or the project file
 * itself. Nested copies (`a/node_modules/b`) count as `b`; esbuild's namespaces (`<runtime>`) stay.
 */
export function moduleOf(input: string): string {
  const marker = 'node_modules/';
  const at = input.lastIndexOf(marker);
  if (at < 0) return input;
  const [first = '', second = ''] = input.slice(at + marker.length).split('/');
  return first.startsWith('@') ? `${first}/${second}` : first;
}

/** Bytes each module contributes to the JavaScript output (source maps and metafiles left out), largest first. */
export function modulesBySize(metafile: Metafile): { module: string; bytes: number }[] {
  const sizes = new Map<string, number>();
  for (const [file, output] of Object.entries(metafile.outputs)) {
    if (!/\.m?js$/.test(file)) continue;
    for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
      const module = moduleOf(input);
      sizes.set(module, (sizes.get(module) ?? 0) + bytesInOutput);
    }
  }
  return [...sizes]
    .map(([module, bytes]) => ({ module, bytes }))
    .filter(({ bytes }) => bytes > 0)
    .sort((a, b) => b.bytes - a.bytes || a.module.localeCompare(b.module));
}

/**
 * A PDF function renders documents with embedded fonts (fontkit is in its bundle), so the size
 * target does not apply. Functions that only parse uploaded PDFs (intake's file check) are not.
 */
export function rendersPdf(metafile: Metafile): boolean {
  return modulesBySize(metafile).some(({ module }) => module === '@pdf-lib/fontkit');
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

export interface BundleFigures {
  name: string;
  bytes: number;
  pdf: boolean;
  initMs: number;
}

/** One line per function that misses a target: size for non-PDF functions, init over the empty bundle for all. */
export function missedTargets(rows: readonly BundleFigures[], emptyInitMs: number): string[] {
  const lines: string[] = [];
  for (const row of rows) {
    if (!row.pdf && row.bytes > BUNDLE_TARGET_BYTES)
      lines.push(
        `${row.name}: ${kb(row.bytes)} KB minified, ${kb(row.bytes - BUNDLE_TARGET_BYTES)} KB over the ${kb(BUNDLE_TARGET_BYTES)} KB target`,
      );
    const over = row.initMs - emptyInitMs;
    if (over > INIT_ALLOWANCE_MS)
      lines.push(
        `${row.name}: init ${over.toFixed(1)} ms over the empty bundle, target ≤ ${INIT_ALLOWANCE_MS} ms`,
      );
  }
  return lines;
}

export const kb = (bytes: number) => Math.round(bytes / 102.4) / 10;
