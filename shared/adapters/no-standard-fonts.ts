/**
 * Stands in for `@pdf-lib/standard-fonts` inside the function bundles (an esbuild alias, see
 * `infra/constructs/app-function.ts`). The standard PDF fonts have no Vietnamese glyphs, so every
 * document the platform draws embeds DejaVu (`shared/adapters/pdf-text.ts`) and intake only parses
 * uploaded PDFs; yet pdf-lib imports the fonts' compressed metrics (about 127 KB of a bundle) for
 * `embedStandardFont`. Only the font names stay (pdf-lib validates against them); embedding a
 * standard font fails loudly.
 */
export enum FontNames {
  Courier = 'Courier',
  CourierBold = 'Courier-Bold',
  CourierOblique = 'Courier-Oblique',
  CourierBoldOblique = 'Courier-BoldOblique',
  Helvetica = 'Helvetica',
  HelveticaBold = 'Helvetica-Bold',
  HelveticaOblique = 'Helvetica-Oblique',
  HelveticaBoldOblique = 'Helvetica-BoldOblique',
  TimesRoman = 'Times-Roman',
  TimesRomanBold = 'Times-Bold',
  TimesRomanItalic = 'Times-Italic',
  TimesRomanBoldItalic = 'Times-BoldItalic',
  Symbol = 'Symbol',
  ZapfDingbats = 'ZapfDingbats',
}

/** pdf-lib calls `Font.load(name)` only to embed a standard font. */
export const Font = {
  load(name: string): never {
    throw new Error(`The standard font ${name} is not bundled into this function (no Vietnamese glyphs)`);
  },
};

export const Encodings = {};
