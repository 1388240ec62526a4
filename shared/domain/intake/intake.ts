import { createHash } from 'node:crypto';
import { appointmentFor } from '../calendar/appointment.ts';
import type { WorkingCalendar } from '../calendar/calendar.ts';
import { toVietnamIso } from '../calendar/time.ts';
import { type BilingualMessage, DomainError } from '../common/errors.ts';
import { kpiShardOf } from '../kpi/kpi.ts';
import type { DossierAttachment, DossierRecord } from '../lifecycle/dossier.ts';
import type { SubmitDossierRequest } from '../lifecycle/dossier-schema.ts';
import {
  ATTACHMENT_MAX_BYTES,
  type AttachmentContentType,
  dossierFileKey,
  sniffContentType,
  typeOfFileName,
  uploadName,
} from './attachment.ts';
import type { AgencyRecord, Procedure } from './catalog.ts';
import { examineFile, fileProblemMessage } from './file-structure.ts';
import { buildReceipt, type ReceiptDocument, type ReceiptInput } from './receipt.ts';

export function unknownProcedure(code: string): DomainError {
  return new DomainError(
    'UNKNOWN_PROCEDURE',
    { vi: `Không có thủ tục mã ${code}.`, en: `There is no procedure with code ${code}.` },
    [{ field: 'procedureCode', message: { vi: 'Mã thủ tục không tồn tại.', en: 'Unknown procedure code.' } }],
  );
}

/** What S3 holds at an upload key: the whole file, unless it is over the limit (then only its size). */
export interface UploadedFile {
  sizeBytes: number;
  bytes?: Uint8Array | undefined;
  /** The Content-Type the upload declared (its presigned POST fixed it). */
  contentType?: string | undefined;
}

/** A file that passed its check: its type and the SHA-256 (hex) of exactly the bytes checked. */
export interface CheckedFile {
  contentType: AttachmentContentType;
  sha256: string;
  sizeBytes: number;
}

/**
 * A file must exist, be within the size limit and be, by its structure, the type its name and its
 * upload declared (an image not declaring a huge pixel size). Answers the file's facts, or why it
 * is refused, naming it.
 */
export async function checkUploadedFile(
  fileName: string,
  uploaded: UploadedFile | undefined,
): Promise<CheckedFile | BilingualMessage> {
  if (!uploaded) {
    return { vi: `Chưa tải tệp ${fileName} lên.`, en: `No file was uploaded for ${fileName}.` };
  }
  if (!uploaded.bytes || uploaded.sizeBytes > ATTACHMENT_MAX_BYTES) {
    return fileProblemMessage(fileName, { kind: 'too-big' });
  }
  const declared = typeOfFileName(fileName);
  const sniffed = sniffContentType(uploaded.bytes);
  if (!declared || (uploaded.contentType !== undefined && uploaded.contentType !== declared)) {
    return fileProblemMessage(fileName, sniffed ? { kind: 'other-type', sniffed } : { kind: 'not-allowed' });
  }
  const problem = await examineFile(uploaded.bytes, declared);
  if (problem) return fileProblemMessage(fileName, problem);
  return {
    contentType: declared,
    sha256: createHash('sha256').update(uploaded.bytes).digest('hex'),
    sizeBytes: uploaded.bytes.byteLength,
  };
}

export const isCheckedFile = (outcome: CheckedFile | BilingualMessage): outcome is CheckedFile =>
  'sha256' in outcome;

/**
 * The attachments as the dossier holds them: its own copy of each upload (bound by `bindFiles`), with
 * the facts of the bytes checked, in request order.
 */
export function boundAttachments(
  dossierCode: string,
  attachments: readonly { key: string; fileName: string; documentCode?: string | undefined }[],
  files: readonly CheckedFile[],
): DossierAttachment[] {
  return attachments.map((attachment, index) => {
    const file = files[index];
    if (!file) throw new Error(`Attachment ${index} was not checked`);
    return {
      key: dossierFileKey(dossierCode, 'attachments', uploadName(attachment.key)),
      uploadKey: attachment.key,
      fileName: attachment.fileName,
      documentCode: attachment.documentCode,
      ...file,
    };
  });
}

export interface IntakeInput {
  request: SubmitDossierRequest;
  procedure: Procedure;
  agency: AgencyRecord;
  dossierCode: string;
  submittedAt: Date;
  /** The checked attachments, in request order. */
  files: CheckedFile[];
  lookupSecretHash: string;
}

/**
 * The dossier as submitted: "Mới đăng ký" (status 1), with no receipt, appointment or clock until
 * the one-stop desk receives it (Decree 61/2018 Art. 15–16 as amended by Decree 107/2021).
 */
export function prepareDossier(input: IntakeInput): DossierRecord {
  const { request, procedure, agency, submittedAt } = input;
  return {
    dossierCode: input.dossierCode,
    kpiShard: kpiShardOf(input.dossierCode),
    agency: { code: agency.code, name: agency.name, tier: agency.tier },
    procedure: { code: procedure.code, name: procedure.name },
    channel: request.channel,
    status: 'submitted',
    submittedAt: toVietnamIso(submittedAt),
    applicant: request.applicant,
    attachments: boundAttachments(input.dossierCode, request.attachments, input.files),
    note: request.note,
    wantsMail: request.wantsMail,
    lookupSecretHash: input.lookupSecretHash,
    history: [{ status: 'submitted', at: toVietnamIso(submittedAt), by: request.channel, note: undefined }],
    routing: { tier: agency.tier },
    version: 1,
    currentAgency: { code: agency.code, name: agency.name, tier: agency.tier },
    currentAgencyCode: agency.code,
    supplementRequests: 0,
    controlSlip: [],
    ...(procedure.pausesForPayment === true ? { pausesForPayment: true } : {}),
  };
}

/** What reception adds to a dossier: the instant received, the appointment and form 01 to sign. */
export interface Reception {
  receivedAt: string;
  dueAt: string;
  receipt: ReceiptDocument;
}

/**
 * Reception of a dossier found complete and valid: the clock starts and the appointment is the
 * procedure's time from now (Decree 61/2018 Art. 15–16, "nhận đủ hồ sơ hợp lệ"); form 01 says so.
 */
export function receptionOf(input: {
  dossier: ReceiptInput['dossier'];
  procedure: Procedure;
  agency: AgencyRecord;
  receivedAt: Date;
  receivedBy: string;
  calendar: WorkingCalendar;
}): Reception {
  const { receivedAt } = input;
  const dueAt = appointmentFor(input.procedure, receivedAt, input.calendar);
  return {
    receivedAt: toVietnamIso(receivedAt),
    dueAt: toVietnamIso(dueAt),
    receipt: buildReceipt({ ...input, dueAt }),
  };
}
