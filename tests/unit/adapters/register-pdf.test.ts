import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { renderRegisterPdf } from '../../../shared/adapters/register-pdf.ts';
import { REGISTER_COLUMNS, registerRows } from '../../../shared/domain/documents/register.ts';
import { dejaVuFonts } from '../../support/pdf.ts';
import { pdfText } from '../../support/pdf-text.ts';
import { individualApplicant, storedDossier } from '../app/dossier-fixture.ts';

describe('the register as PDF', () => {
  it('prints the unit, the title, the period and every line, repeating the column headings on each page', async () => {
    const dossiers = Array.from({ length: 60 }, (_, index) =>
      storedDossier({
        dossierCode: `000.17.22.H56-261124-${String(index + 1).padStart(4, '0')}`,
        applicant: { ...individualApplicant, fullName: `Người nộp số ${index + 1}` },
      }),
    );
    const bytes = await renderRegisterPdf(
      {
        title: 'Sổ theo dõi hồ sơ',
        unit: { code: '000.17.22.H56', name: 'Ủy ban nhân dân xã Quảng Bình' },
        period: 'Từ ngày 01/11/2026 đến ngày 30/11/2026',
        generatedAt: '2026-12-01T09:00:00+07:00',
        columns: REGISTER_COLUMNS,
        rows: registerRows(dossiers),
      },
      dejaVuFonts,
    );
    const pdf = await PDFDocument.load(bytes);
    expect(pdf.getPageCount()).toBeGreaterThan(1);
    const [page] = pdf.getPages();
    expect(page?.getWidth()).toBeGreaterThan(page?.getHeight() ?? 0);
    const text = await pdfText(bytes);
    for (const expected of [
      'ỦY BAN NHÂN DÂN XÃ QUẢNG BÌNH',
      'SỔ THEO DÕI HỒ SƠ',
      'Từ ngày 01/11/2026 đến ngày 30/11/2026',
      'Người nộp số 1',
      'Người nộp số 60',
      `Trang ${pdf.getPageCount()}/${pdf.getPageCount()}`,
    ])
      expect(text).toContain(expected);
    expect(text.split('\n').filter((line) => line === 'STT')).toHaveLength(pdf.getPageCount());
  }, 30_000);
});
