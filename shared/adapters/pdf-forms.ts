import { degrees, PDFDocument, type PDFFont, type PDFPage, rgb } from 'pdf-lib';
import QRCode from 'qrcode';
import type { Signature } from '../contracts/signing.ts';
import { type FormContent, PREVIEW_STAMP } from '../domain/documents/forms.ts';
import { keyFingerprint } from '../domain/signing/key-fingerprint.ts';
import { A4, embedFonts, type PdfFonts, wrap } from './pdf-text.ts';

const MARGIN = 56;
const INK = rgb(0.1, 0.1, 0.1);
const STAMP_INK = rgb(0.75, 0.1, 0.1);
const LEADING = 1.4;
const QR_SIZE = 84;
const GAP = 12;

/** A laid-out line of text: its baseline at `y`, its box from `y - descent` up to `y + size`. */
export interface PlacedText {
  page: number;
  text: string;
  x: number;
  y: number;
  size: number;
  width: number;
  bold: boolean;
  /** Printed in the stamp's colour: a preview's notice. */
  stamp?: boolean;
}

export interface Box {
  page: number;
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface FormLayout {
  pages: number;
  texts: PlacedText[];
  rules: { page: number; x1: number; x2: number; y: number }[];
  /** Table cell borders. */
  cells: Box[];
  /** The QR code to the verification page; on a preview, the empty frame where it will be. */
  qr: Box & { target?: string | undefined };
}

/** How a printed form is authenticated: signed, with its verification, or a preview that is not. */
export type FormSeal =
  | { kind: 'signed'; signature: Signature; signedAt: string; verifyUrl: string }
  | { kind: 'preview' };

/** The box a line of text covers, with room for descenders below the baseline. */
export function textBox(line: PlacedText): Box {
  return {
    page: line.page,
    x: line.x,
    y: line.y - line.size * 0.3,
    width: line.width,
    height: line.size * 1.3,
  };
}

export function overlaps(a: Box, b: Box): boolean {
  return (
    a.page === b.page &&
    a.x < b.x + b.width &&
    b.x < a.x + a.width &&
    a.y < b.y + b.height &&
    b.y < a.y + a.height
  );
}

/**
 * Places everything a form prints, measuring every line with the embedded fonts: the two-column
 * header (unit and number left, national motto and the place and date right), the title, the
 * fields, the table, the lookup and verification block beside the QR code, and the signature block.
 * Every block is placed below the previous one, so nothing overlaps; a block that does not fit
 * goes to a new page.
 */
export function layoutForm(
  content: FormContent,
  contentSignature: Signature,
  signedAt: string,
  fonts: { regular: PDFFont; bold: PDFFont },
  verifyUrl: string,
): FormLayout {
  return layoutSealed(content, { kind: 'signed', signature: contentSignature, signedAt, verifyUrl }, fonts);
}

/**
 * `layoutForm` for a signed form or its preview: the preview is laid out alike, with the notice
 * that it is not valid where the signature's lines go and an empty frame where the QR code goes.
 */
export function layoutSealed(
  content: FormContent,
  seal: FormSeal,
  fonts: { regular: PDFFont; bold: PDFFont },
): FormLayout {
  const verifyUrl = seal.kind === 'signed' ? seal.verifyUrl : undefined;
  const layout: FormLayout = {
    pages: 1,
    texts: [],
    rules: [],
    cells: [],
    qr: { page: 0, x: 0, y: 0, width: 0, height: 0, target: verifyUrl },
  };
  const width = A4.width - 2 * MARGIN;
  let page = 0;
  let y = A4.height - MARGIN;
  const lineHeight = (size: number) => size * LEADING;
  const fontOf = (bold: boolean) => (bold ? fonts.bold : fonts.regular);
  const linesOf = (text: string, bold: boolean, size: number, within: number) =>
    wrap(text, fontOf(bold), size, within);
  const ensure = (height: number) => {
    if (y - height < MARGIN) {
      page += 1;
      layout.pages += 1;
      y = A4.height - MARGIN;
    }
  };
  /** Places lines in a column starting at `top`; returns the y below the last one. */
  const column = (
    lines: string[],
    bold: boolean,
    size: number,
    x: number,
    within: number,
    top: number,
    align: 'left' | 'center' = 'left',
  ) => {
    let at = top;
    for (const line of lines) {
      const lineWidth = fontOf(bold).widthOfTextAtSize(line, size);
      const left = align === 'center' ? x + (within - lineWidth) / 2 : x;
      layout.texts.push({ page, text: line, x: left, y: at - size, size, width: lineWidth, bold });
      at -= lineHeight(size);
    }
    return at;
  };
  const paragraph = (text: string, bold: boolean, size: number, align: 'left' | 'center' = 'left') => {
    for (const line of linesOf(text, bold, size, width)) {
      ensure(lineHeight(size));
      y = column([line], bold, size, MARGIN, width, y, align);
    }
  };

  // Header: two columns, each centred in its own width, as the annex lays them out.
  const leftWidth = width * 0.42;
  const rightX = MARGIN + leftWidth + GAP;
  const rightWidth = width - leftWidth - GAP;
  const top = y;
  let left = top;
  if (content.parentAgency)
    left = column(
      linesOf(content.parentAgency.toUpperCase(), false, 10, leftWidth),
      false,
      10,
      MARGIN,
      leftWidth,
      left,
      'center',
    );
  left = column(
    linesOf(content.agency.toUpperCase(), true, 10, leftWidth),
    true,
    10,
    MARGIN,
    leftWidth,
    left,
    'center',
  );
  layout.rules.push({ page, x1: MARGIN + leftWidth * 0.35, x2: MARGIN + leftWidth * 0.65, y: left - 2 });
  left = column(
    linesOf(`Số: ${content.number}`, false, 10, leftWidth),
    false,
    10,
    MARGIN,
    leftWidth,
    left - 6,
    'center',
  );
  let right = column(['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM'], true, 10, rightX, rightWidth, top, 'center');
  const motto = 'Độc lập - Tự do - Hạnh phúc';
  right = column([motto], true, 10.5, rightX, rightWidth, right, 'center');
  const mottoWidth = fonts.bold.widthOfTextAtSize(motto, 10.5);
  layout.rules.push({
    page,
    x1: rightX + (rightWidth - mottoWidth) / 2,
    x2: rightX + (rightWidth + mottoWidth) / 2,
    y: right - 2,
  });
  right = column(
    linesOf(content.placeAndDate, false, 10, rightWidth),
    false,
    10,
    rightX,
    rightWidth,
    right - 6,
    'center',
  );
  y = Math.min(left, right) - 16;

  paragraph(content.title.toUpperCase(), true, 13, 'center');
  paragraph(`Mã hồ sơ: ${content.dossierCode}`, false, 11, 'center');
  y -= 8;
  for (const [label, value] of content.fields) paragraph(`${label}: ${value}`, false, 11);

  if (content.table) table(content.table);

  // The lookup and verification block: the QR code on the left, its text to the right of it.
  const blockLines: { text: string; bold: boolean; size: number; stamp?: boolean }[] = [];
  const textWidth = width - QR_SIZE - GAP;
  const add = (text: string, bold: boolean, size: number, stamp = false) => {
    for (const line of linesOf(text, bold, size, textWidth))
      blockLines.push({ text: line, bold, size, stamp });
  };
  if (content.lookup) {
    add(`MÃ HỒ SƠ ĐỂ TRA CỨU: ${content.lookup.dossierCode}`, true, 11);
    if (content.lookup.url) add(`Trang tra cứu: ${content.lookup.url}`, false, 9);
    add(content.lookup.instructions, false, 9);
  }
  if (seal.kind === 'signed') {
    const { signature } = seal;
    add('Văn bản được ký số', true, 9);
    add(`Thời điểm ký: ${seal.signedAt}`, false, 8);
    add(`Khóa ký số (dấu vân tay): ${keyFingerprint(signature.keyId)}`, false, 8);
    add(`Thuật toán: ${signature.algorithm}; chuẩn hóa: ${signature.canonicalization}`, false, 8);
    add(`Kiểm tra chữ ký (mã QR): ${seal.verifyUrl}`, false, 8);
  } else {
    add(PREVIEW_STAMP.vi, true, 11, true);
    add(PREVIEW_STAMP.en, true, 10, true);
    add(PREVIEW_STAMP.noteVi, false, 8, true);
    add(PREVIEW_STAMP.noteEn, false, 8, true);
  }
  const blockHeight = Math.max(
    QR_SIZE,
    blockLines.reduce((sum, line) => sum + lineHeight(line.size), 0),
  );
  y -= GAP;
  ensure(blockHeight);
  layout.qr = { page, x: MARGIN, y: y - QR_SIZE, width: QR_SIZE, height: QR_SIZE, target: verifyUrl };
  let at = y;
  for (const line of blockLines) {
    at = column([line.text], line.bold, line.size, MARGIN + QR_SIZE + GAP, textWidth, at);
    const placed = layout.texts.at(-1);
    if (line.stamp && placed) placed.stamp = true;
  }
  y -= blockHeight + GAP;

  // Signature block: the applicant on the left of form 01, the signer on the right.
  const signerWidth = width / 2;
  const signerLines = [
    { text: content.signer.role, bold: true, size: 10 },
    { text: '(Ký, ghi rõ họ tên)', bold: false, size: 9 },
  ];
  const signatureHeight = signerLines.length * lineHeight(10) + 40 + lineHeight(10);
  ensure(signatureHeight);
  const signTop = y;
  if (content.form === '01') {
    let below = signTop;
    below = column(['NGƯỜI NỘP HỒ SƠ'], true, 10, MARGIN, signerWidth, below, 'center');
    column(['(Ký, ghi rõ họ tên)'], false, 9, MARGIN, signerWidth, below, 'center');
  }
  let below = signTop;
  for (const line of signerLines)
    below = column([line.text], line.bold, line.size, MARGIN + signerWidth, signerWidth, below, 'center');
  below -= 40;
  if (content.signer.name)
    column(
      linesOf(content.signer.name, true, 10, signerWidth),
      true,
      10,
      MARGIN + signerWidth,
      signerWidth,
      below,
      'center',
    );
  y -= signatureHeight;
  return layout;

  function table({ headers, rows }: NonNullable<FormContent['table']>) {
    y -= 6;
    const widths = columnWidths(headers, rows);
    const size = 9;
    const padding = 3;
    const drawRow = (cells: string[], bold: boolean) => {
      const wrapped = cells.map((cell, index) =>
        linesOf(cell, bold, size, (widths[index] ?? 0) - 2 * padding),
      );
      const height = Math.max(...wrapped.map((lines) => lines.length)) * lineHeight(size) + 2 * padding;
      ensure(height);
      let x = MARGIN;
      wrapped.forEach((lines, index) => {
        const cellWidth = widths[index] ?? 0;
        layout.cells.push({ page, x, y: y - height, width: cellWidth, height });
        column(lines, bold, size, x + padding, cellWidth - 2 * padding, y - padding);
        x += cellWidth;
      });
      y -= height;
    };
    drawRow(headers, true);
    for (const row of rows) drawRow(row, false);
    y -= 6;
    if (rows.length === 0) paragraph('(Chưa có dòng nào)', false, 9);
  }

  /** Widths in proportion to each column's longest cell, none narrower than its header word. */
  function columnWidths(headers: string[], rows: string[][]): number[] {
    const wants = headers.map((header, index) => {
      const longest = Math.max(
        fonts.bold.widthOfTextAtSize(header, 9),
        ...rows.map((row) => fonts.regular.widthOfTextAtSize(row[index] ?? '', 9)),
      );
      return Math.min(longest + 8, width);
    });
    const minimum = headers.map((header) =>
      Math.max(...header.split(/\s+/).map((word) => fonts.bold.widthOfTextAtSize(word, 9) + 8)),
    );
    const total = wants.reduce((sum, want) => sum + want, 0);
    if (total <= width) return wants.map((want) => (want / total) * width);
    const spare = width - minimum.reduce((sum, least) => sum + least, 0);
    const extra = wants.map((want, index) => Math.max(0, want - (minimum[index] ?? 0)));
    const extraTotal = extra.reduce((sum, value) => sum + value, 0) || 1;
    return minimum.map((least, index) => least + ((extra[index] ?? 0) / extraTotal) * Math.max(0, spare));
  }
}

function drawQr(page: PDFPage, text: string, x: number, y: number, size: number): void {
  const qr = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const cell = size / qr.modules.size;
  for (let row = 0; row < qr.modules.size; row += 1) {
    for (let column = 0; column < qr.modules.size; column += 1) {
      if (qr.modules.get(row, column)) {
        page.drawRectangle({
          x: x + column * cell,
          y: y + size - (row + 1) * cell,
          width: cell,
          height: cell,
          color: INK,
        });
      }
    }
  }
}

/**
 * Lays a form out on A4 (see `layoutForm`) and draws it: text, rules, table borders and a QR code
 * linking to the public verification page for the dossier. The signature is shown by its key's
 * fingerprint and the verification link; the signature itself is checked on that page, through
 * POST /verify, or offline with the key from GET /signing-keys.
 */
export function renderFormPdf(
  content: FormContent,
  contentSignature: Signature,
  signedAt: string,
  fonts: PdfFonts,
  /** The public verification page for this dossier: the QR code's target. */
  verifyUrl: string,
): Promise<Uint8Array> {
  return renderSealed(content, { kind: 'signed', signature: contentSignature, signedAt, verifyUrl }, fonts);
}

/**
 * The form an action would issue, unsigned: its notice that it is not valid in red where the
 * signature goes, an empty frame for the QR code and the word of the stamp across every page.
 */
export function renderFormPreviewPdf(content: FormContent, fonts: PdfFonts): Promise<Uint8Array> {
  return renderSealed(content, { kind: 'preview' }, fonts);
}

async function renderSealed(content: FormContent, seal: FormSeal, fonts: PdfFonts): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  // Everything a form prints beyond its labels comes from its content and seal.
  const embedded = await embedFonts(pdf, fonts, JSON.stringify([content, seal]));
  const preview = seal.kind === 'preview';
  pdf.setTitle(`${content.title} — ${content.dossierCode}${preview ? ` (${PREVIEW_STAMP.watermark})` : ''}`);
  pdf.setLanguage('vi-VN');
  pdf.setCreator('Một cửa điện tử liên thông');
  pdf.setSubject(`Mẫu số ${content.form}`);
  const layout = layoutSealed(content, seal, embedded);
  const pages = Array.from({ length: layout.pages }, () => pdf.addPage([A4.width, A4.height]));
  const pageAt = (index: number) => pages[index] ?? pages[0];
  for (const line of layout.texts)
    pageAt(line.page)?.drawText(line.text, {
      x: line.x,
      y: line.y,
      size: line.size,
      font: line.bold ? embedded.bold : embedded.regular,
      color: line.stamp ? STAMP_INK : INK,
    });
  for (const rule of layout.rules)
    pageAt(rule.page)?.drawLine({
      start: { x: rule.x1, y: rule.y },
      end: { x: rule.x2, y: rule.y },
      thickness: 0.6,
      color: INK,
    });
  for (const cell of layout.cells)
    pageAt(cell.page)?.drawRectangle({ ...cell, borderColor: INK, borderWidth: 0.5 });
  const qrPage = pageAt(layout.qr.page);
  const { target } = layout.qr;
  if (qrPage && target) drawQr(qrPage, target, layout.qr.x, layout.qr.y, layout.qr.width);
  if (qrPage && !target) qrPage.drawRectangle({ ...layout.qr, borderColor: STAMP_INK, borderWidth: 1 });
  if (preview) for (const page of pages) watermark(page, embedded.bold);
  return pdf.save();
}

const WATERMARK_SIZE = 54;
const WATERMARK_ANGLE = 35;

/** The stamp's word across the page's diagonal, faint enough to read the form through it. */
function watermark(page: PDFPage, font: PDFFont): void {
  const text = PREVIEW_STAMP.watermark;
  const half = font.widthOfTextAtSize(text, WATERMARK_SIZE) / 2;
  const angle = (WATERMARK_ANGLE * Math.PI) / 180;
  page.drawText(text, {
    x: A4.width / 2 - half * Math.cos(angle),
    y: A4.height / 2 - half * Math.sin(angle),
    size: WATERMARK_SIZE,
    font,
    color: STAMP_INK,
    opacity: 0.18,
    rotate: degrees(WATERMARK_ANGLE),
  });
}
