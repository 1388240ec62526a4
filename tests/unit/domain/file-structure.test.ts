import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  checkImageSize,
  declaredImageSize,
  examineFile,
  isCompleteJpeg,
  isIntactPng,
  isReadablePdf,
} from '../../../shared/domain/intake/file-structure.ts';
import { jpegHeader, pngHeader } from '../../support/images.ts';
import { samplePdf, samplePng } from '../../support/sample-files.ts';

const encode = (text: string) => new TextEncoder().encode(text);
const HTML_AFTER_PDF_HEADER = encode(
  '%PDF-1.7\n<html><body><script>alert(1)</script></body></html>\n%%EOF\n',
);
const EXECUTABLE = new Uint8Array([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04, 0x00]);

/** A baseline JPEG's markers: header, a scan with a few data bytes, and (unless cut off) its end. */
function jpeg(width: number, height: number, complete = true): Uint8Array {
  const sos = [0xff, 0xda, 0, 8, 1, 1, 0, 0, 0x3f, 0, 0x12, 0x34, 0xff, 0x00, 0x56];
  return new Uint8Array([...jpegHeader(width, height), ...sos, ...(complete ? [0xff, 0xd9] : [])]);
}

describe('a PDF is accepted by its structure, not its first bytes', () => {
  it('accepts a real PDF', async () => {
    const pdf = await samplePdf();
    expect(await isReadablePdf(pdf)).toBe(true);
    expect(await examineFile(pdf, 'application/pdf')).toBeUndefined();
  });

  it('refuses %PDF- followed by HTML, with or without a trailer', async () => {
    expect(await examineFile(HTML_AFTER_PDF_HEADER, 'application/pdf')).toEqual({
      kind: 'damaged',
      type: 'application/pdf',
    });
    expect(await isReadablePdf(encode('%PDF-1.4\n<html></html>\n'))).toBe(false);
  });

  it('refuses a PDF cut off, even with a trailer put back', async () => {
    const pdf = await samplePdf();
    const half = pdf.subarray(0, Math.floor(pdf.byteLength / 2));
    expect(await isReadablePdf(half)).toBe(false);
    expect(await isReadablePdf(new Uint8Array([...half, ...encode('\n%%EOF\n')]))).toBe(false);
    // Without its last bytes (the %%EOF trailer), even though every object is there.
    expect(await isReadablePdf(pdf.subarray(0, pdf.byteLength - 8))).toBe(false);
  });

  it('refuses a PDF without pages', async () => {
    const empty = encode(
      '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
    );
    expect(await isReadablePdf(empty)).toBe(false);
  });

  it('refuses an executable with a PDF name, and a PNG declared as a PDF', async () => {
    expect(await examineFile(EXECUTABLE, 'application/pdf')).toEqual({ kind: 'not-allowed' });
    expect(await examineFile(samplePng(10, 10), 'application/pdf')).toEqual({
      kind: 'other-type',
      sniffed: 'image/png',
    });
  });

  it('refuses random bytes after a PDF header, whatever they are', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 2000 }), async (body) => {
        const bytes = new Uint8Array([...encode('%PDF-1.7\n'), ...body, ...encode('\n%%EOF\n')]);
        expect(await isReadablePdf(bytes)).toBe(false);
      }),
      { numRuns: 200 },
    );
  });
});

describe('an image is accepted when its header decodes as the declared type and its structure is whole', () => {
  it('accepts a real PNG and a complete JPEG', async () => {
    expect(await examineFile(samplePng(120, 80), 'image/png')).toBeUndefined();
    expect(await examineFile(jpeg(640, 480), 'image/jpeg')).toBeUndefined();
  });

  it('refuses a PNG whose header was altered after its checksum was computed', async () => {
    const png = Buffer.from(samplePng(120, 80));
    png[19] = 0xff; // the width
    expect(declaredImageSize('image/png', png)).toBeDefined(); // the first bytes still look right
    expect(await examineFile(png, 'image/png')).toEqual({ kind: 'damaged', type: 'image/png' });
  });

  it('detects any change of one byte in a PNG chunk', () => {
    const png = samplePng(16, 16);
    fc.assert(
      fc.property(
        fc.integer({ min: 8, max: png.byteLength - 1 }),
        fc.integer({ min: 1, max: 255 }),
        (index, flip) => {
          const changed = Uint8Array.from(png);
          changed[index] = (changed[index] ?? 0) ^ flip;
          expect(isIntactPng(changed)).toBe(false);
        },
      ),
    );
    expect(isIntactPng(png)).toBe(true);
  });

  it('refuses a PNG header without a valid IHDR, cut off, or with something after its end', async () => {
    const png = samplePng(120, 80);
    const noIhdr = Buffer.from(png);
    noIhdr.write('IHDX', 12, 'latin1');
    expect(await examineFile(noIhdr, 'image/png')).toEqual({ kind: 'damaged', type: 'image/png' });
    expect(await examineFile(png.subarray(0, png.byteLength - 12), 'image/png')).toEqual({
      kind: 'damaged',
      type: 'image/png',
    });
    const polyglot = new Uint8Array([...png, ...encode('<script>alert(1)</script>')]);
    expect(await examineFile(polyglot, 'image/png')).toEqual({ kind: 'damaged', type: 'image/png' });
    // A header alone (no image data, no end) is not an image.
    expect(await examineFile(pngHeader(1240, 1754), 'image/png')).toEqual({
      kind: 'damaged',
      type: 'image/png',
    });
  });

  it('refuses a JPEG cut off before its end, and one declared as a PNG', async () => {
    expect(isCompleteJpeg(jpeg(640, 480, false))).toBe(false);
    expect(await examineFile(jpeg(640, 480, false), 'image/jpeg')).toEqual({
      kind: 'damaged',
      type: 'image/jpeg',
    });
    expect(await examineFile(jpeg(640, 480), 'image/png')).toEqual({
      kind: 'other-type',
      sniffed: 'image/jpeg',
    });
  });

  it('refuses images declaring more than 12,000 px a side or 60 megapixels before anything else', async () => {
    expect(await examineFile(pngHeader(50_000, 50_000), 'image/png')).toEqual({ kind: 'too-many-pixels' });
    expect(checkImageSize('image/png', pngHeader(12_001, 10))).toBe('too-large');
    expect(checkImageSize('image/jpeg', jpegHeader(9000, 9000))).toBe('too-large');
    expect(checkImageSize('image/jpeg', jpegHeader(4032, 3024))).toBe('ok');
    expect(checkImageSize('image/png', pngHeader(0, 10))).toBe('unreadable');
  });
});
