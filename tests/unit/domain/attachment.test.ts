import { describe, expect, it } from 'vitest';
import { SubmitDossierRequestSchema } from '../../../shared/contracts/dossiers.ts';
import {
  checkImageSize,
  declaredImageSize,
  isSafeFileName,
  sniffContentType,
} from '../../../shared/domain/attachment.ts';
import { DomainError } from '../../../shared/domain/errors.ts';
import { checkAttachments } from '../../../shared/domain/intake.ts';
import { jpegHeader, pngHeader, ZIP_HEAD } from '../../support/images.ts';

const pdf = new TextEncoder().encode('%PDF-1.7\n');
const png = pngHeader(1240, 1754);
const key = (n: number) => `uploads/2026-11-24/00000000-0000-4000-8000-00000000000${n}.pdf`;
const request = SubmitDossierRequestSchema.parse({
  procedureCode: '1.001193.000.00.00.H56',
  applicant: { fullName: 'A', idNumber: '038099001234', address: 'B', phone: '0912345678' },
  attachments: [
    { key: key(1), fileName: 'a.pdf' },
    { key: key(2), fileName: 'b.png' },
  ],
});

describe('attachments are judged by their bytes', () => {
  it('recognises PDF, PNG and JPEG signatures', () => {
    expect(sniffContentType(pdf)).toBe('application/pdf');
    expect(sniffContentType(png)).toBe('image/png');
    expect(sniffContentType(new Uint8Array([0xff, 0xd8, 0xff, 0xe0]))).toBe('image/jpeg');
    expect(sniffContentType(new TextEncoder().encode('<html>'))).toBeUndefined();
  });

  it('accepts uploaded files of the allowed types', () => {
    expect(
      checkAttachments(request, [
        { sizeBytes: 10, head: pdf },
        { sizeBytes: 10, head: png },
      ]),
    ).toEqual(['application/pdf', 'image/png']);
  });

  it('names each missing, oversize or disguised file by its position', () => {
    try {
      checkAttachments(request, [undefined, { sizeBytes: 20 * 1024 * 1024, head: pdf }]);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(DomainError);
      expect((error as DomainError).fields.map((f) => f.field)).toEqual([
        'attachments.0.key',
        'attachments.1.key',
      ]);
      expect((error as DomainError).statusCode).toBe(422);
    }
    expect(() =>
      checkAttachments(request, [
        { sizeBytes: 6, head: new TextEncoder().encode('<html>') },
        { sizeBytes: 1, head: pdf },
      ]),
    ).toThrow(DomainError);
  });
});

describe('hostile attachments', () => {
  const refusal = (uploads: Parameters<typeof checkAttachments>[1]) => {
    try {
      checkAttachments(request, uploads);
    } catch (error) {
      return (error as DomainError).fields.map((f) => `${f.field}: ${f.message.en}`);
    }
    return [];
  };

  it('reads the pixel size a PNG or JPEG declares in its header', () => {
    expect(declaredImageSize('image/png', pngHeader(50_000, 50_000))).toEqual({
      width: 50_000,
      height: 50_000,
    });
    expect(declaredImageSize('image/jpeg', jpegHeader(4032, 3024))).toEqual({ width: 4032, height: 3024 });
    expect(declaredImageSize('image/png', png.subarray(0, 16))).toBeUndefined();
    expect(declaredImageSize('image/jpeg', new Uint8Array([0xff, 0xd8, 0xff, 0xda, 0, 2]))).toBeUndefined();
  });

  it('refuses images declaring more than 12,000 px a side or 60 megapixels, small on disk or not', () => {
    expect(checkImageSize('image/png', pngHeader(50_000, 50_000))).toBe('too-large');
    expect(checkImageSize('image/png', pngHeader(12_001, 10))).toBe('too-large');
    expect(checkImageSize('image/jpeg', jpegHeader(9000, 9000))).toBe('too-large');
    expect(checkImageSize('image/jpeg', jpegHeader(4032, 3024))).toBe('ok');
    expect(checkImageSize('image/png', pngHeader(0, 10))).toBe('unreadable');
    expect(checkImageSize('application/pdf', pdf)).toBe('ok');
    expect(
      refusal([
        { sizeBytes: 10, head: pdf },
        { sizeBytes: 33, head: pngHeader(50_000, 50_000) },
      ]),
    ).toEqual([expect.stringMatching(/^attachments\.1\.key: The image declares too many pixels/)]);
  });

  it('refuses a file whose bytes are another type than its name or its upload declared', () => {
    // A PNG renamed .pdf
    const spoofed = SubmitDossierRequestSchema.parse({
      ...request,
      attachments: [{ key: key(1), fileName: 'scan.pdf' }],
    });
    expect(() => checkAttachments(spoofed, [{ sizeBytes: 33, head: png, contentType: 'image/png' }])).toThrow(
      DomainError,
    );
    // Uploaded as application/pdf, but a PNG inside
    expect(
      refusal([
        { sizeBytes: 10, head: pdf },
        { sizeBytes: 33, head: png, contentType: 'application/pdf' },
      ]),
    ).toEqual([expect.stringMatching(/^attachments\.1\.key: The file's content is image\/png/)]);
  });

  it('refuses archives, whatever they are called', () => {
    const zip = ZIP_HEAD;
    expect(sniffContentType(zip)).toBeUndefined();
    expect(
      refusal([
        { sizeBytes: 10, head: pdf },
        { sizeBytes: 8, head: zip },
      ]),
    ).toEqual(['attachments.1.key: The file is not a PDF, JPEG or PNG.']);
  });

  it('refuses file names that are paths, parent references, quotes or control characters', () => {
    for (const name of [
      '../../etc/passwd.pdf',
      'a/b.pdf',
      'a\\b.pdf',
      '.htaccess.pdf',
      'x"; y.pdf',
      'a\r\nb.pdf',
    ])
      expect(isSafeFileName(name), name).toBe(false);
    for (const name of ['Giấy khai sinh (bản sao).pdf', 'CCCD mặt trước.jpg', 'don-de-nghi_2026.PNG'])
      expect(isSafeFileName(name), name).toBe(true);
    const parsed = SubmitDossierRequestSchema.safeParse({
      ...request,
      attachments: [{ key: key(1), fileName: '../../etc/passwd.pdf' }],
    });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.path).toEqual(['attachments', 0, 'fileName']);
  });
});
