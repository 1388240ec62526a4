import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { PDFDict, type PDFDocument, PDFName } from 'pdf-lib';
import { FONT_SUBSETS, SUBSETS_DIR, sourceFont } from '../../scripts/lib/font-subsets.ts';
import type { FontPrograms, PdfFonts } from '../../shared/adapters/pdf-text.ts';

const [regularFiles, boldFiles] = FONT_SUBSETS;
const subsetFonts: FontPrograms = {
  regular: gunzipSync(readFileSync(path.join(SUBSETS_DIR, regularFiles.file))),
  bold: gunzipSync(readFileSync(path.join(SUBSETS_DIR, boldFiles.file))),
};
const fullFonts: FontPrograms = {
  regular: sourceFont(regularFiles.source),
  bold: sourceFont(boldFiles.source),
};

/** The fonts the functions bundle (the committed subsets, the npm package's whole fonts), read as the tests run. */
export const dejaVuFonts: PdfFonts = { subset: () => subsetFonts, full: () => fullFonts };

/** The same fonts, counting which of them each document was drawn with. */
export function countedFonts(): PdfFonts & { reads: { subset: number; full: number } } {
  const reads = { subset: 0, full: 0 };
  return {
    reads,
    subset: () => {
      reads.subset += 1;
      return subsetFonts;
    },
    full: () => {
      reads.full += 1;
      return fullFonts;
    },
  };
}

/** Every font descriptor of a document, with whether its font program is embedded. */
export function embeddedFonts(pdf: PDFDocument): { name: string; embedded: boolean }[] {
  return pdf.context
    .enumerateIndirectObjects()
    .map(([, object]) => object)
    .filter(
      (object): object is PDFDict =>
        object instanceof PDFDict && object.get(PDFName.of('Type')) === PDFName.of('FontDescriptor'),
    )
    .map((descriptor) => ({
      name: String(descriptor.get(PDFName.of('FontName'))),
      embedded: descriptor.get(PDFName.of('FontFile2')) !== undefined,
    }));
}
