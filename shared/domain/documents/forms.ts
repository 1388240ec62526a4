import { TIMELINESS_LABELS } from '../calendar/calendar.ts';
import { toVietnameseWording } from '../calendar/time.ts';
import { keysOf } from '../common/keys.ts';
import type { DossierRecord } from '../lifecycle/dossier.ts';
import { currentAppointment } from '../lifecycle/lifecycle.ts';

/** The one-stop forms (Circular 03/2025/TT-VPCP Annex I, per a secondary source: verify the wording). */
export const FORM_TITLES = {
  '01': 'Giấy tiếp nhận hồ sơ và hẹn trả kết quả',
  '02': 'Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ',
  '03': 'Phiếu từ chối tiếp nhận giải quyết hồ sơ',
  '04': 'Văn bản xin lỗi và hẹn lại ngày trả kết quả',
  '05': 'Phiếu dừng giải quyết hồ sơ',
  '06': 'Phiếu kiểm soát quá trình giải quyết hồ sơ',
} as const;

export type FormNumber = keyof typeof FORM_TITLES;
export const FORM_NUMBERS = keysOf(FORM_TITLES);
export const FORM_VERSION = 'motcua.form/v1' as const;

/** What a form says, independent of layout: the signed content and what the PDF prints. */
export interface FormContent {
  version: typeof FORM_VERSION;
  form: FormNumber;
  title: string;
  dossierCode: string;
  agency: string;
  fields: [string, string][];
  table?: { headers: string[]; rows: string[][] } | undefined;
}

const wording = (iso: string | undefined) => (iso ? toVietnameseWording(new Date(iso)) : '');
const lastNote = (dossier: DossierRecord, status: string) =>
  [...dossier.history].reverse().find((entry) => entry.status === status)?.note ?? '';

/** A received file as form 01 prints it: with the SHA-256 of the bytes the dossier keeps. */
const receivedFile = (file: DossierRecord['attachments'][number]) =>
  file.sha256 ? `${file.fileName} (SHA-256: ${file.sha256})` : file.fileName;

/** The content of a form for a dossier, or undefined when the dossier has not reached that form. */
export function formContent(dossier: DossierRecord, form: FormNumber): FormContent | undefined {
  const base = {
    version: FORM_VERSION,
    form,
    title: FORM_TITLES[form],
    dossierCode: dossier.dossierCode,
    agency: dossier.currentAgency.name,
  };
  const applicant: [string, string] = ['Người nộp hồ sơ', dossier.applicant.fullName];
  const procedure: [string, string] = ['Thủ tục', `${dossier.procedure.name} (${dossier.procedure.code})`];
  switch (form) {
    case '01':
      // Form 01 exists once the desk received the dossier (Decree 61/2018 Art. 15–16).
      if (!dossier.receipt || !dossier.receivedAt) return undefined;
      return {
        ...base,
        agency: dossier.agency.name,
        fields: [
          applicant,
          ['Số định danh', dossier.applicant.idNumber],
          ['Địa chỉ', dossier.applicant.address],
          ['Số điện thoại', dossier.applicant.phone],
          procedure,
          ['Giấy tờ đã nhận', dossier.attachments.map(receivedFile).join('; ') || '(không có)'],
          ['Thời gian tiếp nhận', wording(dossier.receivedAt)],
          ['Hẹn trả kết quả', wording(String(dossier.receipt.document.appointmentAt ?? dossier.dueAt))],
          ['Kênh tiếp nhận', dossier.channel],
        ],
      };
    case '02':
      if (!dossier.history.some((entry) => entry.status === 'supplement_requested')) return undefined;
      return {
        ...base,
        fields: [
          applicant,
          procedure,
          ['Nội dung yêu cầu bổ sung', lastNote(dossier, 'supplement_requested')],
        ],
      };
    case '03':
      if (dossier.status !== 'not_accepted') return undefined;
      return {
        ...base,
        fields: [applicant, procedure, ['Lý do từ chối', lastNote(dossier, 'not_accepted')]],
      };
    case '04': {
      const letter = dossier.apology?.state === 'approved' ? dossier.apology : undefined;
      if (!letter) return undefined;
      return {
        ...base,
        fields: [
          applicant,
          procedure,
          ['Hẹn trả kết quả trước đây', wording(letter.missedDueAt)],
          ['Hẹn trả kết quả mới', wording(letter.newDueAt)],
        ],
      };
    }
    case '05':
      if (dossier.status !== 'stopped') return undefined;
      return {
        ...base,
        fields: [applicant, procedure, ['Lý do dừng giải quyết', lastNote(dossier, 'stopped')]],
      };
    case '06':
      return {
        ...base,
        fields: [applicant, procedure, ['Hẹn trả kết quả', wording(currentAppointment(dossier))]],
        table: {
          headers: ['Bên giao', 'Bên nhận', 'Người giao', 'Thời gian', 'Kết quả'],
          rows: dossier.controlSlip.map((row) => [
            row.from.name,
            row.to.name,
            row.handedOverBy,
            wording(row.at),
            TIMELINESS_LABELS[row.result].vi,
          ]),
        },
      };
  }
}
