import { PDFDocument, type PDFFont, type PDFPage, rgb } from 'pdf-lib';
import type { KpiRow } from '../contracts/kpi.ts';
import type { Tier } from '../domain/agencies/tiers.ts';
import { WORKING_DAY_MINUTES } from '../domain/calendar/calendar.ts';
import { toVietnameseWording } from '../domain/calendar/time.ts';
import { KPI_FORMULAS } from '../domain/kpi/kpi.ts';
import { KPI_RATE_NAMES } from '../domain/kpi/rate-names.ts';
import { A4, embedFonts, type PdfFonts, wrap } from './pdf-text.ts';

export interface KpiReportInput {
  row: KpiRow;
  /** How many units of the row's tier were ranked in the period (the "of N" of its rank). */
  rankedInTier?: number | undefined;
  generatedAt: Date;
}

const MARGIN = 36;
const WIDTH = A4.width - 2 * MARGIN;
const INK = rgb(0.1, 0.1, 0.1);
const GRID = rgb(0.35, 0.35, 0.35);
const SHADE = rgb(0.92, 0.92, 0.92);
const PAD = 3;

const TIER_LABELS: Record<Tier, string> = {
  commune: 'cấp xã',
  district: 'cấp huyện',
  province: 'cấp tỉnh',
  central: 'trung ương',
};
const ROMAN = ['I', 'II', 'III', 'IV'];

/** "Tháng 11/2026", "Quý IV/2026": how a report names its period. */
export function periodLabel(period: string): string {
  const [year = '', second = '', day] = period.split('-');
  if (day) return `Ngày ${day}/${second}/${year}`;
  if (second.startsWith('Q')) return `Quý ${ROMAN[Number(second.slice(1)) - 1]}/${year}`;
  if (second) return `Tháng ${second}/${year}`;
  return `Năm ${year}`;
}

export function scopeLabel(row: KpiRow): string {
  const { scope } = row;
  if (scope.kind === 'province') return 'Toàn tỉnh';
  if (scope.kind === 'tier') return `Các đơn vị ${TIER_LABELS[scope.tier]}`;
  return `${scope.name} (${scope.code})`;
}

const count = (n: number) => n.toLocaleString('vi-VN');
const percent = (value: number | null) =>
  value === null ? '—' : `${(value * 100).toFixed(1).replace('.', ',')}%`;
const points = (n: number) => n.toFixed(2).replace('.', ',');

interface Cell {
  text: string;
  span?: number;
  bold?: boolean;
  align?: 'left' | 'center';
}
type TableRow = (Cell | string)[];

/** Draws a top-down page: text lines and ruled tables, never past one page (the caller keeps it short). */
class Sheet {
  y = A4.height - MARGIN;

  constructor(
    private readonly page: PDFPage,
    private readonly regular: PDFFont,
    private readonly bold: PDFFont,
  ) {}

  text(
    text: string,
    size: number,
    { bold = false, center = false, x = MARGIN, width = WIDTH, gap = 1.35 } = {},
  ) {
    const font = bold ? this.bold : this.regular;
    for (const line of wrap(text, font, size, width)) {
      const lineX = center ? x + (width - font.widthOfTextAtSize(line, size)) / 2 : x;
      this.page.drawText(line, { x: lineX, y: this.y - size, size, font, color: INK });
      this.y -= size * gap;
    }
    this.fits();
  }

  space(points: number) {
    this.y -= points;
  }

  /** Conference reports are one page: content that would not fit is a layout bug, not a second page. */
  private fits() {
    if (this.y < MARGIN / 2) throw new Error('The KPI report does not fit on one page');
  }

  /** Columns as shares of the width; a cell may span columns; `headerRows` are shaded and bold. */
  table(columns: number[], rows: TableRow[], { size = 8, headerRows = 1 } = {}) {
    const total = columns.reduce((sum, share) => sum + share, 0);
    const widths = columns.map((share) => (share / total) * WIDTH);
    rows.forEach((row, index) => {
      const header = index < headerRows;
      let column = 0;
      const laid = row.map((raw) => {
        const cell: Cell = typeof raw === 'string' ? { text: raw } : raw;
        const span = cell.span ?? 1;
        const x = MARGIN + widths.slice(0, column).reduce((sum, w) => sum + w, 0);
        const width = widths.slice(column, column + span).reduce((sum, w) => sum + w, 0);
        column += span;
        const font = header || cell.bold ? this.bold : this.regular;
        const align = cell.align ?? (header || column > 1 ? 'center' : 'left');
        return { x, width, font, align, lines: wrap(cell.text, font, size, width - 2 * PAD) };
      });
      const height = Math.max(...laid.map((cell) => cell.lines.length)) * size * 1.25 + 2 * PAD;
      const top = this.y;
      for (const cell of laid) {
        this.page.drawRectangle({
          x: cell.x,
          y: top - height,
          width: cell.width,
          height,
          borderColor: GRID,
          borderWidth: 0.5,
          ...(header ? { color: SHADE } : {}),
        });
        cell.lines.forEach((line, lineIndex) => {
          const lineWidth = cell.font.widthOfTextAtSize(line, size);
          const x = cell.align === 'center' ? cell.x + (cell.width - lineWidth) / 2 : cell.x + PAD;
          const y = top - PAD - size - lineIndex * size * 1.25 + 1;
          this.page.drawText(line, { x, y, size, font: cell.font, color: INK });
        });
      }
      this.y = top - height;
    });
    this.fits();
  }
}

/** Every rate of a row, in the order the CSV export and the dashboard show them. */
const RATE_ROWS = KPI_RATE_NAMES;
const days = (n: number) => n.toFixed(1).replace('.', ',');

/**
 * One A4 page as read out at provincial conferences: the counts in the Circular 01/2020/TT-VPCP
 * layout, the rates with what they were computed from, the Decision 766 index and the unit's rank.
 */
export async function renderKpiReportPdf(input: KpiReportInput, fonts: PdfFonts): Promise<Uint8Array> {
  const { row } = input;
  const pdf = await PDFDocument.create();
  const { regular, bold } = await embedFonts(pdf, fonts, JSON.stringify(input));
  const title = 'Báo cáo kết quả giải quyết thủ tục hành chính';
  pdf.setTitle(`${title} — ${scopeLabel(row)} — ${periodLabel(row.period)}`);
  pdf.setLanguage('vi-VN');
  pdf.setCreator('Một cửa điện tử liên thông');
  pdf.setSubject(`KPI ${row.scopeKey} ${row.period}`);
  const sheet = new Sheet(pdf.addPage([A4.width, A4.height]), regular, bold);
  const half = WIDTH / 2;

  const top = sheet.y;
  sheet.text(row.scope.kind === 'agency' ? row.scope.name.toUpperCase() : 'TOÀN TỈNH', 9, {
    bold: true,
    center: true,
    width: half - 10,
  });
  const left = sheet.y;
  sheet.y = top;
  sheet.text('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 9, {
    bold: true,
    center: true,
    x: MARGIN + half,
    width: half,
  });
  sheet.text('Độc lập - Tự do - Hạnh phúc', 9, { bold: true, center: true, x: MARGIN + half, width: half });
  sheet.y = Math.min(sheet.y, left);
  sheet.space(10);
  sheet.text(title.toUpperCase(), 13, { bold: true, center: true });
  sheet.text('Report on the settlement of administrative procedures', 8, { center: true });
  sheet.text(`Đơn vị: ${scopeLabel(row)} · Kỳ báo cáo: ${periodLabel(row.period)}`, 10, { center: true });
  sheet.text(
    row.closed
      ? 'Số liệu đã khóa sổ (đối chiếu với kiểm đếm lại) / Closed period, reconciled'
      : 'Số liệu tạm tính, kỳ chưa kết thúc / Open period, provisional figures',
    8,
    { center: true },
  );
  sheet.space(8);

  const c = row.counts;
  sheet.text('1. Tình hình tiếp nhận và giải quyết hồ sơ / Dossiers received and settled', 10, {
    bold: true,
  });
  sheet.space(2);
  sheet.table(
    [1, 1, 1.2, 1, 1, 1, 1, 1, 1, 1],
    [
      [
        { text: 'Số hồ sơ nhận giải quyết', span: 3 },
        { text: 'Số hồ sơ đã giải quyết', span: 4 },
        { text: 'Số hồ sơ đang giải quyết', span: 3 },
      ],
      [
        'Tổng số',
        'Trực tuyến',
        'Trực tiếp và dịch vụ bưu chính',
        'Tổng số',
        'Trước hạn',
        'Đúng hạn',
        'Quá hạn',
        'Tổng số',
        'Trong hạn',
        'Quá hạn',
      ],
      [
        count(c.received),
        count(c.receivedOnline),
        count(c.receivedCounter + c.receivedPostal),
        count(c.settled),
        count(c.settledEarly),
        count(c.settledOnTime),
        count(c.settledLate),
        count(c.pendingWithinTime + c.pendingOverdue),
        count(c.pendingWithinTime),
        count(c.pendingOverdue),
      ].map((text) => ({ text, align: 'center' as const })),
    ],
    { headerRows: 2 },
  );
  sheet.space(7);

  sheet.text('2. Các tỷ lệ chính / Key rates', 10, { bold: true });
  sheet.space(2);
  const rates: TableRow[] = RATE_ROWS.map((name) => {
    const rate = row.indicators[name];
    const target = 'target' in rate && rate.target !== undefined ? rate.target : undefined;
    const met = 'targetMet' in rate ? rate.targetMet : undefined;
    return [
      KPI_FORMULAS[name].name.vi,
      `${count(rate.numerator)} / ${count(rate.denominator)}`,
      percent(rate.value),
      target === undefined ? '—' : percent(target),
      met === undefined ? '—' : met === null ? 'Chưa có số liệu' : met ? 'Đạt' : 'Chưa đạt',
    ];
  });
  const averageDays = row.indicators.averageProcessingDays;
  rates.push([
    KPI_FORMULAS.averageProcessingDays.name.vi,
    `${days(c.processingWorkingMinutes / WORKING_DAY_MINUTES)} / ${count(c.settledTimed)}`,
    averageDays === null ? '—' : `${days(averageDays)} ngày`,
    '—',
    '—',
  ]);
  const rating = row.indicators.averageRating;
  rates.push([
    KPI_FORMULAS.averageRating.name.vi,
    `${count(c.feedbackRatingSum)} / ${count(c.feedbackCount)}`,
    rating === null ? '—' : `${rating.toFixed(2).replace('.', ',')} / 5`,
    '—',
    '—',
  ]);
  sheet.table([4, 1.6, 1, 1, 1.2], [['Chỉ số', 'Tử số / Mẫu số', 'Tỷ lệ', 'Chỉ tiêu', 'Kết quả'], ...rates], {
    size: 7.5,
  });
  sheet.space(7);

  const score = row.score;
  sheet.text('3. Bộ chỉ số phục vụ người dân, doanh nghiệp (Quyết định 766/QĐ-TTg)', 10, { bold: true });
  sheet.space(2);
  sheet.table(
    [4, 1, 1, 1.6],
    [
      ['Nhóm chỉ số', 'Điểm', 'Tối đa', 'Tối đa đo được'],
      ...score.groups.map((group) => [
        group.name.vi,
        points(group.points),
        String(group.maxPoints),
        String(group.indicators.filter((i) => i.measured).reduce((sum, i) => sum + i.maxPoints, 0)),
      ]),
      [
        { text: 'Tổng điểm', bold: true },
        { text: points(score.total), bold: true },
        { text: String(score.maxPoints), bold: true },
        { text: String(score.measuredMaxPoints), bold: true },
      ],
    ],
  );
  sheet.space(3);
  sheet.text(
    `Hệ thống đo được các chỉ số tối đa ${score.measuredMaxPoints}/100 điểm; các chỉ số chưa có dữ liệu tính 0 điểm. ` +
      `Measured indicators are worth at most ${score.measuredMaxPoints} of the 100 points.`,
    7.5,
  );
  sheet.space(4);

  sheet.text('4. Xếp hạng / Rank', 10, { bold: true });
  sheet.text(rankText(input), 9);
  sheet.space(4);
  sheet.text(`Ngày lập báo cáo: ${toVietnameseWording(input.generatedAt)}`, 9);
  sheet.text(`Số liệu tổng hợp lúc: ${toVietnameseWording(new Date(row.aggregatedAt))}`, 8);
  sheet.space(2);

  sheet.text('Công thức tính / Formulas', 7, { bold: true });
  // One paragraph rather than a line each: the page must hold them all under a long unit name.
  const formulas = Object.values(KPI_FORMULAS).map((f) => `${f.name.vi}: ${f.formula} (${f.source})`);
  sheet.text(formulas.join(' · '), 6, { gap: 1 });
  return pdf.save();
}

function rankText({ row, rankedInTier }: KpiReportInput): string {
  if (row.scope.kind !== 'agency') return 'Không áp dụng cho số liệu tổng hợp / Not ranked: an aggregate.';
  const among = `đơn vị ${TIER_LABELS[row.scope.tier]}`;
  if (row.rank === undefined)
    return `Chưa xếp hạng: không có hồ sơ tiếp nhận hoặc giải quyết trong kỳ (${among}).`;
  return `Xếp thứ ${row.rank}${rankedInTier ? `/${rankedInTier}` : ''} ${among} theo điểm Bộ chỉ số 766 / Rank ${row.rank}${rankedInTier ? ` of ${rankedInTier}` : ''} in its tier.`;
}
