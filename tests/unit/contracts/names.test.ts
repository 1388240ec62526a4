import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AgencySchema } from '../../../shared/contracts/catalog.ts';
import { DocumentHeaderFieldsSchema, OrganSchema } from '../../../shared/contracts/documents.ts';
import { SubmitDossierRequestSchema } from '../../../shared/contracts/dossiers.ts';
import { fieldIssuesOf } from '../../../shared/contracts/messages.ts';
import { applicantName } from '../../../shared/domain/intake/applicant.ts';

const INVISIBLE = [
  '\u200B',
  '\u200C',
  '\u200D',
  '\u2060',
  '\uFEFF',
  '\u00AD',
  '\u034F',
  '\u3164',
  '\u115F',
  '\uFFA0',
];
const BIDI = [
  '\u202A',
  '\u202B',
  '\u202C',
  '\u202D',
  '\u202E',
  '\u2066',
  '\u2067',
  '\u2068',
  '\u2069',
  '\u200E',
  '\u200F',
  '\u061C',
];
const NAMES = [
  'Lê Văn Cường',
  'Nguyễn Thị Ánh Tuyết',
  'Ủy ban nhân dân xã Quảng Phú',
  "Hồ Ngọc O'Neil",
  'Đỗ A',
];

/** The failing fields of a dossier submitted under this applicant name. */
function applicantNameIssues(fullName: string) {
  const result = SubmitDossierRequestSchema.safeParse({
    procedureCode: '1.001193.000.00.00.H56',
    applicant: { fullName, idNumber: '038099001234', address: 'Xóm 3', phone: '0912345678' },
  });
  return result.success
    ? { name: applicantName(result.data.applicant), issues: [] }
    : { issues: fieldIssuesOf(result.error) };
}

const invisible = fc
  .array(fc.constantFrom(...INVISIBLE, ' ', '\t'), { minLength: 1, maxLength: 12 })
  .map((c) => c.join(''));

describe('names of people and organisations', () => {
  it('refuse a name made only of invisible characters, naming the field in both languages', () => {
    fc.assert(
      fc.property(invisible, (name) => {
        const { issues } = applicantNameIssues(name);
        expect(issues.map((issue) => issue.field)).toEqual(['applicant.fullName']);
        expect(issues[0]?.message.vi).toMatch(/chữ cái/);
        expect(issues[0]?.message.en).toMatch(/visible letter/);
      }),
    );
  });

  it('refuse a bidi control anywhere in a name', () => {
    fc.assert(
      fc.property(fc.constantFrom(...NAMES), fc.constantFrom(...BIDI), fc.nat(), (name, control, at) => {
        const position = at % (name.length + 1);
        const { issues } = applicantNameIssues(`${name.slice(0, position)}${control}${name.slice(position)}`);
        expect(issues.map((issue) => issue.field)).toEqual(['applicant.fullName']);
        expect(issues[0]?.message.en).toMatch(/bidirectional control/);
        expect(issues[0]?.message.vi).toMatch(/điều khiển hướng chữ/);
      }),
    );
  });

  it('keep a real name, dropping the invisible characters a paste may carry', () => {
    fc.assert(
      fc.property(fc.constantFrom(...NAMES), invisible, invisible, (name, before, after) => {
        expect(applicantNameIssues(`${before}${name}${after}`)).toEqual({ name, issues: [] });
      }),
    );
    expect(applicantNameIssues('Lê\u200B Văn\u2060 Cường')).toEqual({ name: 'Lê Văn Cường', issues: [] });
  });

  it('apply to the signer of a document, an organisation and an agency of the catalog', () => {
    const signer = DocumentHeaderFieldsSchema.shape.signerInfo.safeParse({
      position: 'Chủ tịch',
      fullName: '\u200B\u200D',
    });
    expect(signer.success).toBe(false);
    const organ = OrganSchema.safeParse({ organId: '000.00.00.H56', organName: 'UBND\u202E tỉnh' });
    expect(organ.success ? [] : fieldIssuesOf(organ.error).map((issue) => issue.field)).toEqual([
      'organName',
    ]);
    const agency = AgencySchema.safeParse({
      code: '000.00.00.H56',
      name: '\u2066\u2069',
      tier: 'province',
      officialEmail: 'vanthu@quangbinh.gov.vn',
    });
    expect(agency.success ? [] : fieldIssuesOf(agency.error).map((issue) => issue.field)).toEqual(['name']);
  });
});
