import canonicalize from 'canonicalize';
import { toVietnameseWording, toVietnamIso } from '../calendar/time.ts';
import type { Channel, SubmitDossierRequest } from '../lifecycle/dossier-schema.ts';
import type { AgencyRecord, Procedure } from './catalog.ts';

export const RECEIPT_VERSION = 'motcua.receipt/v1';

/** Form 01: Giấy tiếp nhận hồ sơ và hẹn trả kết quả. Every field here is covered by the signature. */
export interface ReceiptDocument {
  version: typeof RECEIPT_VERSION;
  form: '01';
  title: string;
  dossierCode: string;
  agency: { code: string; name: string };
  procedure: {
    code: string;
    name: string;
    processingTime: number;
    processingUnit: Procedure['processingUnit'];
  };
  applicant: { fullName: string; idNumber: string; address: string; phone: string };
  /** Each file with the SHA-256 (hex) and size of the bytes the dossier keeps. */
  documentsReceived: { fileName: string; documentCode: string | null; sha256: string; sizeBytes: number }[];
  channel: Channel;
  receivedAt: string;
  receivedAtWording: string;
  appointmentAt: string;
  appointmentAtWording: string;
  receivedBy: string;
  /** How the result is returned (form 01's "Hình thức trả kết quả"), when the intake knows it. */
  resultReturn?: string;
}

export interface ReceiptInput {
  dossierCode: string;
  agency: AgencyRecord;
  procedure: Procedure;
  request: SubmitDossierRequest;
  receivedAt: Date;
  dueAt: Date;
  /** The checked files, in request order. */
  files: readonly { sha256: string; sizeBytes: number }[];
  /** The officer who received the dossier (counter, post, or an online dossier checked at reception). */
  receivedBy?: string | undefined;
  /** How the result will be returned, as the applicant chose it. */
  resultReturn?: string | undefined;
}

/** Online dossiers are received by the one-stop system itself rather than a counter officer. */
const ONLINE_RECEIVER = 'Hệ thống một cửa điện tử';

export function buildReceipt(input: ReceiptInput): ReceiptDocument {
  const { request } = input;
  return {
    version: RECEIPT_VERSION,
    form: '01',
    title: 'Giấy tiếp nhận hồ sơ và hẹn trả kết quả',
    dossierCode: input.dossierCode,
    agency: { code: input.agency.code, name: input.agency.name },
    procedure: {
      code: input.procedure.code,
      name: input.procedure.name,
      processingTime: input.procedure.processingTime,
      processingUnit: input.procedure.processingUnit,
    },
    applicant: {
      fullName: request.applicant.fullName,
      idNumber: request.applicant.idNumber,
      address: request.applicant.address,
      phone: request.applicant.phone,
    },
    documentsReceived: request.attachments.map((attachment, index) => {
      const file = input.files[index];
      if (!file) throw new Error(`Attachment ${index} has no checked file`);
      return {
        fileName: attachment.fileName,
        documentCode: attachment.documentCode ?? null,
        sha256: file.sha256,
        sizeBytes: file.sizeBytes,
      };
    }),
    channel: request.channel,
    receivedAt: toVietnamIso(input.receivedAt),
    receivedAtWording: toVietnameseWording(input.receivedAt),
    appointmentAt: toVietnamIso(input.dueAt),
    appointmentAtWording: toVietnameseWording(input.dueAt),
    receivedBy: input.receivedBy ?? ONLINE_RECEIVER,
    ...(input.resultReturn ? { resultReturn: input.resultReturn } : {}),
  };
}

/** RFC 8785 (JCS) canonical JSON: the exact text that is signed and that a verifier rebuilds. */
export function canonicalJson(document: unknown): string {
  const text = canonicalize(document);
  if (text === undefined) throw new TypeError('document cannot be canonicalised');
  return text;
}
