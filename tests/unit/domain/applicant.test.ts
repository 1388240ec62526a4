import { describe, expect, it } from 'vitest';
import { SubmitDossierRequestSchema } from '../../../shared/contracts/dossiers.ts';
import { fieldIssuesOf } from '../../../shared/contracts/messages.ts';
import { DomainError } from '../../../shared/domain/common/errors.ts';
import {
  applicantLines,
  maskedApplicant,
  refuseOldIdCards,
} from '../../../shared/domain/intake/applicant.ts';
import { statusOf } from '../../../shared/http/errors.ts';

const contact = {
  address: 'Số 5 Lê Lợi, phường Hạc Thành, Thanh Hóa',
  phone: '0912345678',
  email: 'a@example.vn',
};
const parse = (applicant: Record<string, unknown>) =>
  SubmitDossierRequestSchema.safeParse({ procedureCode: '1.001193.000.00.00.H56', applicant });
const applicantOf = (applicant: Record<string, unknown>) => {
  const parsed = parse(applicant);
  if (!parsed.success) throw new Error(JSON.stringify(fieldIssuesOf(parsed.error)));
  return parsed.data.applicant;
};
const refusalOf = (applicant: Record<string, unknown>) => {
  try {
    refuseOldIdCards(applicantOf(applicant));
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  return undefined;
};
const issuesOf = (applicant: Record<string, unknown>) => {
  const parsed = parse(applicant);
  return parsed.success ? [] : fieldIssuesOf(parsed.error);
};

const individual = { fullName: 'Nguyễn Thị Hoa', idNumber: '038199004321', ...contact };
const organisation = {
  kind: 'organisation',
  name: 'Công ty TNHH Hoa Sen',
  taxCode: '0101234567',
  legalRepresentative: 'Lê Văn Tâm',
  ...contact,
};
const foreigner = {
  kind: 'foreigner',
  fullName: 'Kim Min-jun',
  passportNumber: 'm12345678',
  nationality: 'kr',
  ...contact,
};

describe('applicant kinds', () => {
  it('takes a request without kind as an individual, as clients did before kinds existed', () => {
    expect(applicantOf(individual)).toMatchObject({ kind: 'individual', idNumber: '038199004321' });
  });

  it('refuses a 9-digit ID card number with 422 and a message saying what to use instead', () => {
    const error = refusalOf({ ...individual, idNumber: '038199004' });
    expect(error?.code).toBe('ID_CARD_NO_LONGER_VALID');
    expect(error && statusOf(error)).toBe(422);
    expect(error?.fields.map((field) => field.field)).toEqual(['applicant.idNumber']);
    expect(error?.bilingual.vi).toContain('không còn giá trị sử dụng từ ngày 01/01/2025');
    expect(error?.bilingual.vi).toContain('12 chữ số');
    expect(error?.bilingual.vi).toContain('VNeID');
    expect(error?.bilingual.en).toContain('no longer valid since 1 January 2025');
    expect(refusalOf(individual)).toBeUndefined();
  });

  it("refuses a representative's 9-digit number too, naming that field", () => {
    const error = refusalOf({
      ...organisation,
      representative: {
        fullName: 'Phạm Thị Mai',
        idNumber: '123456789',
        authorisationDocument: 'Giấy ủy quyền số 1',
      },
    });
    expect(error?.fields.map((field) => field.field)).toEqual(['applicant.representative.idNumber']);
  });

  it('refuses numbers of other lengths in both languages', () => {
    const [issue] = issuesOf({ ...individual, idNumber: '0381990043' });
    expect(issue?.field).toBe('applicant.idNumber');
    expect(issue?.message.vi).toBe('Số định danh cá nhân phải gồm 12 chữ số.');
  });

  it('accepts an organisation by its 10-digit code, or 13 digits for a dependent unit written either way', () => {
    expect(applicantOf(organisation)).toMatchObject({ kind: 'organisation', taxCode: '0101234567' });
    expect(applicantOf({ ...organisation, taxCode: '0101234567001' })).toMatchObject({
      taxCode: '0101234567-001',
    });
    expect(applicantOf({ ...organisation, taxCode: '0101234567-001' })).toMatchObject({
      taxCode: '0101234567-001',
    });
    expect(issuesOf({ ...organisation, taxCode: '01012345' }).map((issue) => issue.field)).toEqual([
      'applicant.taxCode',
    ]);
    expect(issuesOf({ ...organisation, legalRepresentative: undefined }).map((issue) => issue.field)).toEqual(
      ['applicant.legalRepresentative'],
    );
  });

  it('accepts a foreigner by passport and ISO 3166 nationality, and refuses made-up or Vietnamese codes', () => {
    expect(applicantOf(foreigner)).toMatchObject({ passportNumber: 'M12345678', nationality: 'KR' });
    for (const nationality of ['XX', 'VN', 'KOR'])
      expect(issuesOf({ ...foreigner, nationality }).map((issue) => issue.field)).toEqual([
        'applicant.nationality',
      ]);
  });

  it('refuses an unknown kind in both languages', () => {
    const [issue] = issuesOf({ ...individual, kind: 'company' });
    expect(issue?.field).toBe('applicant.kind');
    expect(issue?.message.vi).toContain('individual, organisation hoặc foreigner');
  });

  it('masks every identifier in log lines', () => {
    const agent = {
      fullName: 'Phạm Thị Mai',
      idNumber: '038199001111',
      phone: '0987654321',
      authorisationDocument: 'Giấy ủy quyền',
    };
    for (const applicant of [individual, organisation, foreigner]) {
      const parsed = applicantOf({ ...applicant, representative: agent });
      const line = JSON.stringify(maskedApplicant(parsed));
      for (const secret of [
        '038199004321',
        '0101234567',
        'M12345678',
        'Nguyễn Thị Hoa',
        'Công ty TNHH Hoa Sen',
        'Lê Văn Tâm',
        'Kim Min-jun',
        '0912345678',
        'a@example.vn',
        'Phạm Thị Mai',
        '038199001111',
        '0987654321',
      ])
        expect(line).not.toContain(secret);
    }
  });

  it('prints whoever the dossier is for, and whoever submitted it for them', () => {
    expect(applicantLines(applicantOf(foreigner))).toEqual([
      ['Người nộp hồ sơ', 'Kim Min-jun'],
      ['Số hộ chiếu', 'M12345678 (quốc tịch KR)'],
    ]);
    expect(
      applicantLines(
        applicantOf({
          ...organisation,
          representative: {
            fullName: 'Phạm Thị Mai',
            idNumber: '038199001111',
            authorisationDocument: 'Giấy ủy quyền số 1',
          },
        }),
      ),
    ).toEqual([
      ['Tổ chức nộp hồ sơ', 'Công ty TNHH Hoa Sen'],
      ['Mã số doanh nghiệp/Mã số thuế', '0101234567'],
      ['Người đại diện theo pháp luật', 'Lê Văn Tâm'],
      ['Người nộp thay', 'Phạm Thị Mai'],
      ['Số định danh cá nhân của người nộp thay', '038199001111'],
      ['Văn bản ủy quyền', 'Giấy ủy quyền số 1'],
    ]);
  });
});
