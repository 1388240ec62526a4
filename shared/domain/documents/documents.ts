import { createHash } from 'node:crypto';
import type * as z from 'zod';
import type { Tier } from '../agencies/tiers.ts';
import { DomainError, type FieldIssue } from '../common/errors.ts';
import { ATTACHMENT_TYPES, extensionMatches, sniffContentType } from '../intake/attachment.ts';
import type { AgencyRecord } from '../intake/catalog.ts';
import type { Signature } from '../signing/signed-document.ts';
import {
  type AttachmentUploadSchema,
  type DocumentAction,
  type DocumentEnvelope,
  MAX_DOCUMENT_ATTACHMENT_BYTES,
  type Organ,
  type SendDocumentRequest,
  STATUS_CODES,
  type StatusMessage,
  type StatusName,
  type StoredAttachment,
} from './document-schema.ts';

/** Where one recipient's copy stands; `sent` until its tier consumer records the arrival. */
export const RECIPIENT_STATES = [
  'sent',
  'arrived',
  'refused',
  'accepted',
  'assigned',
  'processing',
  'completed',
  'recalled',
] as const;
export type RecipientState = (typeof RECIPIENT_STATES)[number];

export const RECALL_STATES = ['requested', 'succeeded', 'refused'] as const;
export type RecallState = (typeof RECALL_STATES)[number];

export interface DocumentStep {
  statusId: string;
  status: StatusName;
  code: string;
  at: string;
  by: string;
  note?: string;
  signature?: Signature;
}

/** What the sender has received back: status messages by id, with when they reached it. */
export interface SenderAcknowledgement {
  status: StatusName;
  code: string;
  at: string;
  receivedAt: string;
}

export interface RecipientRecord {
  id: string;
  documentId: string;
  recipient: Organ;
  recipientTier: Tier;
  senderOrganId: string;
  senderTier: Tier;
  subject: string;
  kind: DocumentEnvelope['kind'];
  promulgationDate: string;
  sentAt: string;
  state: RecipientState;
  recall?: RecallState;
  steps: DocumentStep[];
  acks: Record<string, SenderAcknowledgement>;
  version: number;
}

/** The national exchange's document id: `OrganId,yyyy/MM/dd,Number/Notation`. */
export function documentIdOf(
  fromOrganId: string,
  promulgationDate: string,
  code: SendDocumentRequest['code'],
): string {
  return `${fromOrganId},${promulgationDate.replaceAll('-', '/')},${code.codeNumber}/${code.codeNotation}`;
}

/**
 * Classified documents (mật, tối mật, tuyệt mật) never travel through the electronic exchange. The
 * check reads the raw request before anything else happens, so nothing of such a document is stored,
 * queued or logged.
 */
export function refuseClassified(raw: unknown): void {
  const level =
    typeof raw === 'object' && raw !== null && 'confidentiality' in raw ? raw.confidentiality : undefined;
  if (level === undefined || level === 'normal') return;
  throw new DomainError(
    'CONFIDENTIAL_NOT_ALLOWED',
    {
      vi: 'Văn bản mật, tối mật, tuyệt mật không được gửi qua mạng; hãy chuyển theo quy định về bảo vệ bí mật nhà nước.',
      en: 'Confidential, secret and top-secret documents may not be sent electronically; deliver them as state-secret rules require.',
    },
    [
      {
        field: 'confidentiality',
        message: {
          vi: 'Độ mật không cho phép gửi điện tử.',
          en: 'This classification may not be sent electronically.',
        },
      },
    ],
  );
}

export function organOf(agency: AgencyRecord): Organ {
  return { organId: agency.code, organName: agency.name, email: agency.officialEmail };
}

/**
 * The agencies a document goes to: named ones and, with `toTier`, every agency of that tier, without
 * the sender and without repeats. Unknown codes and tiers outside the active profile are refused.
 */
export function resolveRecipients(
  request: Pick<SendDocumentRequest, 'to' | 'toTier'>,
  sender: AgencyRecord,
  registry: readonly AgencyRecord[],
  activeTiers: readonly Tier[],
): AgencyRecord[] {
  const byCode = new Map(registry.map((agency) => [agency.code, agency]));
  const unknown = request.to.filter((code) => !byCode.has(code));
  if (unknown.length > 0) {
    throw new DomainError(
      'VALIDATION_FAILED',
      { vi: 'Có cơ quan nhận không có trong danh mục.', en: 'Some recipients are not in the registry.' },
      unknown.map((code) => ({
        field: 'to',
        message: { vi: `Không có cơ quan mã ${code}.`, en: `There is no agency ${code}.` },
      })),
    );
  }
  const chosen = new Map<string, AgencyRecord>();
  for (const code of request.to) {
    const agency = byCode.get(code);
    if (agency) chosen.set(code, agency);
  }
  if (request.toTier)
    for (const agency of registry) if (agency.tier === request.toTier) chosen.set(agency.code, agency);
  chosen.delete(sender.code);
  const outside = [...chosen.values()].filter((agency) => !activeTiers.includes(agency.tier));
  if (outside.length > 0 || chosen.size === 0) {
    throw new DomainError(
      'VALIDATION_FAILED',
      {
        vi: 'Không có cơ quan nhận hợp lệ trong các cấp đang dùng.',
        en: 'No valid recipient in the tiers in use.',
      },
      outside.map((agency) => ({
        field: 'to',
        message: {
          vi: `${agency.code} thuộc cấp ${agency.tier}, không còn trong mô hình chính quyền đang dùng.`,
          en: `${agency.code} is a ${agency.tier} agency, a tier not in the active profile.`,
        },
      })),
    );
  }
  return [...chosen.values()];
}

export function envelopeOf(
  request: SendDocumentRequest,
  documentId: string,
  from: Organ,
  to: readonly Organ[],
  attachments: readonly StoredAttachment[],
  sentAt: string,
): DocumentEnvelope {
  const { to: _codes, toTier: _tier, confidentiality: _level, attachments: _files, ...header } = request;
  return {
    ...header,
    documentId,
    from,
    to: [...to],
    attachments: attachments.map(({ name, contentType, size, sha256 }) => ({
      name,
      contentType,
      size,
      sha256,
    })),
    traceHeaderList: [{ organId: from.organId, timestamp: sentAt }],
    sentAt,
  };
}

const ACTION_RULES: Record<
  Exclude<DocumentAction['type'], 'recall'>,
  { from: readonly RecipientState[]; to?: RecipientState; recall?: RecallState; status: StatusName }
> = {
  accept: { from: ['arrived'], to: 'accepted', status: 'accepted' },
  refuse: { from: ['arrived'], to: 'refused', status: 'refused' },
  assign: { from: ['accepted', 'assigned'], to: 'assigned', status: 'assigned' },
  start_processing: { from: ['accepted', 'assigned'], to: 'processing', status: 'processing' },
  complete: { from: ['processing'], to: 'completed', status: 'completed' },
  accept_recall: {
    from: ['arrived', 'accepted', 'assigned', 'processing'],
    to: 'recalled',
    recall: 'succeeded',
    status: 'recalled',
  },
  refuse_recall: {
    from: ['arrived', 'accepted', 'assigned', 'processing'],
    recall: 'refused',
    status: 'recall_refused',
  },
};

/** States from which a sender may still recall: not yet refused, finished or recalled. */
export const RECALLABLE: readonly RecipientState[] = [
  'sent',
  'arrived',
  'accepted',
  'assigned',
  'processing',
];

export interface RecipientChange {
  state: RecipientState;
  recall: RecallState | undefined;
  step: DocumentStep;
}

export function illegal(record: RecipientRecord, action: string): DomainError {
  return new DomainError(
    'ILLEGAL_TRANSITION',
    {
      vi: `Không thể thực hiện "${action}" khi văn bản đang ở trạng thái "${record.state}"${record.recall ? ` (thu hồi: ${record.recall})` : ''}.`,
      en: `"${action}" is not possible while the document is "${record.state}"${record.recall ? ` (recall: ${record.recall})` : ''}.`,
    },
    [],
    { allowedActions: allowedActions(record) },
  );
}

export function allowedActions(record: RecipientRecord): string[] {
  return Object.entries(ACTION_RULES)
    .filter(([type, rule]) => {
      if (!rule.from.includes(record.state)) return false;
      const recallAnswer = type === 'accept_recall' || type === 'refuse_recall';
      return recallAnswer ? record.recall === 'requested' : record.recall !== 'requested';
    })
    .map(([type]) => type);
}

/** A recipient's action on its copy: the new state and the step it adds (signed by the caller). */
export function applyRecipientAction(
  record: RecipientRecord,
  action: Exclude<DocumentAction, { type: 'recall' }>,
  by: string,
  at: string,
): RecipientChange {
  if (!allowedActions(record).includes(action.type)) throw illegal(record, action.type);
  const rule = ACTION_RULES[action.type];
  const note =
    action.type === 'refuse' || action.type === 'refuse_recall'
      ? action.reason
      : action.type === 'assign'
        ? action.assignee
        : action.type === 'complete'
          ? action.note
          : undefined;
  return {
    state: rule.to ?? record.state,
    recall: rule.recall ?? record.recall,
    step: stepOf(record, rule.status, by, at, note),
  };
}

/** The arrival the tier consumer records: `sent` becomes `arrived`, once. */
export function arrivalOf(record: RecipientRecord, by: string, at: string): RecipientChange | undefined {
  if (record.state !== 'sent') return undefined;
  return { state: 'arrived', recall: record.recall, step: stepOf(record, 'arrived', by, at) };
}

/** Whether the sender may (still) ask for a recall: not after a refusal, the end, or a recall. */
export function mayRecall(record: RecipientRecord): boolean {
  return RECALLABLE.includes(record.state) && (record.recall === undefined || record.recall === 'refused');
}

/**
 * A recall request reaching the recipient. A copy that moved on in the meantime answers it at once
 * with a refusal (16). Both steps carry the request's time, which makes a redelivery recognisable.
 */
export function recallArrivalOf(
  record: RecipientRecord,
  by: string,
  requestedAt: string,
  reason: string,
): RecipientChange | undefined {
  const answered = record.steps.some(
    (step) =>
      (step.status === 'recall_requested' || step.status === 'recall_refused') && step.at === requestedAt,
  );
  if (answered) return undefined;
  if (!mayRecall(record)) {
    return {
      state: record.state,
      recall: 'refused',
      step: stepOf(
        record,
        'recall_refused',
        record.recipient.organId,
        requestedAt,
        `Không thể thu hồi: văn bản đã ở trạng thái ${record.state} / cannot be recalled: the document is ${record.state}`,
      ),
    };
  }
  return {
    state: record.state,
    recall: 'requested',
    step: stepOf(record, 'recall_requested', by, requestedAt, reason),
  };
}

/** Status ids are fixed by the recipient and the step's position, so a retried step keeps its id. */
function stepOf(
  record: RecipientRecord,
  status: StatusName,
  by: string,
  at: string,
  note?: string,
): DocumentStep {
  return {
    statusId: `${record.id}:${record.recipient.organId}:${record.steps.length + 1}:${STATUS_CODES[status]}`,
    status,
    code: STATUS_CODES[status],
    at,
    by,
    ...(note ? { note } : {}),
  };
}

/** The status message a recipient sends back for one of its steps (edXML Status). */
export function statusMessageOf(record: RecipientRecord, step: DocumentStep): StatusMessage {
  return {
    statusId: step.statusId,
    responseFor: {
      organId: record.senderOrganId,
      code: record.documentId.split(',').slice(2).join(','),
      promulgationDate: record.promulgationDate,
      documentId: record.documentId,
    },
    from: { organId: record.recipient.organId, organName: record.recipient.organName },
    statusCode: STATUS_CODES[step.status],
    status: step.status,
    ...(step.note ? { description: step.note } : {}),
    timestamp: step.at,
    staffInfo: { staff: step.by },
  };
}

export interface StepTiming {
  status: StatusName;
  code: string;
  at: string;
  by: string;
  note?: string;
  /** Since the step before (for the first step, since the document was sent). */
  tookMs: number;
  /** When the sender received this status message back, if it has. */
  acknowledgedAt?: string;
}

/** Each step with how long it took, for the sender's per-recipient view. */
export function stepTimings(record: RecipientRecord): StepTiming[] {
  let previous = Date.parse(record.sentAt);
  return record.steps.map((step) => {
    const at = Date.parse(step.at);
    const timing: StepTiming = {
      status: step.status,
      code: step.code,
      at: step.at,
      by: step.by,
      ...(step.note ? { note: step.note } : {}),
      tookMs: at - previous,
      ...(record.acks[step.statusId] ? { acknowledgedAt: record.acks[step.statusId]?.receivedAt } : {}),
    };
    previous = at;
    return timing;
  });
}

export interface CheckedAttachment extends StoredAttachment {
  bytes: Uint8Array;
}

/**
 * Attachments are judged by their bytes: the declared type must match the file's signature and its
 * name's extension, and all of them together stay under the size limit. Keys come from the platform.
 */
export function checkedAttachments(
  id: string,
  uploads: readonly z.infer<typeof AttachmentUploadSchema>[],
): CheckedAttachment[] {
  const issues: FieldIssue[] = [];
  let total = 0;
  const checked = uploads.map((upload, index) => {
    const bytes = Buffer.from(upload.contentBase64, 'base64');
    total += bytes.length;
    const sniffed = sniffContentType(bytes.subarray(0, 8));
    if (sniffed !== upload.contentType || !extensionMatches(upload.name, upload.contentType)) {
      issues.push({
        field: `attachments.${index}`,
        message: {
          vi: `Tệp ${upload.name} không phải ${upload.contentType} như đã khai (kiểm tra theo nội dung tệp).`,
          en: `${upload.name} is not the declared ${upload.contentType} (checked by its bytes).`,
        },
      });
    }
    return {
      name: upload.name,
      contentType: upload.contentType,
      size: bytes.length,
      sha256: createHash('sha256').update(bytes).digest('hex'),
      key: `documents/${id}/${index + 1}.${ATTACHMENT_TYPES[upload.contentType].extensions[0]}`,
      bytes,
    };
  });
  if (total > MAX_DOCUMENT_ATTACHMENT_BYTES) {
    issues.push({
      field: 'attachments',
      message: {
        vi: `Tổng dung lượng tệp đính kèm vượt ${MAX_DOCUMENT_ATTACHMENT_BYTES / 1024 / 1024} MB.`,
        en: `The attachments together exceed ${MAX_DOCUMENT_ATTACHMENT_BYTES / 1024 / 1024} MB.`,
      },
    });
  }
  if (issues.length > 0) {
    throw new DomainError(
      'ATTACHMENT_REJECTED',
      { vi: 'Tệp đính kèm không hợp lệ.', en: 'An attachment was rejected.' },
      issues,
    );
  }
  return checked;
}

/**
 * The audit chain of a document as its sender keeps it, and of each recipient's copy: a copy has its
 * own, so a fan-out to hundreds of agencies never contends on one chain.
 */
export const senderChain = (id: string) => `document:${id}`;
export const recipientChain = (id: string, organId: string) => `document:${id}:${organId}`;
