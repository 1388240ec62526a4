import canonicalize from 'canonicalize';
import { toVietnameseWording, toVietnamIso } from '../calendar/time.ts';
import type { DossierRecord } from '../lifecycle/dossier.ts';
import type { Channel } from '../lifecycle/dossier-schema.ts';
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
}

export interface ReceiptInput {
  /** The dossier as stored: its applicant, channel and attachments (with their digests). */
  dossier: Pick<DossierRecord, 'dossierCode' | 'applicant' | 'channel' | 'attachments'>;
  agency: AgencyRecord;
  procedure: Procedure;
  receivedAt: Date;
  dueAt: Date;
  /** The officer of the one-stop desk who received the dossier. */
  receivedBy: string;
}

export function buildReceipt(input: ReceiptInput): ReceiptDocument {
  const { dossier } = input;
  return {
    version: RECEIPT_VERSION,
    form: '01',
    title: 'Giấy tiếp nhận hồ sơ và hẹn trả kết quả',
    dossierCode: dossier.dossierCode,
    agency: { code: input.agency.code, name: input.agency.name },
    procedure: {
      code: input.procedure.code,
      name: input.procedure.name,
      processingTime: input.procedure.processingTime,
      processingUnit: input.procedure.processingUnit,
    },
    applicant: {
      fullName: dossier.applicant.fullName,
      idNumber: dossier.applicant.idNumber,
      address: dossier.applicant.address,
      phone: dossier.applicant.phone,
    },
    documentsReceived: dossier.attachments.map((attachment, index) => {
      if (attachment.sha256 === undefined || attachment.sizeBytes === undefined)
        throw new Error(`Attachment ${index} has no checked file`);
      return {
        fileName: attachment.fileName,
        documentCode: attachment.documentCode ?? null,
        sha256: attachment.sha256,
        sizeBytes: attachment.sizeBytes,
      };
    }),
    channel: dossier.channel,
    receivedAt: toVietnamIso(input.receivedAt),
    receivedAtWording: toVietnameseWording(input.receivedAt),
    appointmentAt: toVietnamIso(input.dueAt),
    appointmentAtWording: toVietnameseWording(input.dueAt),
    receivedBy: input.receivedBy,
  };
}

/** RFC 8785 (JCS) canonical JSON: the exact text that is signed and that a verifier rebuilds. */
export function canonicalJson(document: unknown): string {
  const text = canonicalize(document);
  if (text === undefined) throw new TypeError('document cannot be canonicalised');
  return text;
}
