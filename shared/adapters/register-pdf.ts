import { PDFDocument, type PDFFont, type PDFPage, rgb } from 'pdf-lib';
import type { RegisterDocument } from '../domain/documents/register.ts';
import { A4, embedFonts, type PdfFonts, wrap } from './pdf-text.ts';

const MARGIN = 28;
const INK = rgb(0.1, 0.1, 0.1);
const SIZE = 7.5;
const LEADING = 1.35;
const PADDING = 2.5;
/** Relative widths of the register's twelve columns (number, code, name, address, …, notes). */
const WEIGHTS = [2.2, 9.5, 7, 9, 9, 5.2, 5.2, 7, 5.2, 4.6, 5.2, 8];
const LANDSCAPE = { width: A4.height, height: A4.width };

/**
 * The register (Sổ theo dõi hồ sơ) on landscape A4: the unit and the national motto, the title and
 * the period, then the table, its header repeated on every page, with page numbers.
 */
export async function renderRegisterPdf(register: RegisterDocument, fonts: PdfFonts): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  const { regular, bold } = await embedFonts(pdf, fonts, JSON.stringify(register));
  pdf.setTitle(`${register.title} — ${register.unit.name} — ${register.period}`);
  pdf.setLanguage('vi-VN');
  pdf.setCreator('Một cửa điện tử liên thông');

  const width = LANDSCAPE.width - 2 * MARGIN;
  const total = WEIGHTS.reduce((sum, weight) => sum + weight, 0);
  const widths = register.columns.map((_, index) => ((WEIGHTS[index] ?? 5) / total) * width);
  const pages: PDFPage[] = [];
  let page = newPage();
  let y = LANDSCAPE.height - MARGIN;

  const centred = (text: string, font: PDFFont, size: number, x: number, within: number) => {
    for (const line of wrap(text, font, size, within)) {
      page.drawText(line, {
        x: x + (within - font.widthOfTextAtSize(line, size)) / 2,
        y: y - size,
        size,
        font,
        color: INK,
      });
      y -= size * LEADING;
    }
  };

  const top = y;
  centred(register.unit.name.toUpperCase(), bold, 10, MARGIN, width * 0.4);
  const leftBottom = y;
  y = top;
  centred('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', bold, 10, MARGIN + width * 0.5, width * 0.5);
  centred('Độc lập - Tự do - Hạnh phúc', bold, 10, MARGIN + width * 0.5, width * 0.5);
  y = Math.min(y, leftBottom) - 12;
  centred(register.title.toUpperCase(), bold, 14, MARGIN, width);
  centred(register.period, regular, 10, MARGIN, width);
  y -= 8;

  const row = (cells: readonly string[], font: PDFFont) => {
    const lines = cells.map((cell, index) => wrap(cell, font, SIZE, (widths[index] ?? 0) - 2 * PADDING));
    const height = Math.max(...lines.map((cellLines) => cellLines.length)) * SIZE * LEADING + 2 * PADDING;
    return { lines, height };
  };
  const drawRow = ({ lines, height }: ReturnType<typeof row>, font: PDFFont) => {
    let x = MARGIN;
    lines.forEach((cellLines, index) => {
      const cellWidth = widths[index] ?? 0;
      page.drawRectangle({ x, y: y - height, width: cellWidth, height, borderColor: INK, borderWidth: 0.4 });
      cellLines.forEach((line, lineIndex) => {
        page.drawText(line, {
          x: x + PADDING,
          y: y - PADDING - SIZE - lineIndex * SIZE * LEADING,
          size: SIZE,
          font,
          color: INK,
        });
      });
      x += cellWidth;
    });
    y -= height;
  };
  const header = row(register.columns, bold);
  const numbers = row(
    register.columns.map((_, index) => `(${index + 1})`),
    regular,
  );
  const heading = () => {
    drawRow(header, bold);
    drawRow(numbers, regular);
  };
  heading();
  for (const cells of register.rows) {
    const next = row(cells, regular);
    if (y - next.height < MARGIN + 14) {
      page = newPage();
      y = LANDSCAPE.height - MARGIN;
      heading();
    }
    drawRow(next, regular);
  }
  if (register.rows.length === 0) {
    y -= 4;
    centred('Không có hồ sơ nào được tiếp nhận trong kỳ.', regular, 9, MARGIN, width);
  }
  pages.forEach((each, index) => {
    const footer = `Lập lúc ${register.generatedAt} · Trang ${index + 1}/${pages.length}`;
    each.drawText(footer, {
      x: LANDSCAPE.width - MARGIN - regular.widthOfTextAtSize(footer, 7),
      y: MARGIN / 2,
      size: 7,
      font: regular,
      color: INK,
    });
  });
  return pdf.save();

  function newPage(): PDFPage {
    const added = pdf.addPage([LANDSCAPE.width, LANDSCAPE.height]);
    pages.push(added);
    return added;
  }
}
