import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import {
  layoutForm,
  layoutSealed,
  overlaps,
  renderFormPreviewPdf,
  textBox,
} from '../../../shared/adapters/pdf-forms.ts';
import { embedFonts } from '../../../shared/adapters/pdf-text.ts';
import { formContent, PREVIEW_STAMP } from '../../../shared/domain/documents/forms.ts';
import { dejaVuFonts } from '../../support/pdf.ts';
import { pdfText } from '../../support/pdf-text.ts';
import { storedDossier } from '../app/dossier-fixture.ts';

const received = storedDossier();
const content = formContent(received, '01', {
  parentAgency: 'Ủy ban nhân dân huyện Quảng Xương',
  lookupUrl: `https://dichvucong.example.gov.vn/lookup?code=${received.dossierCode}`,
});
const signature = {
  keyId: 'arn:aws:kms:ap-southeast-1:123456789012:key/1a2b3c4d',
  algorithm: 'ECDSA_SHA_256' as const,
  canonicalization: 'RFC8785-JCS' as const,
  value: 'MEUC',
};
const verifyUrl = `https://dichvucong.example.gov.vn/verify?code=${received.dossierCode}`;

/** The lines of `all` that are not `part`, where `part` must appear in `all` in the same order. */
function without(all: string[], part: string[]): string[] {
  const rest: string[] = [];
  let next = 0;
  for (const line of all) {
    if (line === part[next]) next += 1;
    else rest.push(line);
  }
  expect(next).toBe(part.length);
  return rest;
}

describe('a form’s preview PDF', () => {
  it('prints what the signed form prints, with the stamp in place of the signature and no QR code', async () => {
    if (!content) throw new Error('form 01 missing');
    const pdf = await PDFDocument.create();
    const fonts = await embedFonts(pdf, dejaVuFonts, JSON.stringify(content));
    const signed = layoutForm(content, signature, '2026-12-01T09:00:00+07:00', fonts, verifyUrl);
    const preview = layoutSealed(content, { kind: 'preview' }, fonts);

    const stamp = preview.texts.filter((line) => line.stamp).map((line) => line.text);
    expect(stamp.join(' ')).toBe(
      [PREVIEW_STAMP.vi, PREVIEW_STAMP.en, PREVIEW_STAMP.noteVi, PREVIEW_STAMP.noteEn].join(' '),
    );
    const printed = preview.texts.filter((line) => !line.stamp).map((line) => line.text);
    const signatureLines = without(
      signed.texts.map((line) => line.text),
      printed,
    ).join(' ');
    expect(signatureLines).toMatch(/^Văn bản được ký số Thời điểm ký: 2026-12-01T09:00:00\+07:00 Khóa ký số/);
    expect(signatureLines).toContain('Kiểm tra chữ ký (mã QR)');
    expect(printed.join('\n')).not.toMatch(/ký số|Khóa|arn:/);
    // Where the signed form's header, fields and table go, the preview's go: the same layout.
    const above = (layout: typeof signed) =>
      layout.texts.filter((line) => line.y > layout.qr.y + layout.qr.height);
    expect(above(signed).length).toBeGreaterThan(10);
    expect(above(preview)).toEqual(above(signed));
    expect(preview.qr.target).toBeUndefined();
    expect(signed.qr.target).toBe(verifyUrl);
    expect(preview.texts.filter((line) => overlaps(textBox(line), preview.qr))).toEqual([]);
  });

  it('renders an A4 PDF whose text carries the stamp, and which claims no signature', async () => {
    if (!content) throw new Error('form 01 missing');
    const bytes = await renderFormPreviewPdf(content, dejaVuFonts);
    const pdf = await PDFDocument.load(bytes);
    expect(pdf.getTitle()).toBe(`${content.title} — ${received.dossierCode} (${PREVIEW_STAMP.watermark})`);
    const text = await pdfText(bytes);
    for (const expected of [
      PREVIEW_STAMP.vi,
      PREVIEW_STAMP.en,
      PREVIEW_STAMP.watermark,
      'GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ',
      `Số: ${content.number}`,
    ])
      expect(text).toContain(expected);
    expect(text).not.toMatch(/Văn bản được ký số|Khóa ký số|Thời điểm ký/);
  }, 30_000);
});
