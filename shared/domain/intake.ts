import type { AgencyRecord, Procedure } from '../contracts/catalog.ts';
import type { SubmitDossierRequest } from '../contracts/dossiers.ts';
import { appointmentFor } from './appointment.ts';
import {
  ATTACHMENT_MAX_BYTES,
  type AttachmentContentType,
  checkImageSize,
  extensionMatches,
  IMAGE_MAX_PIXELS,
  IMAGE_MAX_SIDE_PX,
  sniffContentType,
} from './attachment.ts';
import type { WorkingCalendar } from './calendar.ts';
import type { DossierRecord } from './dossier.ts';
import { DomainError, type FieldIssue } from './errors.ts';
import { kpiShardOf } from './kpi.ts';
import { buildReceipt, type ReceiptDocument } from './receipt.ts';
import { toVietnamIso } from './time.ts';

export function unknownProcedure(code: string): DomainError {
  return new DomainError(
    'UNKNOWN_PROCEDURE',
    { vi: `Không có thủ tục mã ${code}.`, en: `There is no procedure with code ${code}.` },
    [{ field: 'procedureCode', message: { vi: 'Mã thủ tục không tồn tại.', en: 'Unknown procedure code.' } }],
  );
}

/** What S3 reports for each attachment key, in request order; undefined when nothing was uploaded. */
export type UploadedFacts = (
  | { sizeBytes: number; head: Uint8Array; contentType?: string | undefined }
  | undefined
)[];

/**
 * Every attachment must exist, be within the size limit and really be a PDF, JPEG or PNG by its
 * bytes, the type its name and its upload declared; an image must not declare a huge pixel size.
 */
export function checkAttachments(
  request: SubmitDossierRequest,
  uploaded: UploadedFacts,
): AttachmentContentType[] {
  const issues: FieldIssue[] = [];
  const types: AttachmentContentType[] = [];
  request.attachments.forEach((attachment, index) => {
    const facts = uploaded[index];
    const field = `attachments.${index}.key`;
    if (!facts) {
      issues.push({
        field,
        message: { vi: 'Chưa tải tệp lên.', en: 'No file was uploaded under this key.' },
      });
      return;
    }
    const type = sniffContentType(facts.head);
    if (facts.sizeBytes > ATTACHMENT_MAX_BYTES) {
      issues.push({
        field,
        message: { vi: 'Tệp quá lớn (tối đa 10 MB).', en: 'The file is too large (10 MB at most).' },
      });
    } else if (!type) {
      issues.push({
        field,
        message: { vi: 'Tệp không phải PDF, JPEG hoặc PNG.', en: 'The file is not a PDF, JPEG or PNG.' },
      });
    } else if (
      !extensionMatches(attachment.fileName, type) ||
      (facts.contentType !== undefined && facts.contentType !== type)
    ) {
      issues.push({
        field,
        message: {
          vi: `Nội dung tệp là ${type}, không khớp với tên tệp hoặc loại tệp đã khai báo.`,
          en: `The file's content is ${type}, which its name or declared type does not match.`,
        },
      });
    } else if (checkImageSize(type, facts.head) === 'too-large') {
      const limit = `${IMAGE_MAX_SIDE_PX.toLocaleString('en')} px, ${IMAGE_MAX_PIXELS / 1_000_000} MP`;
      issues.push({
        field,
        message: {
          vi: `Ảnh có kích thước điểm ảnh quá lớn (tối đa ${limit}).`,
          en: `The image declares too many pixels (at most ${limit}).`,
        },
      });
    } else if (checkImageSize(type, facts.head) === 'unreadable') {
      issues.push({
        field,
        message: { vi: 'Không đọc được phần đầu của ảnh.', en: "The image's header cannot be read." },
      });
    } else {
      types.push(type);
    }
  });
  if (issues.length > 0) {
    throw new DomainError(
      'ATTACHMENT_REJECTED',
      { vi: 'Tệp đính kèm không hợp lệ.', en: 'An attachment was rejected.' },
      issues,
    );
  }
  return types;
}

export interface IntakeInput {
  request: SubmitDossierRequest;
  procedure: Procedure;
  agency: AgencyRecord;
  dossierCode: string;
  receivedAt: Date;
  attachmentTypes: AttachmentContentType[];
  lookupSecretHash: string;
  calendar: WorkingCalendar;
}

/** The dossier to store, except its signature, and the receipt (form 01) that must be signed. */
export function prepareDossier(input: IntakeInput): {
  record: Omit<DossierRecord, 'receipt'>;
  receipt: ReceiptDocument;
} {
  const { request, procedure, agency, receivedAt } = input;
  const dueAt = appointmentFor(procedure, receivedAt, input.calendar);
  const receipt = buildReceipt({
    dossierCode: input.dossierCode,
    agency,
    procedure,
    request,
    receivedAt,
    dueAt,
  });
  const record: Omit<DossierRecord, 'receipt'> = {
    dossierCode: input.dossierCode,
    kpiShard: kpiShardOf(input.dossierCode),
    agency: { code: agency.code, name: agency.name, tier: agency.tier },
    procedure: { code: procedure.code, name: procedure.name },
    channel: request.channel,
    status: 'submitted',
    receivedAt: toVietnamIso(receivedAt),
    dueAt: toVietnamIso(dueAt),
    applicant: request.applicant,
    attachments: request.attachments.map((attachment, index) => ({
      ...attachment,
      contentType: input.attachmentTypes[index] ?? 'application/octet-stream',
    })),
    note: request.note,
    wantsMail: request.wantsMail,
    lookupSecretHash: input.lookupSecretHash,
    history: [{ status: 'submitted', at: toVietnamIso(receivedAt), by: request.channel, note: undefined }],
    routing: { tier: agency.tier },
    version: 1,
    currentAgency: { code: agency.code, name: agency.name, tier: agency.tier },
    currentAgencyCode: agency.code,
    supplementRequests: 0,
    controlSlip: [],
  };
  return { record, receipt };
}
