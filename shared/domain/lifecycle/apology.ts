import * as z from 'zod';
import { toVietnameseWording } from '../calendar/time.ts';
import { applicantName } from '../intake/applicant.ts';
import { type MailContent, plainTextMail } from '../mail/mail-templates.ts';
import type { DossierRecord } from './dossier.ts';
import type { Apology } from './lifecycle.ts';

export const APOLOGY_VERSION = 'motcua.apology/v1';

/** Form 04: Văn bản xin lỗi và hẹn lại ngày trả kết quả. Every field is covered by the signature. */
export function apologyLetter(dossier: DossierRecord, apology: Apology) {
  if (apology.state !== 'approved' || !apology.newDueAt)
    throw new Error('Only an approved apology becomes a letter');
  return {
    version: APOLOGY_VERSION,
    form: '04',
    title: 'Văn bản xin lỗi và hẹn lại ngày trả kết quả',
    dossierCode: dossier.dossierCode,
    agency: { code: dossier.currentAgency.code, name: dossier.currentAgency.name },
    procedure: dossier.procedure,
    applicant: { fullName: applicantName(dossier.applicant) },
    missedDueAt: apology.missedDueAt,
    newDueAt: apology.newDueAt,
    newDueAtWording: toVietnameseWording(new Date(apology.newDueAt)),
    approvedBy: apology.approvedBy ?? '',
    approvedAt: apology.approvedAt ?? '',
  };
}

export type ApologyLetter = ReturnType<typeof apologyLetter>;

/** What the apology mail reads of a signed letter, which the dossier stores as an untyped document. */
export const ApologyMailLetterSchema = z.looseObject({
  dossierCode: z.string(),
  agency: z.looseObject({ name: z.string() }),
  procedure: z.looseObject({ name: z.string() }),
  applicant: z.looseObject({ fullName: z.string() }),
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
    `${letter.agency.name} xin lỗi Ông/Bà vì hồ sơ ${letter.dossierCode} (${letter.procedure.name}) chưa được giải quyết đúng hẹn.`,
    `Thời gian hẹn trả kết quả mới: ${letter.newDueAtWording}.`,
    `Văn bản xin lỗi (mẫu 04) đã được ký số; chữ ký: ${signatureValue}`,
    '',
    '---',
    `${letter.agency.name} apologises: dossier ${letter.dossierCode} was not settled by its appointment.`,
    `New appointment: ${letter.newDueAt}. The letter (form 04) is digitally signed.`,
  ].join('\n');
  return plainTextMail(`Xin lỗi và hẹn lại: hồ sơ ${letter.dossierCode} / Apology and new appointment`, text);
}
