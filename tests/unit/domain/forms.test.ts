import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { renderFormPdf } from '../../../shared/adapters/pdf-forms.ts';
import { FORM_NUMBERS, formContent } from '../../../shared/domain/documents/forms.ts';
import type { DossierRecord } from '../../../shared/domain/lifecycle/dossier.ts';
import { dejaVuFonts, embeddedFonts } from '../../support/pdf.ts';
import { storedDossier } from '../app/dossier-fixture.ts';

const fonts = dejaVuFonts;
const commune = storedDossier().agency;
const district = {
  code: '000.00.22.H56',
  name: 'Ủy ban nhân dân huyện Quảng Xương',
  tier: 'district' as const,
};
const dossier = storedDossier({
  currentAgency: district,
  applicant: { ...storedDossier().applicant, address: 'Thôn Yên Trạch' },
  attachments: [{ key: 'uploads/x.pdf', fileName: 'giay-chung-sinh.pdf', contentType: 'application/pdf' }],
  receipt: {
    canonical: '{}',
    signature: { keyId: 'k', algorithm: 'ECDSA_SHA_256', canonicalization: 'RFC8785-JCS', value: 'MEUC' },
    document: { appointmentAt: '2026-11-27T09:15:00+07:00' },
  },
  history: [
    { status: 'submitted', at: '2026-11-24T09:15:00+07:00', by: 'online' },
    {
      status: 'supplement_requested',
      at: '2026-11-24T10:00:00+07:00',
      by: 'can-bo-1',
      note: 'Thiếu bản sao giấy chứng sinh',
    },
  ],
  supplementRequests: 1,
  controlSlip: [
    {
      from: commune,
      to: district,
      handedOverBy: 'can-bo-1',
      at: '2026-11-25T10:00:00+07:00',
      dueAt: '2026-11-27T09:15:00+07:00',
      result: 'early',
    },
  ],
});

const signatureOf = (received: typeof dossier) => {
  if (!received.receipt) throw new Error('the dossier was received');
  return received.receipt.signature;
};

describe('forms 01–06', () => {
  it('exist only once the dossier has reached them', () => {
    const available = FORM_NUMBERS.filter((form) => formContent(dossier, form));
    expect(available).toEqual(['01', '02', '06']);
    expect(
      formContent(
        {
          ...dossier,
          status: 'not_accepted',
          history: [...dossier.history, { status: 'not_accepted', at: 'x', by: 'y', note: 'Sai thẩm quyền' }],
        },
        '03',
      )?.fields,
    ).toContainEqual(['Lý do từ chối', 'Sai thẩm quyền']);
  });

  it('put the handovers of the control slip (form 06) in a table with early/on-time/late', () => {
    const slip = formContent(dossier, '06');
    expect(slip?.table?.rows).toEqual([
      [
        'Ủy ban nhân dân xã Quảng Bình',
        'Ủy ban nhân dân huyện Quảng Xương',
        'can-bo-1',
        '10 giờ 00 phút, ngày 25 tháng 11 năm 2026',
        'Trước hạn',
      ],
    ]);
    expect(formContent(dossier, '02')?.fields).toContainEqual([
      'Nội dung yêu cầu bổ sung',
      'Thiếu bản sao giấy chứng sinh',
    ]);
  });

  it('print on form 01 the SHA-256 of each file the dossier keeps, where it was recorded', () => {
    const sha256 = 'c0ffee'.padEnd(64, '0');
    const bound = {
      ...dossier,
      attachments: [
        { ...dossier.attachments[0], fileName: 'giay-chung-sinh.pdf', sha256, sizeBytes: 1234 },
        { key: 'uploads/old.pdf', fileName: 'don-cu.pdf', contentType: 'application/pdf' },
      ],
    } as DossierRecord;
    expect(formContent(bound, '01')?.fields).toContainEqual([
      'Giấy tờ đã nhận',
      `giay-chung-sinh.pdf (SHA-256: ${sha256}); don-cu.pdf`,
    ]);
  });

  it('render as an A4 PDF with an embedded Unicode font for Vietnamese text', async () => {
    const content = formContent(dossier, '01');
    if (!content) throw new Error('form 01 missing');
    const bytes = await renderFormPdf(
      content,
      signatureOf(dossier),
      '2026-11-24T09:15:00+07:00',
      fonts,
      'https://dichvucong.example.gov.vn/verify?code=000.17.22.H56-261124-0001',
    );
    const pdf = await PDFDocument.load(bytes);
    expect(pdf.getPageCount()).toBe(1);
    expect(pdf.getTitle()).toBe('Giấy tiếp nhận hồ sơ và hẹn trả kết quả — 000.17.22.H56-261124-0001');
    const fontsUsed = embeddedFonts(pdf);
    expect(fontsUsed).toHaveLength(2);
    for (const font of fontsUsed) {
      expect(font.embedded).toBe(true);
      expect(font.name).toMatch(/DejaVuSans/);
    }
  });
});
