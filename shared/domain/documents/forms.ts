import * as z from 'zod';
import { TIMELINESS_LABELS } from '../calendar/calendar.ts';
import { toVietnameseWording, toVietnamIso } from '../calendar/time.ts';
import { keysOf } from '../common/keys.ts';
import { applicantLines } from '../intake/applicant.ts';
import { DOCUMENT_FORM_LABELS } from '../intake/document-forms.ts';
import { APOLOGY_TITLE } from '../lifecycle/apology.ts';
import type { DossierRecord } from '../lifecycle/dossier.ts';
import type { Channel } from '../lifecycle/dossier-schema.ts';
import { currentAppointment, type LifecycleActionType } from '../lifecycle/lifecycle.ts';
import type { ProcessProgress } from '../process/process-state.ts';

/**
 * The one-stop forms, numbered and titled as in Circular 03/2025/TT-VPCP Annex I (in force from
 * 15 Sep 2025, guiding Decree 118/2025/NĐ-CP); Circular 01/2018/TT-VPCP numbered them 01–06 with
 * the register as 06. Form 07 of the current annex, the register, is `register.ts`.
 */
export const FORM_TITLES = {
  '01': 'Giấy tiếp nhận hồ sơ và hẹn trả kết quả',
  '02': 'Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ',
  '03': 'Phiếu từ chối tiếp nhận giải quyết hồ sơ',
  '04': APOLOGY_TITLE,
  '05': 'Thông báo dừng giải quyết hồ sơ',
  '06': 'Phiếu kiểm soát quá trình giải quyết hồ sơ',
} as const;

export type FormNumber = keyof typeof FORM_TITLES;
export const FORM_NUMBERS = keysOf(FORM_TITLES);

/** The form each officer action issues (Circular 03/2025/TT-VPCP Annex I); the others issue none. */
export const FORM_ISSUED_BY: Partial<Record<LifecycleActionType, FormNumber>> = {
  accept: '01',
  request_supplement: '02',
  refuse: '03',
  approve_apology: '04',
  stop: '05',
};
export const FORM_VERSION = 'motcua.form/v2' as const;

/**
 * The notation after the number on each form's "Số: …/…" line. The annex leaves it to the issuing
 * unit; these are the platform's (assumption), one per form so that numbers never clash.
 */
const FORM_NOTATIONS: Record<FormNumber, string> = {
  '01': 'TNHS',
  '02': 'YCBS',
  '03': 'TCHS',
  '04': 'XLHS',
  '05': 'DGQ',
  '06': 'KSHS',
};

/** Who signs each form in its signature block. */
const SIGNER_ROLES: Record<FormNumber, string> = {
  '01': 'NGƯỜI TIẾP NHẬN',
  '02': 'NGƯỜI TIẾP NHẬN',
  '03': 'NGƯỜI TIẾP NHẬN',
  '04': 'THỦ TRƯỞNG CƠ QUAN',
  '05': 'THỦ TRƯỞNG CƠ QUAN',
  '06': 'NGƯỜI TIẾP NHẬN',
};

/** How each channel is named on a form: never the stored value. */
export const CHANNEL_LABELS: Record<Channel, string> = {
  online: 'Trực tuyến',
  counter: 'Trực tiếp tại Bộ phận Một cửa',
  postal: 'Qua dịch vụ bưu chính công ích',
};

const PROCESSING_UNITS: Record<string, string> = {
  working_days: 'ngày làm việc',
  working_hours: 'giờ làm việc',
};

const DOCUMENT_FORMS: Record<string, string> = { ...DOCUMENT_FORM_LABELS, electronic: 'Bản điện tử' };

/** What the layout needs besides the dossier; each part is optional and has a fallback. */
export interface FormContext {
  /** The body the unit belongs to (the header's first line), e.g. "Ủy ban nhân dân tỉnh Thanh Hóa". */
  parentAgency?: string | undefined;
  /** The place of the date line; by default the place named in the unit's name. */
  place?: string | undefined;
  /** The public lookup page for this dossier (form 01). */
  lookupUrl?: string | undefined;
}

/** What a form says, independent of layout: the signed content and what the PDF prints. */
export interface FormContent {
  version: typeof FORM_VERSION;
  form: FormNumber;
  title: string;
  dossierCode: string;
  /** The issuing unit (the header's second line). */
  agency: string;
  parentAgency?: string | undefined;
  /** "Số: …/…": the dossier's date and daily sequence, and the form's notation. */
  number: string;
  /** "<place>, ngày dd tháng MM năm yyyy". */
  placeAndDate: string;
  fields: [string, string][];
  table?: { headers: string[]; rows: string[][] } | undefined;
  /** The lookup code and where to use it (form 01). */
  lookup?: { dossierCode: string; url?: string | undefined; instructions: string } | undefined;
  signer: { role: string; name: string };
}

/**
 * What a form's preview says where the signed form shows its signature: the text is the form the
 * action would issue, but nothing is signed, numbered into a register or kept (assumption: neither
 * Decree 61/2018 nor Circular 03/2025 regulates drafts shown to officers).
 */
export const PREVIEW_STAMP = {
  vi: 'BẢN XEM TRƯỚC – CHƯA CÓ GIÁ TRỊ PHÁP LÝ',
  en: 'PREVIEW – NOT VALID',
  noteVi: 'Chưa ký số: phiếu được ký số và ban hành khi thao tác được thực hiện.',
  noteEn: 'Not signed: the form is signed and issued when the action is taken.',
  watermark: 'BẢN XEM TRƯỚC',
} as const;

/**
 * A dossier as its forms read it. The receipt's signature is not printed, so the preview of form 01
 * reads a receipt not signed yet.
 */
export type FormDossier = Omit<DossierRecord, 'receipt'> & {
  receipt?: { document: Record<string, unknown> } | undefined;
};

const wording = (iso: string | undefined) => (iso ? toVietnameseWording(new Date(iso)) : '');
const lastEntry = (dossier: FormDossier, status: string) =>
  [...dossier.history].reverse().find((entry) => entry.status === status);
const lastNote = (dossier: FormDossier, status: string) => lastEntry(dossier, status)?.note ?? '';

/** "ngày 24 tháng 11 năm 2026", in Vietnam's civil date; the blank line of the paper form without one. */
export function dateWording(iso: string): string {
  if (Number.isNaN(new Date(iso).getTime())) return 'ngày … tháng … năm …';
  const [year, month, day] = toVietnamIso(new Date(iso)).slice(0, 10).split('-');
  return `ngày ${day} tháng ${month} năm ${year}`;
}

const ADMINISTRATIVE_PREFIX =
  /^(?:(?:Ủy ban nhân dân|UBND|Trung tâm Phục vụ hành chính công|Bộ phận Một cửa)\s+)+(?:tỉnh|thành phố|huyện|quận|thị xã|xã|phường|thị trấn|đặc khu)\s+/iu;

/** The place a unit's name ends with ("Ủy ban nhân dân xã Quảng Bình" → "Quảng Bình"), or the name. */
export function placeOf(agencyName: string): string {
  return agencyName.replace(ADMINISTRATIVE_PREFIX, '').trim() || agencyName;
}

/** The date and daily sequence of the dossier code (`<unit>-YYMMDD-NNNN`), which no other dossier of the unit shares. */
function formNumber(dossierCode: string, form: FormNumber): string {
  const serial = /-(\d{6}-\d{4,})$/.exec(dossierCode)?.[1] ?? dossierCode;
  return `${serial}/${FORM_NOTATIONS[form]}`;
}

/** What form 01 reads from the signed receipt; each part is optional, as older receipts lack some. */
const ReceiptViewSchema = z.looseObject({
  procedure: z
    .looseObject({ processingTime: z.number().optional(), processingUnit: z.string().optional() })
    .optional(),
  documentsReceived: z
    .array(
      z.looseObject({
        name: z.string().optional(),
        fileName: z.string().optional(),
        form: z.string().optional(),
        copies: z.number().optional(),
        sha256: z.string().optional(),
      }),
    )
    .optional(),
  appointmentAt: z.string().optional(),
  receivedBy: z.string().optional(),
  resultReturn: z.string().optional(),
});
type ReceiptView = z.infer<typeof ReceiptViewSchema>;
type ReceivedItem = NonNullable<ReceiptView['documentsReceived']>[number];

function receiptView(dossier: FormDossier): ReceiptView {
  const parsed = ReceiptViewSchema.safeParse(dossier.receipt?.document ?? {});
  return parsed.success ? parsed.data : {};
}

/** Each received document as a row: number, name, original or copy, count. */
function documentRows(dossier: FormDossier, receipt: ReceiptView): string[][] {
  const received: readonly ReceivedItem[] =
    receipt.documentsReceived && receipt.documentsReceived.length > 0
      ? receipt.documentsReceived
      : dossier.attachments.map(({ fileName, sha256 }) => ({ fileName, sha256 }));
  return received.map((entry, index) => {
    const file = entry.fileName && entry.name ? `${entry.name} (tệp ${entry.fileName})` : undefined;
    const name = file ?? entry.name ?? entry.fileName ?? '';
    const digest = entry.sha256 ? ` (SHA-256: ${entry.sha256})` : '';
    return [
      String(index + 1),
      `${name}${digest}`,
      (entry.form && DOCUMENT_FORMS[entry.form]) || '—',
      String(entry.copies ?? 1),
    ];
  });
}

function processingTime(receipt: ReceiptView): string | undefined {
  const time = receipt.procedure?.processingTime;
  const unit = receipt.procedure?.processingUnit && PROCESSING_UNITS[receipt.procedure.processingUnit];
  return time !== undefined && unit ? `${time} ${unit}` : undefined;
}

const LOOKUP_INSTRUCTIONS =
  'Tra cứu tình trạng hồ sơ bằng mã hồ sơ này và mã tra cứu được cấp khi nộp, tại trang tra cứu hồ sơ.';

/** The content of a form for a dossier, or undefined when the dossier has not reached that form. */
export function formContent(
  dossier: FormDossier,
  form: FormNumber,
  context: FormContext = {},
): FormContent | undefined {
  const body = formBody(dossier, form, context);
  if (!body) return undefined;
  const agency = body.agency ?? dossier.currentAgency.name;
  return {
    version: FORM_VERSION,
    form,
    title: FORM_TITLES[form],
    dossierCode: dossier.dossierCode,
    agency,
    parentAgency: context.parentAgency,
    number: formNumber(dossier.dossierCode, form),
    placeAndDate: `${context.place ?? placeOf(agency)}, ${dateWording(body.issuedAt)}`,
    fields: body.fields,
    table: body.table,
    lookup: body.lookup,
    signer: { role: SIGNER_ROLES[form], name: body.signedBy },
  };
}

interface FormBody {
  agency?: string;
  issuedAt: string;
  signedBy: string;
  fields: [string, string][];
  table?: FormContent['table'];
  lookup?: FormContent['lookup'];
}

function formBody(dossier: FormDossier, form: FormNumber, context: FormContext): FormBody | undefined {
  const applicantFields = applicantLines(dossier.applicant);
  const [applicant] = applicantFields;
  const procedure: [string, string] = ['Thủ tục', `${dossier.procedure.name} (${dossier.procedure.code})`];
  const by = (status: string) => lastEntry(dossier, status);
  switch (form) {
    case '01': {
      // Form 01 exists once the desk received the dossier (Decree 61/2018 Art. 15–16).
      if (!dossier.receipt || !dossier.receivedAt) return undefined;
      const receipt = receiptView(dossier);
      const time = processingTime(receipt);
      const accepted = by('accepted');
      const timeLines: [string, string][] = time ? [['Thời hạn giải quyết theo quy định', time]] : [];
      return {
        agency: dossier.agency.name,
        issuedAt: dossier.receivedAt ?? dossier.submittedAt ?? '',
        signedBy: receipt.receivedBy ?? accepted?.by ?? '',
        fields: [
          ...applicantFields,
          ['Địa chỉ', dossier.applicant.address],
          ['Số điện thoại', dossier.applicant.phone],
          procedure,
          ['Hình thức nộp', CHANNEL_LABELS[dossier.channel] ?? ''],
          ['Thời gian nhận hồ sơ', wording(dossier.receivedAt)],
          ...timeLines,
          ['Thời gian hẹn trả kết quả', wording(receipt.appointmentAt ?? dossier.dueAt)],
          [
            'Hình thức trả kết quả',
            receipt.resultReturn ??
              `Tại Bộ phận Một cửa của ${dossier.agency.name} hoặc theo hình thức đã đăng ký`,
          ],
        ],
        table: {
          headers: ['STT', 'Tên giấy tờ', 'Hình thức', 'Số lượng'],
          rows: documentRows(dossier, receipt),
        },
        lookup: {
          dossierCode: dossier.dossierCode,
          url: context.lookupUrl,
          instructions: LOOKUP_INSTRUCTIONS,
        },
      };
    }
    case '02': {
      if (!dossier.history.some((entry) => entry.status === 'supplement_requested')) return undefined;
      const request = by('supplement_requested');
      return {
        issuedAt: request?.at ?? dossier.receivedAt ?? dossier.submittedAt ?? '',
        signedBy: request?.by ?? '',
        fields: [applicant, procedure, ['Nội dung yêu cầu bổ sung', request?.note ?? '']],
      };
    }
    case '03': {
      if (dossier.status !== 'not_accepted') return undefined;
      const refusal = by('not_accepted');
      return {
        issuedAt: refusal?.at ?? dossier.receivedAt ?? dossier.submittedAt ?? '',
        signedBy: refusal?.by ?? '',
        fields: [applicant, procedure, ['Lý do từ chối', lastNote(dossier, 'not_accepted')]],
      };
    }
    case '04': {
      const letter = dossier.apology?.state === 'approved' ? dossier.apology : undefined;
      if (!letter) return undefined;
      return {
        issuedAt: letter.approvedAt ?? letter.draftedAt,
        signedBy: letter.approvedBy ?? '',
        fields: [
          applicant,
          procedure,
          ['Ngày tiếp nhận', dossier.receivedAt ? wording(dossier.receivedAt) : '—'],
          ['Hẹn trả kết quả theo quy định', wording(letter.missedDueAt)],
          ['Lý do quá hạn', letter.reason ?? ''],
          ['Hẹn trả kết quả mới', wording(letter.newDueAt)],
        ],
      };
    }
    case '05': {
      if (dossier.status !== 'stopped') return undefined;
      const stop = by('stopped');
      return {
        issuedAt: stop?.at ?? dossier.receivedAt ?? dossier.submittedAt ?? '',
        signedBy: stop?.by ?? '',
        fields: [applicant, procedure, ['Lý do dừng giải quyết', lastNote(dossier, 'stopped')]],
      };
    }
    case '06':
      return {
        issuedAt: dossier.receivedAt ?? dossier.submittedAt ?? '',
        signedBy: receiptView(dossier).receivedBy ?? by('accepted')?.by ?? '',
        fields: [applicant, procedure, ['Hẹn trả kết quả', wording(currentAppointment(dossier))]],
        table: dossier.process
          ? stepRows(dossier.process)
          : {
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

/**
 * Form 06 of a dossier following a process: one row per finished step, the hand-over to it (who
 * handed it on, who received and did it, when), the step's own deadline and whether it kept it.
 */
function stepRows(process: ProcessProgress): NonNullable<FormContent['table']> {
  return {
    headers: ['Bước xử lý', 'Người giao', 'Người nhận', 'Thời gian giao', 'Hạn của bước', 'Kết quả'],
    rows: process.done.map((row) => [
      row.name.vi,
      row.handedOverBy,
      `${row.finishedBy} (${row.unit.name})`,
      wording(row.startedAt),
      wording(row.dueAt),
      TIMELINESS_LABELS[row.timeliness].vi,
    ]),
  };
}
