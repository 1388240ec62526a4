/**
 * Writes the DejaVu Sans subsets the PDF functions bundle (`shared/adapters/fonts/`) from the fonts of
 * the `dejavu-fonts-ttf` package, cut to `FONT_SUBSET_RANGES` (`shared/adapters/font-subset.ts`).
 * Run it after changing the ranges or upgrading the package; a unit test fails while the files
 * differ from what it writes.
 *   npm run fonts:subset
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { FONT_SUBSETS, fontSubset, SUBSETS_DIR, sourceFont } from './lib/font-subsets.ts';

for (const { file, source } of FONT_SUBSETS) {
  const bytes = await fontSubset(source);
  writeFileSync(path.join(SUBSETS_DIR, file), bytes);
  const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
  console.log(`${file}: ${kb(bytes.length)} gzipped, from ${source} (${kb(sourceFont(source).length)})`);
}
