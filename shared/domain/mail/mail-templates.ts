import { toVietnameseWording } from '../calendar/time.ts';
import { applicantName } from '../intake/applicant.ts';
import type { DossierRecord } from '../lifecycle/dossier.ts';
import { keyFingerprint } from '../signing/key-fingerprint.ts';
import type { SignedDocument } from '../signing/signed-document.ts';

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

/**
 * The mail of an online submission: the dossier is "Mới đăng ký" and waits for the one-stop desk to
 * check it, so it says "đã nộp" (submitted), with no appointment yet.
 */
export function submissionMail(dossier: DossierRecord): MailContent {
  const submitted = dossier.submittedAt ?? dossier.receivedAt;
  const lines = [
    `Kính gửi ${applicantName(dossier.applicant)},`,
    '',
    `Ông/Bà đã nộp hồ sơ trực tuyến đến ${dossier.agency.name}.`,
    `Mã hồ sơ: ${dossier.dossierCode}`,
    `Thủ tục: ${dossier.procedure.name} (${dossier.procedure.code})`,
    ...(submitted ? [`Thời gian nộp: ${toVietnameseWording(new Date(submitted))}`] : []),
    '',
    'Bộ phận một cửa sẽ kiểm tra hồ sơ: khi hồ sơ được tiếp nhận, Ông/Bà nhận giấy tiếp nhận hồ sơ',
    'và hẹn trả kết quả (mẫu 01) có ký số; nếu hồ sơ cần bổ sung, Ông/Bà sẽ được hướng dẫn.',
    'Tra cứu tình trạng hồ sơ bằng mã hồ sơ và mã tra cứu được cấp khi nộp.',
    '',
    '---',
    `Dear ${applicantName(dossier.applicant)}, you submitted dossier ${dossier.dossierCode} online to ${dossier.agency.name}`,
    `for "${dossier.procedure.name}". The one-stop desk will check it; once it is received you get the signed`,
    'receipt with the appointment for the result. Look the dossier up with its code and the lookup secret you were given.',
  ];
  return plainTextMail(`Đã nộp hồ sơ ${dossier.dossierCode} / Dossier submitted`, lines.join('\n'));
}

/** A signature as a mail shows it: the key's fingerprint, the algorithm and the value. */
function signatureLines(signature: { keyId: string; algorithm: string; value: string }): string[] {
  return [
    `  Khóa ký số (dấu vân tay): ${keyFingerprint(signature.keyId)}`,
    `  Thuật toán: ${signature.algorithm}`,
    `  Chữ ký: ${signature.value}`,
  ];
}

/** The receipt mail (form 01 summary) in Vietnamese, with an English version below it. */
export function receiptMail(
  dossier: DossierRecord,
  { receivedAt, dueAt, receipt }: { receivedAt: string; dueAt: string; receipt: SignedDocument },
): MailContent {
  const received = toVietnameseWording(new Date(receivedAt));
  const due = toVietnameseWording(new Date(dueAt));
  const lines = [
    `Kính gửi ${applicantName(dossier.applicant)},`,
    '',
    `${dossier.agency.name} đã tiếp nhận hồ sơ của Ông/Bà.`,
    `Mã hồ sơ: ${dossier.dossierCode}`,
    `Thủ tục: ${dossier.procedure.name} (${dossier.procedure.code})`,
    `Thời gian tiếp nhận: ${received}`,
    `Hẹn trả kết quả: ${due}`,
    '',
    'Giấy tiếp nhận hồ sơ và hẹn trả kết quả (mẫu 01) được ký số; chữ ký:',
    ...signatureLines(receipt.signature),
    '',
    `MÃ HỒ SƠ ĐỂ TRA CỨU: ${dossier.dossierCode}`,
    'Hãy giữ thư này: dù đã đóng trang nộp hồ sơ, Ông/Bà vẫn tra cứu được tình trạng hồ sơ tại liên kết',
    'cuối thư, bằng mã hồ sơ trên và mã tra cứu được cấp khi nộp.',
    '',
    '---',
    `Dear ${applicantName(dossier.applicant)}, ${dossier.agency.name} has received your dossier ${dossier.dossierCode}`,
    `for "${dossier.procedure.name}". Appointment for the result: ${dueAt}.`,
    'The receipt is digitally signed. Keep this mail: look the dossier up at the link below with its code',
    `(${dossier.dossierCode}) and the lookup secret you were given.`,
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

const dearLines = (dossier: DossierRecord) => [`Kính gửi ${applicantName(dossier.applicant)},`, ''];
const dossierLines = (dossier: DossierRecord) => [
  `Mã hồ sơ: ${dossier.dossierCode}`,
  `Thủ tục: ${dossier.procedure.name} (${dossier.procedure.code})`,
];
const lastNote = (dossier: DossierRecord, status: string) =>
  [...dossier.history].reverse().find((entry) => entry.status === status)?.note ?? '';

/** Form 02 by mail: what to add, and that the clock waits for it. */
export function supplementRequestMail(dossier: DossierRecord): MailContent {
  return plainTextMail(
    `Yêu cầu bổ sung hồ sơ ${dossier.dossierCode} / Supplement requested`,
    [
      ...dearLines(dossier),
      `${dossier.currentAgency.name} đề nghị Ông/Bà bổ sung, hoàn thiện hồ sơ (mẫu 02).`,
      ...dossierLines(dossier),
      `Nội dung cần bổ sung: ${lastNote(dossier, 'supplement_requested')}`,
      'Thời gian chờ bổ sung không tính vào thời hạn giải quyết.',
      '',
      '---',
      `${dossier.currentAgency.name} asks you to complete dossier ${dossier.dossierCode}: ${lastNote(dossier, 'supplement_requested')}.`,
      'The time until you do is not counted against the processing time.',
    ].join('\n'),
  );
}

/** The acknowledgement of documents the citizen supplied through the lookup page. */
export function supplementReceivedMail(dossier: DossierRecord): MailContent {
  const supplied = dossier.supplement?.suppliedAt;
  const files = dossier.attachments.filter((file) => file.suppliedAt && file.suppliedAt === supplied);
  const backToDesk = dossier.status === 'submitted';
  return plainTextMail(
    `Đã nhận hồ sơ bổ sung ${dossier.dossierCode} / Supplementary documents received`,
    [
      ...dearLines(dossier),
      `${dossier.currentAgency.name} đã nhận hồ sơ bổ sung của Ông/Bà.`,
      ...dossierLines(dossier),
      ...(supplied ? [`Thời gian bổ sung: ${toVietnameseWording(new Date(supplied))}`] : []),
      `Giấy tờ đã bổ sung: ${files.map((file) => file.fileName).join('; ') || '(không có)'}`,
      backToDesk
        ? 'Hồ sơ được chuyển lại bộ phận một cửa để kiểm tra trước khi tiếp nhận.'
        : 'Thời hạn giải quyết tiếp tục được tính khi cơ quan xác nhận đã nhận đủ giấy tờ bổ sung.',
      '',
      '---',
      `${dossier.currentAgency.name} has received the documents you supplied for dossier ${dossier.dossierCode}.`,
      backToDesk
        ? 'The one-stop desk will check the dossier again before receiving it.'
        : 'The processing time resumes once the agency confirms the supplement is complete.',
    ].join('\n'),
  );
}

/** Form 03 by mail: the refusal and its reason. */
export function refusalMail(dossier: DossierRecord): MailContent {
  return plainTextMail(
    `Từ chối tiếp nhận hồ sơ ${dossier.dossierCode} / Dossier not accepted`,
    [
      ...dearLines(dossier),
      `${dossier.currentAgency.name} không tiếp nhận hồ sơ của Ông/Bà (mẫu 03).`,
      ...dossierLines(dossier),
      `Lý do: ${lastNote(dossier, 'not_accepted')}`,
      '',
      '---',
      `${dossier.currentAgency.name} did not accept dossier ${dossier.dossierCode}. Reason: ${lastNote(dossier, 'not_accepted')}.`,
    ].join('\n'),
  );
}

/**
 * The result is ready to be returned. With `lookupUrl` (the lookup page, the dossier code filled in),
 * the mail says where the electronic result is downloaded; the lookup secret is never in a mail.
 */
export function resultReadyMail(dossier: DossierRecord, lookupUrl?: string): MailContent {
  const electronic = dossier.result?.documentKey !== undefined;
  const where = lookupUrl
    ? [
        '',
        electronic
          ? 'Tải kết quả điện tử và tra cứu hồ sơ tại trang tra cứu (nhập mã tra cứu được cấp khi nộp hồ sơ):'
          : 'Tra cứu hồ sơ tại trang tra cứu (nhập mã tra cứu được cấp khi nộp hồ sơ):',
        lookupUrl,
      ]
    : [];
  return plainTextMail(
    `Đã có kết quả hồ sơ ${dossier.dossierCode} / Result ready`,
    [
      ...dearLines(dossier),
      `Hồ sơ của Ông/Bà đã được giải quyết xong tại ${dossier.currentAgency.name}.`,
      ...dossierLines(dossier),
      ...(dossier.result?.documentSignature
        ? ['Kết quả được ký số; chữ ký:', ...signatureLines(dossier.result.documentSignature)]
        : ['Mời Ông/Bà nhận kết quả theo hình thức đã đăng ký.']),
      ...where,
      '',
      '---',
      `Dossier ${dossier.dossierCode} has been settled by ${dossier.currentAgency.name}; the result is ready.`,
      ...(lookupUrl
        ? [
            `${electronic ? 'Download the electronic result and look' : 'Look'} the dossier up on the lookup page with the lookup secret you were given when applying: ${lookupUrl}`,
          ]
        : []),
    ].join('\n'),
  );
}

/** An official document sent to agencies by mail (meeting invitations, drafts for comment). */
export interface AgencyDocumentMail {
  kind: 'meeting_invitation' | 'draft_for_comment';
  fromOrgan: string;
  subject: string;
  numberAndNotation: string;
  dueAt?: string | undefined;
  place?: string | undefined;
  link?: string | undefined;
}

export function agencyDocumentMail(document: AgencyDocumentMail): MailContent {
  const meeting = document.kind === 'meeting_invitation';
  return plainTextMail(
    `${meeting ? 'Giấy mời họp' : 'Xin ý kiến dự thảo'}: ${document.subject} (${document.numberAndNotation}) / ${meeting ? 'Meeting invitation' : 'Draft for comment'}`,
    [
      `${document.fromOrgan} ${meeting ? 'trân trọng kính mời dự họp' : 'đề nghị cho ý kiến về dự thảo'}: ${document.subject}.`,
      `Số, ký hiệu: ${document.numberAndNotation}`,
      ...(document.dueAt
        ? [`${meeting ? 'Thời gian' : 'Hạn góp ý'}: ${toVietnameseWording(new Date(document.dueAt))}`]
        : []),
      ...(document.place ? [`Địa điểm: ${document.place}`] : []),
      ...(document.link ? [`Tài liệu: ${document.link}`] : []),
      '',
      '---',
      `${document.fromOrgan}: ${meeting ? 'meeting invitation' : 'draft for comment'} "${document.subject}" (${document.numberAndNotation}).`,
    ].join('\n'),
  );
}
