import type { DossierRecord } from './dossier.ts';
import { toVietnameseWording } from './time.ts';

export interface MailContent {
  subject: string;
  text: string;
  html: string;
}

export const escapeHtml = (value: string) =>
  value.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );

/** The receipt mail (form 01 summary) in Vietnamese, with an English version below it. */
export function receiptMail(dossier: DossierRecord): MailContent {
  const received = toVietnameseWording(new Date(dossier.receivedAt));
  const due = toVietnameseWording(new Date(dossier.dueAt));
  const lines = [
    `Kính gửi ${dossier.applicant.fullName},`,
    '',
    `${dossier.agency.name} đã tiếp nhận hồ sơ của Ông/Bà.`,
    `Mã hồ sơ: ${dossier.dossierCode}`,
    `Thủ tục: ${dossier.procedure.name} (${dossier.procedure.code})`,
    `Thời gian tiếp nhận: ${received}`,
    `Hẹn trả kết quả: ${due}`,
    '',
    'Giấy tiếp nhận hồ sơ và hẹn trả kết quả (mẫu 01) được ký số; chữ ký:',
    `  Khóa: ${dossier.receipt.signature.keyId}`,
    `  Thuật toán: ${dossier.receipt.signature.algorithm}`,
    `  Chữ ký: ${dossier.receipt.signature.value}`,
    'Tra cứu tình trạng hồ sơ bằng mã hồ sơ và mã tra cứu được cấp khi nộp.',
    '',
    '---',
    `Dear ${dossier.applicant.fullName}, ${dossier.agency.name} has received your dossier ${dossier.dossierCode}`,
    `for "${dossier.procedure.name}". Appointment for the result: ${dossier.dueAt}.`,
    'The receipt is digitally signed; look the dossier up with its code and the lookup secret you were given.',
  ];
  return plainTextMail(`Tiếp nhận hồ sơ ${dossier.dossierCode} / Dossier received`, lines.join('\n'));
}

/** A mail whose HTML part is its text, escaped: the same words in every mail reader. */
export function plainTextMail(subject: string, text: string): MailContent {
  return {
    subject,
    text,
    html: `<!doctype html><html lang="vi"><body><pre style="font-family:inherit;white-space:pre-wrap">${escapeHtml(text)}</pre></body></html>`,
  };
}
