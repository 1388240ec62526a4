import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import subsetFont from 'subset-font';
import { subsetCharacters } from '../../shared/adapters/font-subset.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const SOURCE_DIR = path.join(ROOT, 'node_modules', 'dejavu-fonts-ttf', 'ttf');
export const SUBSETS_DIR = path.join(ROOT, 'shared', 'adapters', 'fonts');

/**
 * Each bundled subset (gzipped, as the functions import it) and the DejaVu Sans file it is cut from,
 * regular then bold. `shared/adapters/dejavu-fonts.ts` imports the same files by name, as esbuild
 * needs static imports.
 */
export const FONT_SUBSETS = [
  { file: 'DejaVuSans-vi.ttf.gz', source: 'DejaVuSans.ttf' },
  { file: 'DejaVuSans-Bold-vi.ttf.gz', source: 'DejaVuSans-Bold.ttf' },
] as const;

export function sourceFont(source: string): Buffer {
  return readFileSync(path.join(SOURCE_DIR, source));
}

/**
 * The subset of `source` with the glyphs of `FONT_SUBSET_RANGES` (and those its layout tables reach
 * from them), as TrueType, gzipped. hb-subset keeps the font's names and metrics, so text set with
 * the subset measures exactly as with the whole font.
 */
export async function fontSubset(source: string): Promise<Buffer> {
  const subset = await subsetFont(sourceFont(source), subsetCharacters(), { targetFormat: 'truetype' });
  return gzipSync(subset, { level: 9 });
}
