import type { z } from 'zod';
import { DomainError, type FieldIssue } from '../common/errors.ts';
import { maskEmail, maskPersonalData } from '../common/text.ts';
import type { ApplicantSchema } from '../lifecycle/dossier-schema.ts';

/** As stored: dossiers from before applicant kinds have no `kind`, and are individuals. */
export type Applicant = z.input<typeof ApplicantSchema>;

const kindOf = (applicant: Applicant) => applicant.kind ?? 'individual';

/** The name forms and mail address the applicant by: the person's, or the organisation's. */
export function applicantName(applicant: Applicant): string {
  return applicant.kind === 'organisation' ? applicant.name : applicant.fullName;
}

/** The identifier forms print, with its label: personal number, enterprise/tax code or passport. */
export function applicantIdentity(applicant: Applicant): { label: string; value: string } {
  switch (applicant.kind) {
    case 'organisation':
      return { label: 'Mã số doanh nghiệp/Mã số thuế', value: applicant.taxCode };
    case 'foreigner':
      return {
        label: 'Số hộ chiếu',
        value: `${applicant.passportNumber} (quốc tịch ${applicant.nationality})`,
      };
    default:
      return { label: 'Số định danh cá nhân', value: applicant.idNumber };
  }
}

/** The lines a form prints about whoever the dossier is for and whoever submitted it for them. */
export function applicantLines(applicant: Applicant): [[string, string], ...[string, string][]] {
  const identity = applicantIdentity(applicant);
  const lines: [[string, string], ...[string, string][]] = [
    [applicant.kind === 'organisation' ? 'Tổ chức nộp hồ sơ' : 'Người nộp hồ sơ', applicantName(applicant)],
    [identity.label, identity.value],
  ];
  if (applicant.kind === 'organisation')
    lines.push(['Người đại diện theo pháp luật', applicant.legalRepresentative]);
  const agent = applicant.representative;
  if (agent)
    lines.push(
      ['Người nộp thay', agent.fullName],
      ['Số định danh cá nhân của người nộp thay', agent.idNumber],
      ['Văn bản ủy quyền', agent.authorisationDocument],
    );
  return lines;
}

/** What of an applicant may appear in a log line: every identifier masked. */
export function maskedApplicant(applicant: Applicant) {
  const agent = applicant.representative;
  const common = {
    kind: kindOf(applicant),
    phone: maskPersonalData(applicant.phone),
    email: maskEmail(applicant.email),
    ...(agent && {
      representative: {
        fullName: maskPersonalData(agent.fullName),
        idNumber: maskPersonalData(agent.idNumber),
        phone: maskPersonalData(agent.phone),
      },
    }),
  };
  switch (applicant.kind) {
    case 'organisation':
      return {
        ...common,
        name: maskPersonalData(applicant.name),
        taxCode: maskPersonalData(applicant.taxCode),
        legalRepresentative: maskPersonalData(applicant.legalRepresentative),
      };
    case 'foreigner':
      return {
        ...common,
        fullName: maskPersonalData(applicant.fullName),
        passportNumber: maskPersonalData(applicant.passportNumber),
        nationality: applicant.nationality,
      };
    default:
      return {
        ...common,
        fullName: maskPersonalData(applicant.fullName),
        idNumber: maskPersonalData(applicant.idNumber),
      };
  }
}

/**
 * The 9-digit ID card (CMND) stopped being valid at the end of 31/12/2024 (Law on Identification
 * 2023, Art. 46.1): a personal number must be the 12-digit one. 422 naming each field holding one.
 */
export function refuseOldIdCards(applicant: Applicant): void {
  const fields: string[] = [];
  if (applicant.kind !== 'organisation' && applicant.kind !== 'foreigner' && isOldIdCard(applicant.idNumber))
    fields.push('applicant.idNumber');
  if (applicant.representative && isOldIdCard(applicant.representative.idNumber))
    fields.push('applicant.representative.idNumber');
  if (fields.length === 0) return;
  const message = {
    vi: 'Chứng minh nhân dân 9 số không còn giá trị sử dụng từ ngày 01/01/2025. Hãy nhập số định danh cá nhân 12 chữ số in trên thẻ Căn cước/Căn cước công dân hoặc trong ứng dụng VNeID.',
    en: 'The 9-digit ID card (CMND) is no longer valid since 1 January 2025. Enter the 12-digit personal identification number printed on the citizen ID card (Căn cước/CCCD) or shown in the VNeID app.',
  };
  const issues: FieldIssue[] = fields.map((field) => ({ field, message }));
  throw new DomainError('ID_CARD_NO_LONGER_VALID', message, issues);
}

const isOldIdCard = (idNumber: string) => /^\d{9}$/.test(idNumber);
