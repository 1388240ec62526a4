import {
  decodePDFRawStream,
  PDFArray,
  PDFDict,
  PDFDocument,
  PDFName,
  PDFRawStream,
  type PDFRef,
  PDFStream,
} from 'pdf-lib';

/** The bytes of a stream object, decompressed. */
function streamBytes(stream: PDFStream): Uint8Array {
  return stream instanceof PDFRawStream ? decodePDFRawStream(stream).decode() : stream.getContents();
}

/** Glyph code → text, from a font's ToUnicode CMap (bfchar and bfrange entries). */
function toUnicodeMap(cmap: string): Map<string, string> {
  const map = new Map<string, string>();
  const hexText = (hex: string) =>
    String.fromCodePoint(...(hex.match(/.{4}/g) ?? []).map((unit) => Number.parseInt(unit, 16)));
  for (const block of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g))
    for (const [, code = '', text = ''] of (block[1] ?? '').matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>/g))
      map.set(code.toUpperCase(), hexText(text));
  for (const block of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g))
    for (const [, from = '', to = '', text = ''] of (block[1] ?? '').matchAll(
      /<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>/g,
    )) {
      const start = Number.parseInt(from, 16);
      const first = Number.parseInt(text, 16);
      for (let code = start; code <= Number.parseInt(to, 16); code += 1)
        map.set(
          code.toString(16).toUpperCase().padStart(from.length, '0'),
          String.fromCodePoint(first + code - start),
        );
    }
  return map;
}

/**
 * The text a PDF shows, page by page, read the way a viewer maps glyphs back to characters (through
 * each font's ToUnicode map). Enough for the platform's own forms, which draw hex-encoded glyph runs.
 */
export async function pdfText(bytes: Uint8Array): Promise<string> {
  const pdf = await PDFDocument.load(bytes);
  const lines: string[] = [];
  for (const page of pdf.getPages()) {
    const maps = new Map<string, Map<string, string>>();
    const fonts = page.node.Resources()?.lookupMaybe(PDFName.of('Font'), PDFDict);
    for (const [name, ref] of fonts?.entries() ?? []) {
      const font = pdf.context.lookup(ref as PDFRef, PDFDict);
      const toUnicode = font.lookupMaybe(PDFName.of('ToUnicode'), PDFStream);
      if (toUnicode)
        maps.set(name.asString(), toUnicodeMap(new TextDecoder().decode(streamBytes(toUnicode))));
    }
    const contents = page.node.Contents();
    const streams =
      contents instanceof PDFArray
        ? contents.asArray().map((ref) => pdf.context.lookup(ref, PDFStream))
        : contents
          ? [contents]
          : [];
    let map = new Map<string, string>();
    for (const stream of streams) {
      const ops = new TextDecoder('latin1').decode(streamBytes(stream));
      for (const [, font, hex] of ops.matchAll(/(\/[^\s/]+)\s+[\d.]+\s+Tf|<([0-9A-Fa-f]*)>\s*Tj/g)) {
        if (font) map = maps.get(font) ?? new Map();
        if (hex !== undefined) {
          const width = [...map.keys()][0]?.length ?? 4;
          lines.push(
            (hex.match(new RegExp(`.{${width}}`, 'g')) ?? [])
              .map((code) => map.get(code.toUpperCase()) ?? '�')
              .join(''),
          );
        }
      }
    }
  }
  return lines.join('\n');
}

/** Names of entries that make a PDF run code or act on opening, found in any of its objects. */
export async function pdfActiveContent(bytes: Uint8Array): Promise<string[]> {
  const pdf = await PDFDocument.load(bytes);
  const risky = ['JavaScript', 'JS', 'OpenAction', 'AA', 'Launch', 'EmbeddedFile', 'SubmitForm', 'RichMedia'];
  const found = new Set<string>();
  for (const [, object] of pdf.context.enumerateIndirectObjects()) {
    const dict = object instanceof PDFDict ? object : object instanceof PDFStream ? object.dict : undefined;
    for (const key of dict?.keys() ?? []) {
      const name = key.asString().slice(1);
      if (risky.includes(name)) found.add(name);
    }
    for (const value of dict?.values() ?? [])
      if (value instanceof PDFName && risky.includes(value.asString().slice(1))) found.add(value.asString());
  }
  return [...found];
}
