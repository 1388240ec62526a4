import { PDFDocument, PDFName, PDFRawStream } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { periodLabel, renderKpiReportPdf, scopeLabel } from '../../../shared/adapters/kpi-report-pdf.ts';
import { kpiRowsOf } from '../../../shared/domain/kpi/kpi-rows.ts';
import { DEFAULT_SIGNING_TARGETS } from '../../../shared/domain/kpi/signing-targets.ts';
import { dejaVuFonts, embeddedFonts } from '../../support/pdf.ts';

const fonts = dejaVuFonts;
const units = new Map([
  [
    '000.00.22.H56',
    { code: '000.00.22.H56', name: 'Ủy ban nhân dân huyện Quảng Xương', tier: 'district' as const },
  ],
  [
    '000.17.22.H56',
    {
      code: '000.17.22.H56',
      name: 'Ủy ban nhân dân xã Quảng Bình',
      tier: 'commune' as const,
      parentCode: '000.00.22.H56',
    },
  ],
  [
    '000.18.22.H56',
    { code: '000.18.22.H56', name: 'Ủy ban nhân dân xã Quảng Ninh', tier: 'commune' as const },
  ],
]);
const rows = kpiRowsOf({
  period: '2026-11',
  closed: false,
  aggregatedAt: '2026-11-24T10:00:00+07:00',
  units,
  flows: [
    {
      agencyCode: '000.17.22.H56',
      tier: 'commune',
      counts: {
        received: 12,
        receivedOnline: 7,
        receivedCounter: 4,
        receivedPostal: 1,
        digitisedDossiers: 10,
        settled: 9,
        settledEarly: 3,
        settledOnTime: 5,
        settledLate: 1,
        electronicResults: 8,
        resultsSigned: 7,
        receiptsIssued: 12,
        receiptsSigned: 12,
        processingWorkingMinutes: 9 * 480 * 3,
        settledTimed: 9,
        feedbackCount: 4,
        feedbackRatingSum: 17,
        feedbackSatisfied: 3,
      },
    },
    { agencyCode: '000.18.22.H56', tier: 'commune', counts: { received: 2, receivedCounter: 2 } },
  ],
  pending: new Map([['000.17.22.H56', { pendingWithinTime: 2, pendingOverdue: 1 }]]),
  procedures: new Map(),
  signingTargets: DEFAULT_SIGNING_TARGETS,
});
const row = (scopeKey: string) => {
  const found = rows.find((candidate) => candidate.scopeKey === scopeKey);
  if (!found) throw new Error(`no row ${scopeKey}`);
  return found;
};

/** Every content stream of the document, inflated: where the drawn text lives (as glyph ids). */
function contentStreams(pdf: PDFDocument): PDFRawStream[] {
  return pdf.context
    .enumerateIndirectObjects()
    .map(([, object]) => object)
    .filter(
      (object): object is PDFRawStream =>
        object instanceof PDFRawStream &&
        !object.dict.has(PDFName.of('Subtype')) &&
        !object.dict.has(PDFName.of('Length1')),
    );
}

// Embedding two fonts and laying out a full page takes seconds on a loaded machine.
describe('the printable KPI report', { timeout: 20_000 }, () => {
  it('is one A4 page with the DejaVu fonts embedded and drawn text', async () => {
    const bytes = await renderKpiReportPdf(
      { row: row('agency:000.17.22.H56'), rankedInTier: 2, generatedAt: new Date('2026-11-24T03:00:00Z') },
      fonts,
    );
    expect(Buffer.from(bytes).subarray(0, 5).toString()).toBe('%PDF-');
    const pdf = await PDFDocument.load(bytes);
    expect(pdf.getPageCount()).toBe(1);
    const page = pdf.getPage(0);
    expect(Math.round(page.getWidth())).toBe(595);
    expect(Math.round(page.getHeight())).toBe(842);
    expect(pdf.getTitle()).toBe(
      'Báo cáo kết quả giải quyết thủ tục hành chính — Ủy ban nhân dân xã Quảng Bình (000.17.22.H56) — Tháng 11/2026',
    );
    const fontsUsed = embeddedFonts(pdf);
    expect(fontsUsed.map((font) => font.name.replace(/^\/(.*)-\d+$/, '$1')).sort()).toEqual([
      'DejaVuSans',
      'DejaVuSans-Bold',
    ]);
    expect(fontsUsed.every((font) => font.embedded)).toBe(true);
    const streams = contentStreams(pdf);
    expect(streams.length).toBeGreaterThan(0);
    expect(streams.some((stream) => stream.getContents().length > 1000)).toBe(true);
  });

  it('stays on one page for the province and a unit with a very long name', async () => {
    const long = structuredClone(row('agency:000.18.22.H56'));
    if (long.scope.kind !== 'agency') throw new Error('agency row expected');
    long.scope.name = 'Trung tâm Phục vụ hành chính công '.repeat(6);
    for (const candidate of [row('province'), row('tier:commune'), long]) {
      const pdf = await PDFDocument.load(
        await renderKpiReportPdf({ row: candidate, generatedAt: new Date('2026-11-24T03:00:00Z') }, fonts),
      );
      expect(pdf.getPageCount()).toBe(1);
    }
  });

  it('names periods and scopes the way reports do', () => {
    expect(periodLabel('2026-11')).toBe('Tháng 11/2026');
    expect(periodLabel('2026-Q4')).toBe('Quý IV/2026');
    expect(periodLabel('2026')).toBe('Năm 2026');
    expect(periodLabel('2026-11-24')).toBe('Ngày 24/11/2026');
    expect(scopeLabel(row('province'))).toBe('Toàn tỉnh');
    expect(scopeLabel(row('tier:commune'))).toBe('Các đơn vị cấp xã');
  });
});
