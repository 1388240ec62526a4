import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { layoutForm, overlaps, renderFormPdf, textBox } from '../../../shared/adapters/pdf-forms.ts';
import { A4, embedFonts } from '../../../shared/adapters/pdf-text.ts';
import { FORM_NUMBERS, formContent, placeOf } from '../../../shared/domain/documents/forms.ts';
import type { DossierRecord } from '../../../shared/domain/lifecycle/dossier.ts';
import { keyFingerprint } from '../../../shared/domain/signing/key-fingerprint.ts';
import { dejaVuFonts, embeddedFonts } from '../../support/pdf.ts';
import { pdfText } from '../../support/pdf-text.ts';
import { organisationApplicant, storedDossier } from '../app/dossier-fixture.ts';

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
const signedReceipt =
  dossier.receipt ??
  (() => {
    throw new Error('the fixture dossier has a receipt');
  })();

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

  it('print one control-slip row per finished step of a dossier following a process', () => {
    const unit = { code: '000.00.22.H56', name: 'UBND huyện Quảng Xương', tier: 'district' as const };
    const row = (
      step: string,
      name: string,
      by: string,
      finishedBy: string,
      timeliness: 'early' | 'late',
    ) => ({
      step,
      name: { vi: name, en: name },
      role: 'chuyen_vien' as const,
      unit,
      handedOverBy: by,
      startedAt: '2026-11-24T08:00:00+07:00',
      dueAt: '2026-11-25T08:00:00+07:00',
      budgetMinutes: 480,
      finishedAt: '2026-11-24T10:00:00+07:00',
      finishedBy,
      action: 'forward' as const,
      next: [],
      timeliness,
      workingMinutes: 120,
    });
    const slip = formContent(
      {
        ...dossier,
        process: {
          code: 'MAC-DINH-DISTRICT',
          version: 0,
          statutoryMinutes: 2400,
          active: [],
          done: [
            row('TIEP_NHAN', 'Tiếp nhận hồ sơ', 'system', 'tiep-nhan-1', 'early'),
            row('THAM_DINH', 'Thẩm định', 'tiep-nhan-1', 'chuyen-vien-1', 'late'),
          ],
        },
      },
      '06',
    );
    expect(slip?.table?.headers).toEqual([
      'Bước xử lý',
      'Người giao',
      'Người nhận',
      'Thời gian giao',
      'Hạn của bước',
      'Kết quả',
    ]);
    expect(slip?.table?.rows[1]).toEqual([
      'Thẩm định',
      'tiep-nhan-1',
      'chuyen-vien-1 (UBND huyện Quảng Xương)',
      '08 giờ 00 phút, ngày 24 tháng 11 năm 2026',
      '08 giờ 00 phút, ngày 25 tháng 11 năm 2026',
      'Quá hạn',
    ]);
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

  it('list on form 01 each received file with the SHA-256 the dossier keeps, where it was recorded', () => {
    const sha256 = 'c0ffee'.padEnd(64, '0');
    const bound = {
      ...dossier,
      attachments: [
        { ...dossier.attachments[0], fileName: 'giay-chung-sinh.pdf', sha256, sizeBytes: 1234 },
        { key: 'uploads/old.pdf', fileName: 'don-cu.pdf', contentType: 'application/pdf' },
      ],
    } as DossierRecord;
    expect(formContent(bound, '01')?.table?.rows).toEqual([
      ['1', `giay-chung-sinh.pdf (SHA-256: ${sha256})`, '—', '1'],
      ['2', 'don-cu.pdf', '—', '1'],
    ]);
  });

  it('list on form 01 the documents as the receipt names them: component, original or copy, count', () => {
    const withComponents = {
      ...dossier,
      receipt: {
        ...signedReceipt,
        document: {
          ...signedReceipt.document,
          procedure: { code: 'x', name: 'y', processingTime: 3, processingUnit: 'working_days' },
          documentsReceived: [
            { name: 'Tờ khai đăng ký khai sinh', fileName: 'to-khai.pdf', form: 'original', copies: 1 },
            { name: 'Giấy chứng sinh', fileName: 'chung-sinh.pdf', form: 'copy', copies: 2 },
            { name: 'Giấy tờ khác', form: 'not_a_known_form' },
          ],
          receivedBy: 'Lê Văn Tiếp',
        },
      },
    } as DossierRecord;
    const content = formContent(withComponents, '01');
    expect(content?.table).toEqual({
      headers: ['STT', 'Tên giấy tờ', 'Hình thức', 'Số lượng'],
      rows: [
        ['1', 'Tờ khai đăng ký khai sinh (tệp to-khai.pdf)', 'Bản chính', '1'],
        ['2', 'Giấy chứng sinh (tệp chung-sinh.pdf)', 'Bản sao', '2'],
        ['3', 'Giấy tờ khác', '—', '1'],
      ],
    });
    expect(content?.fields).toContainEqual(['Thời hạn giải quyết theo quy định', '3 ngày làm việc']);
    expect(content?.signer).toEqual({ role: 'NGƯỜI TIẾP NHẬN', name: 'Lê Văn Tiếp' });
  });

  it('give form 01 the header, number, place and date, lookup code and labelled fields, with no stored values', () => {
    const content = formContent(dossier, '01', {
      parentAgency: 'Ủy ban nhân dân huyện Quảng Xương',
      place: 'Thanh Hóa',
      lookupUrl: 'https://dichvucong.example.gov.vn/lookup?code=000.17.22.H56-261124-0001',
    });
    expect(content).toMatchObject({
      agency: 'Ủy ban nhân dân xã Quảng Bình',
      parentAgency: 'Ủy ban nhân dân huyện Quảng Xương',
      number: '261124-0001/TNHS',
      placeAndDate: 'Thanh Hóa, ngày 24 tháng 11 năm 2026',
      lookup: {
        dossierCode: '000.17.22.H56-261124-0001',
        url: 'https://dichvucong.example.gov.vn/lookup?code=000.17.22.H56-261124-0001',
      },
    });
    expect(content?.fields).toContainEqual(['Số định danh cá nhân', '038199004321']);
    expect(content?.fields).toContainEqual(['Hình thức nộp', 'Trực tuyến']);
    expect(JSON.stringify(content)).not.toMatch(/"online"|arn:/);
  });

  it('date the other forms by the step that issued them, and name their signer', () => {
    const stopped = {
      ...dossier,
      status: 'stopped',
      history: [
        ...dossier.history,
        {
          status: 'stopped',
          at: '2026-12-01T16:00:00+07:00',
          by: 'lanh-dao-1',
          note: 'Người nộp đề nghị dừng',
        },
      ],
    } as DossierRecord;
    expect(formContent(stopped, '05')).toMatchObject({
      title: 'Thông báo dừng giải quyết hồ sơ',
      number: '261124-0001/DGQ',
      placeAndDate: 'Quảng Xương, ngày 01 tháng 12 năm 2026',
      signer: { role: 'THỦ TRƯỞNG CƠ QUAN', name: 'lanh-dao-1' },
    });
    expect(placeOf('Ủy ban nhân dân tỉnh Thanh Hóa')).toBe('Thanh Hóa');
    expect(placeOf('Trung tâm Phục vụ hành chính công tỉnh Thanh Hóa')).toBe('Thanh Hóa');
    expect(placeOf('Sở Tư pháp')).toBe('Sở Tư pháp');
  });

  it('print whoever the dossier is for: an organisation by its tax code, and who submitted for it', () => {
    const forOrganisation = storedDossier({
      applicant: {
        ...organisationApplicant,
        representative: {
          fullName: 'Phạm Thị Mai',
          idNumber: '038199001111',
          authorisationDocument: 'Giấy ủy quyền số 12/2026/UQ',
        },
      },
    });
    expect(formContent(forOrganisation, '01')?.fields).toEqual(
      expect.arrayContaining([
        ['Tổ chức nộp hồ sơ', 'Công ty TNHH Hoa Sen'],
        ['Mã số doanh nghiệp/Mã số thuế', '0101234567'],
        ['Người nộp thay', 'Phạm Thị Mai'],
        ['Văn bản ủy quyền', 'Giấy ủy quyền số 12/2026/UQ'],
      ]),
    );
    expect(formContent(forOrganisation, '06')?.fields[0]).toEqual([
      'Tổ chức nộp hồ sơ',
      'Công ty TNHH Hoa Sen',
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

  const armKey = {
    ...signedReceipt.signature,
    keyId: 'arn:aws:kms:ap-southeast-1:123456789012:key/1a2b3c4d',
  };
  const verifyUrl = 'https://dichvucong.example.gov.vn/verify?code=000.17.22.H56-261124-0001';

  it('print the official header, the lookup code, the signer and a key fingerprint, never an ARN or a stored value', async () => {
    const content = formContent(dossier, '01', {
      parentAgency: 'Ủy ban nhân dân huyện Quảng Xương',
      place: 'Thanh Hóa',
      lookupUrl: 'https://dichvucong.example.gov.vn/lookup?code=000.17.22.H56-261124-0001',
    });
    if (!content) throw new Error('form 01 missing');
    const text = await pdfText(
      await renderFormPdf(content, armKey, '2026-11-24T09:15:00+07:00', fonts, verifyUrl),
    );
    for (const expected of [
      'ỦY BAN NHÂN DÂN XÃ QUẢNG BÌNH',
      'Số: 261124-0001/TNHS',
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      'Thanh Hóa, ngày 24 tháng 11 năm 2026',
      'GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ',
      'Hình thức nộp: Trực tuyến',
      'MÃ HỒ SƠ ĐỂ TRA CỨU: 000.17.22.H56-261124-0001',
      'NGƯỜI TIẾP NHẬN',
      'NGƯỜI NỘP HỒ SƠ',
      `Khóa ký số (dấu vân tay): ${keyFingerprint(armKey.keyId)}`,
    ])
      expect(text).toContain(expected);
    expect(text).not.toMatch(/arn:|\bonline\b/);
  }, 30_000);

  it('keep the QR code clear of every line of text, however long the names and addresses', async () => {
    const pdf = await PDFDocument.create();
    const embedded = await embedFonts(pdf, fonts, '');
    const long = (word: string, times: number) => Array.from({ length: times }, () => word).join(' ');
    for (const times of [1, 6, 25]) {
      const crowded = {
        ...dossier,
        agency: { ...dossier.agency, name: `Ủy ban nhân dân xã ${long('Quảng Bình', times)}` },
        applicant: {
          ...dossier.applicant,
          fullName: long('Nguyễn Thị Hoà', times),
          address: long('Thôn Yên Trạch, xã Quảng Bình', times),
        },
        attachments: Array.from({ length: times }, (_, index) => ({
          key: `uploads/${index}.pdf`,
          fileName: `${long('giay-to', 3)}-${index}.pdf`,
          contentType: 'application/pdf',
        })),
      } as DossierRecord;
      for (const form of ['01', '06'] as const) {
        const content = formContent(crowded, form, {
          lookupUrl: `https://dichvucong.example.gov.vn/lookup?code=${long('x', times)}`,
        });
        if (!content) throw new Error(`form ${form} missing`);
        const layout = layoutForm(content, armKey, '2026-11-24T09:15:00+07:00', embedded, verifyUrl);
        expect(layout.texts.length).toBeGreaterThan(20);
        const clashes = layout.texts.filter((line) => overlaps(textBox(line), layout.qr));
        expect(clashes.map((line) => line.text)).toEqual([]);
        for (const line of layout.texts) {
          expect(line.x).toBeGreaterThanOrEqual(0);
          expect(line.x + line.width).toBeLessThanOrEqual(A4.width);
          expect(line.y).toBeGreaterThan(0);
        }
      }
    }
  }, 30_000);
});
