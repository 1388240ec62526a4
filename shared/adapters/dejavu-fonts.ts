import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import fullRegularFile from 'dejavu-fonts-ttf/ttf/DejaVuSans.ttf';
import fullBoldFile from 'dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf';
import subsetBold from './fonts/DejaVuSans-Bold-vi.ttf.gz';
import subsetRegular from './fonts/DejaVuSans-vi.ttf.gz';
import type { FontPrograms, PdfFonts } from './pdf-text.ts';

const once = <T>(read: () => T): (() => T) => {
  let value: T | undefined;
  return () => {
    value ??= read();
    return value;
  };
};

/**
 * DejaVu Sans as the PDF functions carry it: the subsets gzipped inside the bundle (33 and 30 KB), the whole fonts as files beside it (esbuild's file loader names them relative to the
 * bundle), read only by a document that needs a character outside the subset.
 */
export const dejaVuSans: PdfFonts = {
  subset: once<FontPrograms>(() => ({ regular: gunzipSync(subsetRegular), bold: gunzipSync(subsetBold) })),
  full: once<FontPrograms>(() => ({
    regular: readFileSync(new URL(fullRegularFile, import.meta.url)),
    bold: readFileSync(new URL(fullBoldFile, import.meta.url)),
  })),
};
