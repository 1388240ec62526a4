import { readFileSync } from 'node:fs';
import { PDFDict, type PDFDocument, PDFName } from 'pdf-lib';

/** The fonts the functions bundle, read from the npm package as the tests run. */
export const dejaVuFonts = {
  regular: readFileSync('node_modules/dejavu-fonts-ttf/ttf/DejaVuSans.ttf'),
  bold: readFileSync('node_modules/dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf'),
};

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
