import * as z from 'zod';
import { toVietnameseWording } from '../calendar/time.ts';
import { DomainError } from '../common/errors.ts';
import { applicantName } from '../intake/applicant.ts';
import { type MailContent, plainTextMail } from '../mail/mail-templates.ts';
import type { OfficerRole } from '../officers/officers.ts';
import type { DossierRecord } from './dossier.ts';
import type { Apology } from './lifecycle.ts';

export const APOLOGY_VERSION = 'motcua.apology/v2';

/** Form 04 as Circular 03/2025/TT-VPCP Annex I names it (Circular 01/2018 called it "Phiếu xin lỗi và hẹn lại ngày trả kết quả"). */
export const APOLOGY_TITLE = 'Văn bản xin lỗi và đề nghị gia hạn thời gian giải quyết';

/** Who approves form 04: a leader of the unit holding the dossier. */
export const APOLOGY_APPROVER_ROLES: readonly OfficerRole[] = ['lanh_dao', 'lanh_dao_phong'];

export const apologyApproverMissing = () =>
  new DomainError('FORBIDDEN', {
    vi: 'Văn bản xin lỗi và đề nghị gia hạn (mẫu 04) do lãnh đạo đơn vị duyệt: cần vai trò «Lãnh đạo ký duyệt» (lanh_dao) hoặc «Lãnh đạo phòng» (lanh_dao_phong).',
    en: 'The apology letter (form 04) is approved by a leader of the unit: it needs the role lanh_dao or lanh_dao_phong.',
  });

/**
 * The letter's text, following the parts of Mẫu 04: when and by whom the dossier was received, what it
 * asks, its appointment, that the unit cannot meet it and why, the apology and the new appointment.
 */
export function apologyBody(letter: {
  agencyName: string;
  applicantName: string;
  procedureName: string;
  receivedAtWording: string;
  missedDueAtWording: string;
  reason: string;
  newDueAtWording: string;
}): string[] {
  return [
    `Vào ${letter.receivedAtWording}, ${letter.agencyName} tiếp nhận giải quyết hồ sơ của Ông/Bà ${letter.applicantName}.`,
    `Nội dung yêu cầu giải quyết: ${letter.procedureName}.`,
    `Ngày hẹn trả kết quả giải quyết hồ sơ: ${letter.missedDueAtWording}.`,
    `Tuy nhiên, ${letter.agencyName} không thể trả kết quả giải quyết hồ sơ của Ông/Bà đúng thời hạn ghi trên Giấy tiếp nhận hồ sơ và hẹn trả kết quả.`,
    `Lý do: ${letter.reason}`,
    `Sự chậm trễ này gây phiền hà cho Ông/Bà. ${letter.agencyName} xin lỗi Ông/Bà và sẽ trả kết quả giải quyết hồ sơ cho Ông/Bà vào ${letter.newDueAtWording}.`,
    'Xin trân trọng cảm ơn sự hợp tác của Ông/Bà.',
  ];
}

/** Form 04 as signed: every field, the reason and the text included, is covered by the signature. */
export function apologyLetter(dossier: DossierRecord, apology: Apology) {
  if (apology.state !== 'approved' || !apology.newDueAt || !apology.reason)
    throw new Error('Only an approved apology with its reason becomes a letter');
  const words = {
    agencyName: dossier.currentAgency.name,
    applicantName: applicantName(dossier.applicant),
    procedureName: dossier.procedure.name,
    receivedAtWording: toVietnameseWording(
      new Date(dossier.receivedAt ?? dossier.submittedAt ?? apology.draftedAt),
    ),
    missedDueAtWording: toVietnameseWording(new Date(apology.missedDueAt)),
    reason: apology.reason,
    newDueAtWording: toVietnameseWording(new Date(apology.newDueAt)),
  };
  return {
    version: APOLOGY_VERSION,
    form: '04',
    title: APOLOGY_TITLE,
    dossierCode: dossier.dossierCode,
    agency: { code: dossier.currentAgency.code, name: dossier.currentAgency.name },
    procedure: dossier.procedure,
    applicant: { fullName: applicantName(dossier.applicant) },
    receivedAt: dossier.receivedAt,
    missedDueAt: apology.missedDueAt,
    reason: apology.reason,
    newDueAt: apology.newDueAt,
    newDueAtWording: words.newDueAtWording,
    body: apologyBody(words),
    approvedBy: apology.approvedBy ?? '',
    approvedAt: apology.approvedAt ?? '',
  };
}

export type ApologyLetter = ReturnType<typeof apologyLetter>;

/**
 * What the apology mail reads of a signed letter, which the dossier stores as an untyped document;
 * letters signed before the reason was required have no reason nor text.
 */
export const ApologyMailLetterSchema = z.looseObject({
  dossierCode: z.string(),
  agency: z.looseObject({ name: z.string() }),
  procedure: z.looseObject({ name: z.string() }),
  applicant: z.looseObject({ fullName: z.string() }),
  reason: z.string().optional(),
  newDueAt: z.string(),
  newDueAtWording: z.string(),
});

export function apologyMail(
  letter: z.output<typeof ApologyMailLetterSchema>,
  signatureValue: string,
): MailContent {
  const text = [
    `Kính gửi ${letter.applicant.fullName},`,
    '',
    `${letter.agency.name} xin lỗi Ông/Bà vì hồ sơ ${letter.dossierCode} (${letter.procedure.name}) không thể được giải quyết đúng hẹn.`,
    ...(letter.reason ? [`Lý do: ${letter.reason}`] : []),
    `Thời gian hẹn trả kết quả mới: ${letter.newDueAtWording}.`,
    `${APOLOGY_TITLE} (mẫu 04) đã được ký số; chữ ký: ${signatureValue}`,
    '',
    '---',
    `${letter.agency.name} apologises: dossier ${letter.dossierCode} cannot be settled by its appointment.`,
    ...(letter.reason ? ['The reason is stated above, in Vietnamese.'] : []),
    `New appointment: ${letter.newDueAt}. The letter (form 04) is digitally signed.`,
  ].join('\n');
  return plainTextMail(`Xin lỗi và hẹn lại: hồ sơ ${letter.dossierCode} / Apology and new appointment`, text);
}
