import { PDFDocument, type PDFFont, type PDFPage, rgb } from 'pdf-lib';
import QRCode from 'qrcode';
import type { Signature } from '../contracts/signing.ts';
import type { FormContent } from '../domain/documents/forms.ts';
import { A4, embedFonts, type PdfFonts, wrap } from './pdf-text.ts';

const MARGIN = 56;
const INK = rgb(0.1, 0.1, 0.1);

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
 * Lays a form out on A4: national heading, unit, title, fields, the control-slip table, a QR code
 * linking to the public verification page for the dossier, and a visible signature block naming the key, algorithm and signature of the
 * form's signed content (verifiable through POST /verify or offline).
 */
export async function renderFormPdf(
  content: FormContent,
  contentSignature: Signature,
  signedAt: string,
  fonts: PdfFonts,
  /** The public verification page for this dossier: the QR code's target. */
  verifyUrl: string,
): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  const { regular, bold } = await embedFonts(pdf, fonts);
  pdf.setTitle(`${content.title} — ${content.dossierCode}`);
  pdf.setLanguage('vi-VN');
  pdf.setCreator('Một cửa điện tử liên thông');
  pdf.setSubject(`Mẫu số ${content.form}`);

  let page = pdf.addPage([A4.width, A4.height]);
  let y = A4.height - MARGIN;
  const width = A4.width - 2 * MARGIN;
  const write = (
    text: string,
    font: PDFFont,
    size: number,
    options: { center?: boolean; indent?: number } = {},
  ) => {
    for (const line of wrap(text, font, size, width - (options.indent ?? 0))) {
      if (y < MARGIN + size) {
        page = pdf.addPage([A4.width, A4.height]);
        y = A4.height - MARGIN;
      }
      const x = options.center
        ? (A4.width - font.widthOfTextAtSize(line, size)) / 2
        : MARGIN + (options.indent ?? 0);
      page.drawText(line, { x, y, size, font, color: INK });
      y -= size * 1.45;
    }
  };

  drawQr(page, verifyUrl, A4.width - MARGIN - 84, A4.height - MARGIN - 76, 84);
  write(content.agency.toUpperCase(), bold, 10);
  write(`Mẫu số ${content.form}`, regular, 9);
  y -= 4;
  write('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', bold, 11, { center: true });
  write('Độc lập - Tự do - Hạnh phúc', bold, 11, { center: true });
  y -= 14;
  write(content.title.toUpperCase(), bold, 14, { center: true });
  write(`Mã hồ sơ: ${content.dossierCode}`, regular, 11, { center: true });
  y -= 10;
  for (const [label, value] of content.fields) write(`${label}: ${value}`, regular, 11);
  if (content.table) {
    y -= 8;
    write(content.table.headers.join(' | '), bold, 10);
    if (content.table.rows.length === 0) write('(Chưa có bước chuyển giao nào)', regular, 10);
    for (const row of content.table.rows) write(row.join(' | '), regular, 10, { indent: 8 });
  }
  y -= 18;
  write('CHỮ KÝ SỐ / DIGITAL SIGNATURE', bold, 10);
  write(
    `Thời điểm ký: ${signedAt} · Thuật toán: ${contentSignature.algorithm} · Chuẩn hoá: ${contentSignature.canonicalization}`,
    regular,
    8,
  );
  write(`Khóa: ${contentSignature.keyId}`, regular, 8);
  write(`Chữ ký: ${contentSignature.value}`, regular, 8);
  write(
    `Kiểm tra / Verify: ${verifyUrl} (mã QR), hoặc ngoại tuyến bằng khóa công khai tại GET /signing-keys.`,
    regular,
    8,
  );
  return pdf.save();
}
