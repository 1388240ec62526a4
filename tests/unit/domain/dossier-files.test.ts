import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { keysOf } from '../../../shared/domain/common/keys.ts';
import {
  asciiFileName,
  attachmentFile,
  contentDisposition,
  fileLink,
  previewDisposition,
  resultFile,
  resultReleased,
} from '../../../shared/domain/intake/dossier-files.ts';
import { AttachmentPathSchema } from '../../../shared/domain/intake/file-link-schema.ts';
import { DOSSIER_STATUSES } from '../../../shared/domain/lifecycle/dossier-status.ts';
import { storedDossier } from '../app/dossier-fixture.ts';

const code = '000.17.22.H56-261124-0001';
const own = (role: string, name: string) => `dossiers/${code}/${role}/${name}`;

describe('when the citizen may have the result', () => {
  it('releases it once the dossier is settled (done or returned) and at no other status', () => {
    const released = keysOf(DOSSIER_STATUSES).filter(resultReleased);
    expect(released.sort()).toEqual(['done', 'result_returned']);
  });
});

describe('the files a dossier owns', () => {
  const dossier = storedDossier({
    attachments: [
      { key: own('attachments', 'a.pdf'), fileName: 'Tờ khai.pdf', contentType: 'application/pdf' },
      { key: 'uploads/2026-11-24/x.png', fileName: 'cũ.png', contentType: 'image/png' },
      { key: own('attachments', 'c.bin'), fileName: 'lạ.docx', contentType: 'application/msword' },
    ],
    result: {
      documentKey: own('result', 'r.jpg'),
      documentSha256: 'ab'.repeat(32),
      documentSizeBytes: 12,
      completedBy: 'chuyen-vien-1',
      timeliness: 'on_time',
    },
  });

  it('serves an attachment by its position, as the dossier holds it', () => {
    expect(attachmentFile(dossier, 0)).toEqual({
      key: own('attachments', 'a.pdf'),
      fileName: 'Tờ khai.pdf',
      contentType: 'application/pdf',
      sha256: undefined,
      sizeBytes: undefined,
    });
  });

  it('serves no file outside the dossier’s own keys, and no position it does not have', () => {
    expect(attachmentFile(dossier, 1)).toBeUndefined();
    expect(attachmentFile(dossier, 3)).toBeUndefined();
    expect(attachmentFile(dossier, -1)).toBeUndefined();
    expect(attachmentFile(dossier, 0.5)).toBeUndefined();
    const other = storedDossier({
      attachments: [
        {
          key: 'dossiers/000.17.22.H56-261124-0002/attachments/a.pdf',
          fileName: 'a.pdf',
          contentType: 'application/pdf',
        },
      ],
    });
    expect(attachmentFile(other, 0)).toBeUndefined();
  });

  it('saves a file of an unknown type instead of showing it', () => {
    const file = attachmentFile(dossier, 2);
    expect(file?.contentType).toBe('application/octet-stream');
    expect(file && previewDisposition(file)).toBe('attachment');
    const pdf = attachmentFile(dossier, 0);
    expect(pdf && previewDisposition(pdf)).toBe('inline');
  });

  it('names the result after the dossier, typed by its extension', () => {
    expect(resultFile(dossier)).toEqual({
      key: own('result', 'r.jpg'),
      fileName: `${code}-ket-qua.jpg`,
      contentType: 'image/jpeg',
      sha256: 'ab'.repeat(32),
      sizeBytes: 12,
    });
  });

  it('has no result file for a paper result or a key outside the dossier’s results', () => {
    expect(resultFile(storedDossier())).toBeUndefined();
    const paper = { completedBy: 'x', timeliness: 'on_time' as const };
    expect(resultFile(storedDossier({ result: paper }))).toBeUndefined();
    const stray = { ...paper, documentKey: own('attachments', 'a.pdf') };
    expect(resultFile(storedDossier({ result: stray }))).toBeUndefined();
  });

  it('links for five minutes', () => {
    const file = resultFile(dossier);
    if (!file) throw new Error('the fixture has a result');
    const link = fileLink(file, 'https://s3.test/x', new Date('2026-11-25T03:00:00Z'));
    expect(link.expiresAt).toBe('2026-11-25T10:05:00+07:00');
  });

  it('reads an attachment index from the path as a whole number', () => {
    expect(AttachmentPathSchema.parse({ index: '0' })).toEqual({ index: 0 });
    expect(AttachmentPathSchema.parse({ index: '12' })).toEqual({ index: 12 });
    for (const index of ['-1', '01', '1.5', 'a', '', '1e3', '1000'])
      expect(AttachmentPathSchema.safeParse({ index }).success, index).toBe(false);
  });
});

describe('the Content-Disposition of a download', () => {
  it('gives the ASCII name and the exact UTF-8 name', () => {
    expect(contentDisposition('inline', 'Giấy khai sinh Đà Nẵng.pdf', 'tep-1.pdf')).toBe(
      `inline; filename="Giay_khai_sinh_Da_Nang.pdf"; filename*=UTF-8''Gi%E1%BA%A5y%20khai%20sinh%20%C4%90%C3%A0%20N%E1%BA%B5ng.pdf`,
    );
  });

  it('replaces an unsafe name by the fallback', () => {
    for (const name of ['../etc/passwd', 'a"b.pdf', 'a\r\nSet-Cookie: x.pdf', '.hidden', '', 'a\uD800.pdf'])
      expect(contentDisposition('attachment', name, 'tep-2.pdf'), name).toBe(
        `attachment; filename="tep-2.pdf"; filename*=UTF-8''tep-2.pdf`,
      );
  });

  it('is one header line of ASCII whose quoted name has no quote, for any name', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 300 }), (name) => {
        const header = contentDisposition('inline', name, 'tep-1.pdf');
        expect(header).toMatch(
          /^inline; filename="[A-Za-z0-9._-]+"; filename\*=UTF-8''[A-Za-z0-9%._~!$&+^`|#-]*$/,
        );
        expect(header).not.toMatch(/[\r\n]/);
      }),
    );
  });

  it('keeps a long name’s extension and never starts it with a dot', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1, maxLength: 400 }),
        fc.constantFrom('.pdf', '.png', '.jpg'),
        (stem, ext) => {
          const ascii = asciiFileName(`${stem}${ext}`, 'tep.pdf');
          expect(ascii.length).toBeLessThanOrEqual(120);
          expect(ascii.startsWith('.')).toBe(false);
          if (ascii !== 'tep.pdf') expect(ascii.endsWith(ext)).toBe(true);
        },
      ),
    );
  });
});
