import fontkit from '@pdf-lib/fontkit';
import type { PDFDocument, PDFFont } from 'pdf-lib';
import { subsetCovers } from './font-subset.ts';

/** A regular and a bold font program (TrueType bytes). */
export interface FontPrograms {
  regular: Uint8Array;
  bold: Uint8Array;
}

/**
 * The fonts with Vietnamese glyphs (DejaVu Sans from npm): the subset every document is drawn with
 * when it covers the document's text (`font-subset.ts`), and the whole fonts otherwise. Both are
 * read on first use, not when the function starts.
 */
export interface PdfFonts {
  subset(): FontPrograms;
  full(): FontPrograms;
}

export const A4 = { width: 595.28, height: 841.89 };

/**
 * Embeds the fonts that draw every character of `text` (what the document prints beyond its own
 * labels, which the subset covers): the standard PDF fonts have no Vietnamese glyphs, so every
 * document embeds DejaVu through fontkit, itself cut again to the glyphs used.
 */
export async function embedFonts(
  pdf: PDFDocument,
  fonts: PdfFonts,
  text: string,
): Promise<{ regular: PDFFont; bold: PDFFont }> {
  pdf.registerFontkit(fontkit);
  const programs = subsetCovers(text) ? fonts.subset() : fonts.full();
  return {
    regular: await pdf.embedFont(programs.regular, { subset: true }),
    bold: await pdf.embedFont(programs.bold, { subset: true }),
  };
}

/** Breaks text into lines no wider than `width`, on spaces and at explicit line breaks. */
export function wrap(text: string, font: PDFFont, size: number, width: number): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    for (const word of paragraph.split(/\s+/)) {
      const candidate = line ? `${line} ${word}` : word;
      if (font.widthOfTextAtSize(candidate, size) <= width) {
        line = candidate;
        continue;
      }
      if (line) lines.push(line);
      // A word longer than the line (a signature, a key ARN) is cut where it overflows.
      let rest = word;
      while (font.widthOfTextAtSize(rest, size) > width) {
        let cut = rest.length;
        while (cut > 1 && font.widthOfTextAtSize(rest.slice(0, cut), size) > width) cut -= 1;
        lines.push(rest.slice(0, cut));
        rest = rest.slice(cut);
      }
      line = rest;
    }
    lines.push(line);
  }
  return lines;
}
