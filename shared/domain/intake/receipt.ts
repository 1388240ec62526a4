import canonicalize from 'canonicalize';
import * as z from 'zod';
import { toVietnameseWording, toVietnamIso } from '../calendar/time.ts';
import type { DossierRecord } from '../lifecycle/dossier.ts';
import type { Channel } from '../lifecycle/dossier-schema.ts';
import { type Applicant, applicantIdentity, applicantName } from './applicant.ts';
import { type AgencyRecord, DOCUMENT_FORM_LABELS, type DocumentForm, type Procedure } from './catalog.ts';

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
  /** Whoever the dossier is for (person or organisation), and whoever submitted it on their behalf. */
  applicant: {
    kind: NonNullable<Applicant['kind']>;
    name: string;
    identity: { label: string; value: string };
    legalRepresentative?: string;
    address: string;
    phone: string;
    representative?: { fullName: string; idNumber: string; authorisationDocument: string };
  };
  /**
   * Each file as the procedure's component it is (name, form, number of copies), with the SHA-256
   * (hex) and size of the bytes the dossier keeps. A procedure without components names the file.
   */
  documentsReceived: ReceivedDocument[];
  channel: Channel;
  receivedAt: string;
  receivedAtWording: string;
  appointmentAt: string;
  appointmentAtWording: string;
  receivedBy: string;
  /** How the result is returned (form 01's "Hình thức trả kết quả"), when the intake knows it. */
  resultReturn?: string;
}

export interface ReceivedDocument {
  documentCode: string | null;
  name: string;
  form: DocumentForm | null;
  formLabel: string | null;
  copies: number | null;
  sha256: string;
  sizeBytes: number;
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
  /** How the result will be returned, as the applicant chose it. */
  resultReturn?: string | undefined;
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
    applicant: receiptApplicant(dossier.applicant),
    documentsReceived: dossier.attachments.map((attachment, index) => {
      if (attachment.sha256 === undefined || attachment.sizeBytes === undefined)
        throw new Error(`Attachment ${index} has no checked file`);
      const component = input.procedure.requiredDocuments.find(
        (candidate) => candidate.code === attachment.documentCode,
      );
      return {
        documentCode: component?.code ?? null,
        name: component?.name ?? attachment.fileName,
        form: component?.form ?? null,
        formLabel: component ? DOCUMENT_FORM_LABELS[component.form] : null,
        copies: component?.copies ?? null,
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
    ...(input.resultReturn ? { resultReturn: input.resultReturn } : {}),
  };
}

function receiptApplicant(applicant: Applicant): ReceiptDocument['applicant'] {
  const agent = applicant.representative;
  return {
    kind: applicant.kind ?? 'individual',
    name: applicantName(applicant),
    identity: applicantIdentity(applicant),
    ...(applicant.kind === 'organisation' && { legalRepresentative: applicant.legalRepresentative }),
    address: applicant.address,
    phone: applicant.phone,
    ...(agent && {
      representative: {
        fullName: agent.fullName,
        idNumber: agent.idNumber,
        authorisationDocument: agent.authorisationDocument,
      },
    }),
  };
}

const ReceivedDocumentsSchema = z
  .array(
    z.object({
      name: z.string(),
      formLabel: z.string().nullable(),
      copies: z.number().nullable(),
      sha256: z.string(),
    }),
  )
  .min(1);

/**
 * The documents a signed receipt lists, as form 01 prints them: each component with its form, number
 * of copies and the digest of its file. Undefined for receipts that listed bare file names.
 */
export function documentsReceivedWording(document: Record<string, unknown>): string | undefined {
  const parsed = ReceivedDocumentsSchema.safeParse(document.documentsReceived);
  if (!parsed.success) return undefined;
  return parsed.data
    .map((entry) => {
      const form = entry.formLabel && entry.copies ? `${entry.formLabel}, ${entry.copies} bản; ` : '';
      return `${entry.name} (${form}SHA-256: ${entry.sha256})`;
    })
    .join('; ');
}

/** RFC 8785 (JCS) canonical JSON: the exact text that is signed and that a verifier rebuilds. */
export function canonicalJson(document: unknown): string {
  const text = canonicalize(document);
  if (text === undefined) throw new TypeError('document cannot be canonicalised');
  return text;
}
