import { createHash, randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { SubmitDossierRequestSchema } from '../../../shared/contracts/dossiers.ts';
import { DomainError } from '../../../shared/domain/common/errors.ts';
import {
  ATTACHMENT_KEY_PATTERN,
  attachmentAlreadyUsed,
  attachmentKey,
  dossierFileKey,
  isSafeFileName,
  repeatedUploads,
  sniffContentType,
  typeOfFileName,
  uploadName,
} from '../../../shared/domain/intake/attachment.ts';
import { declaredImageSize } from '../../../shared/domain/intake/file-structure.ts';
import { checkUploadedFile, isCheckedFile } from '../../../shared/domain/intake/intake.ts';
import { statusOf } from '../../../shared/http/errors.ts';
import { jpegHeader, pngHeader, ZIP_HEAD } from '../../support/images.ts';
import { samplePdf, samplePng } from '../../support/sample-files.ts';

const key = (n: number) => `uploads/2026-11-24/00000000-0000-4000-8000-00000000000${n}.pdf`;
const request = {
  procedureCode: '1.001193.000.00.00.H56',
  applicant: { fullName: 'A', idNumber: '038099001234', address: 'B', phone: '0912345678' },
};
const uploaded = (bytes: Uint8Array, contentType?: string) => ({
  sizeBytes: bytes.byteLength,
  bytes,
  contentType,
});
/** The English message of a refusal, or the checked file. */
const verdict = async (...args: Parameters<typeof checkUploadedFile>) => {
  const outcome = await checkUploadedFile(...args);
  return isCheckedFile(outcome) ? outcome : outcome.en;
};

describe('attachments are judged by their bytes', () => {
  it('recognises PDF, PNG and JPEG signatures, as a hint', () => {
    expect(sniffContentType(new TextEncoder().encode('%PDF-1.7\n'))).toBe('application/pdf');
    expect(sniffContentType(pngHeader(1240, 1754))).toBe('image/png');
    expect(sniffContentType(new Uint8Array([0xff, 0xd8, 0xff, 0xe0]))).toBe('image/jpeg');
    expect(sniffContentType(new TextEncoder().encode('<html>'))).toBeUndefined();
    expect(sniffContentType(ZIP_HEAD)).toBeUndefined();
  });

  it('answers the type, size and SHA-256 of exactly the bytes checked', async () => {
    const pdf = await samplePdf();
    expect(await verdict('giay-chung-sinh.pdf', uploaded(pdf, 'application/pdf'))).toEqual({
      contentType: 'application/pdf',
      sizeBytes: pdf.byteLength,
      sha256: createHash('sha256').update(pdf).digest('hex'),
    });
    const png = samplePng(40, 30);
    expect(await verdict('anh.PNG', uploaded(png, 'image/png'))).toMatchObject({ contentType: 'image/png' });
  });

  it('names the file when it is missing, too large, not allowed, another type or damaged', async () => {
    const pdf = await samplePdf();
    expect(await verdict('a.pdf', undefined)).toBe('No file was uploaded for a.pdf.');
    expect(await verdict('a.pdf', { sizeBytes: 20 * 1024 * 1024 })).toBe(
      'a.pdf is too large (10 MB at most).',
    );
    expect(await verdict('ho-so.pdf', uploaded(ZIP_HEAD, 'application/pdf'))).toBe(
      'ho-so.pdf is not a PDF, JPEG or PNG.',
    );
    expect(
      await verdict('setup.pdf', uploaded(new Uint8Array([0x4d, 0x5a, 0x90, 0]), 'application/pdf')),
    ).toBe('setup.pdf is not a PDF, JPEG or PNG.');
    // A PNG renamed .pdf, or uploaded as application/pdf
    expect(await verdict('scan.pdf', uploaded(samplePng(4, 4), 'image/png'))).toMatch(
      /^The content of scan\.pdf is image\/png/,
    );
    expect(await verdict('scan.png', uploaded(samplePng(4, 4), 'application/pdf'))).toMatch(
      /^The content of scan\.png is image\/png/,
    );
    // A real PDF under a name of no allowed type
    expect(await verdict('don.docx', uploaded(pdf))).toMatch(/^The content of don\.docx is application\/pdf/);
    expect(
      await verdict('to-khai.pdf', uploaded(new TextEncoder().encode('%PDF-1.7\n<html></html>\n%%EOF'))),
    ).toBe(
      'to-khai.pdf is not a valid PDF file: its structure is damaged, incomplete or holds foreign content.',
    );
    expect(await verdict('anh.png', uploaded(pngHeader(50_000, 50_000)))).toMatch(
      /^anh\.png: the image declares too many pixels/,
    );
  });

  it('gives every refusal in both languages, naming the file in each', async () => {
    const outcome = await checkUploadedFile('giấy tờ.pdf', uploaded(ZIP_HEAD));
    expect(isCheckedFile(outcome)).toBe(false);
    if (isCheckedFile(outcome)) return;
    expect(outcome.vi).toBe('Tệp giấy tờ.pdf không phải PDF, JPEG hoặc PNG.');
    expect(outcome.en).toContain('giấy tờ.pdf');
  });

  it('reads the pixel size a PNG or JPEG declares in its header', () => {
    expect(declaredImageSize('image/png', pngHeader(50_000, 50_000))).toEqual({
      width: 50_000,
      height: 50_000,
    });
    expect(declaredImageSize('image/jpeg', jpegHeader(4032, 3024))).toEqual({ width: 4032, height: 3024 });
    expect(declaredImageSize('image/jpeg', pngHeader(10, 10))).toBeUndefined();
    expect(declaredImageSize('image/png', pngHeader(10, 10).subarray(0, 16))).toBeUndefined();
    expect(declaredImageSize('image/jpeg', new Uint8Array([0xff, 0xd8, 0xff, 0xda, 0, 2]))).toBeUndefined();
  });
});

describe('an upload is bound to one dossier', () => {
  it('keeps the dossier’s copy outside the prefix upload forms may write', () => {
    expect(typeOfFileName('Giấy khai sinh.JPEG')).toBe('image/jpeg');
    expect(typeOfFileName('x.exe')).toBeUndefined();
    const copy = dossierFileKey('000.17.22.H56-261124-0001', 'attachments', uploadName(key(1)));
    expect(copy).toBe(
      'dossiers/000.17.22.H56-261124-0001/attachments/00000000-0000-4000-8000-000000000001.pdf',
    );
    expect(copy.startsWith('uploads/')).toBe(false);
  });

  it('refuses one upload named twice in a request, naming the repeat', () => {
    expect(() => repeatedUploads([key(1), key(2)], (i) => `attachments.${i}.key`)).not.toThrow();
    try {
      repeatedUploads([key(1), key(2), key(1)], (i) => `attachments.${i}.key`);
      expect.unreachable();
    } catch (error) {
      expect(statusOf(error as DomainError)).toBe(400);
      expect((error as DomainError).fields.map((f) => f.field)).toEqual(['attachments.2.key']);
    }
  });

  it('answers 409 naming each file already in a dossier, in both languages', () => {
    const error = attachmentAlreadyUsed([{ field: 'attachments.1.key', fileName: 'to-khai.pdf' }]);
    expect(error).toBeInstanceOf(DomainError);
    expect(statusOf(error)).toBe(409);
    expect(error.fields).toEqual([
      {
        field: 'attachments.1.key',
        message: {
          vi: 'Tệp to-khai.pdf đã thuộc về một hồ sơ khác.',
          en: 'to-khai.pdf already belongs to another dossier.',
        },
      },
    ]);
  });
});

describe('upload keys', () => {
  it('begin with a spread folder from the uuid, so that each day’s uploads fall under 256 prefixes', () => {
    const uuid = '3f2b8c1e-0000-4000-8000-00000000000a';
    expect(attachmentKey(uuid, '2026-12-03', 'image/jpeg')).toBe(`uploads/3f/2026-12-03/${uuid}.jpg`);
    const folders = new Set(
      Array.from(
        { length: 8000 },
        () => attachmentKey(randomUUID(), '2026-12-03', 'application/pdf').split('/')[1],
      ),
    );
    expect(folders.size).toBe(256);
  });

  it('are accepted as given now and as given before the spread folder, and nothing else', () => {
    const uuid = '3f2b8c1e-0000-4000-8000-00000000000a';
    for (const accepted of [`uploads/3f/2026-12-03/${uuid}.pdf`, `uploads/2026-12-03/${uuid}.png`])
      expect(ATTACHMENT_KEY_PATTERN.test(accepted), accepted).toBe(true);
    for (const refused of [
      `uploads/3F/2026-12-03/${uuid}.pdf`,
      `uploads/3f2/2026-12-03/${uuid}.pdf`,
      `uploads/3f/3f/2026-12-03/${uuid}.pdf`,
      `uploads/../2026-12-03/${uuid}.pdf`,
      `dossiers/3f/2026-12-03/${uuid}.pdf`,
      `uploads/3f/2026-12-03/${uuid}.exe`,
      `uploads/3f/2026-12-03/${uuid}.pdf/x`,
    ])
      expect(ATTACHMENT_KEY_PATTERN.test(refused), refused).toBe(false);
  });
});

describe('file names', () => {
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
