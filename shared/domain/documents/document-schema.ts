import * as z from 'zod';
import { bilingual } from '../common/field-issues.ts';
import { keysOf } from '../common/keys.ts';
import { multilineText, nameText, optionalText, text } from '../common/text-schema.ts';
import { AgencyCodeSchema, TierSchema } from '../intake/catalog.ts';
import { SignatureSchema } from '../signing/signed-document.ts';

/**
 * Official documents (văn bản) exchanged between agencies, with the header fields of the national
 * exchange standard (QCVN 102:2016/BTTTT, "edXML") under camel-case names.
 */
export const DOCUMENT_KINDS = [
  'dispatch',
  'decision',
  'meeting_invitation',
  'draft_for_comment',
  'dossier_transfer',
] as const;

/** edXML BusinessDocType: 0 new, 1 revoke, 2 update, 3 replace. */
export const BUSINESS_TYPES = ['new', 'revoke', 'update', 'replace'] as const;

/** Thường, mật, tối mật, tuyệt mật: only ordinary documents may travel electronically. */
export const CONFIDENTIALITY_LEVELS = ['normal', 'mat', 'toi_mat', 'tuyet_mat'] as const;

/** edXML Priority: 0 thường, 1 khẩn, 2 thượng khẩn, 3 hỏa tốc, 4 hỏa tốc hẹn giờ. */
export const PRIORITIES = [0, 1, 2, 3, 4] as const;

export const DOCUMENT_FILE_TYPES = ['application/pdf', 'image/jpeg', 'image/png'] as const;

/** Bytes of all attachments together; the request stays under API Gateway's and Lambda's limits. */
export const MAX_DOCUMENT_ATTACHMENT_BYTES = 3 * 1024 * 1024;

export const OrganSchema = z
  .object({
    organId: AgencyCodeSchema,
    organName: nameText(200),
    organAdd: optionalText(300),
    email: z.email().optional(),
    telephone: optionalText(30),
  })
  .meta({ id: 'Organ' });

const DateSchema = z.iso.date();

export const DocumentHeaderFieldsSchema = z.object({
  kind: z.enum(DOCUMENT_KINDS),
  code: z.object({
    codeNumber: z.string().regex(/^[0-9]{1,10}$/, {
      message: bilingual('Số văn bản chỉ gồm chữ số.', 'The document number is digits only.'),
    }),
    codeNotation: z.string().regex(/^[\p{L}\p{N}.&-]{1,50}$/u, {
      message: bilingual(
        'Ký hiệu văn bản gồm chữ, số và các dấu . & - (ví dụ UBND-VP).',
        'The notation is letters, digits and . & - (e.g. UBND-VP).',
      ),
    }),
  }),
  promulgationInfo: z.object({ place: text(100), promulgationDate: DateSchema }),
  documentType: z.object({ type: z.number().int().min(1).max(99), typeName: text(100) }),
  subject: text(500),
  content: multilineText(20000).optional(),
  steeringType: z.number().int().min(0).max(9).default(0),
  dueDate: z.iso.datetime({ offset: true }).optional(),
  meetingPlace: optionalText(300),
  signerInfo: z.object({ competence: optionalText(100), position: text(100), fullName: nameText(100) }),
  priority: z.union(PRIORITIES.map((value) => z.literal(value))).default(0),
  sphereOfPromulgation: optionalText(200),
  pageAmount: z.number().int().min(1).max(10000).optional(),
  businessType: z.enum(BUSINESS_TYPES).default('new'),
  /** The earlier document this one answers (ResponseFor) or revokes, updates or replaces. */
  responseFor: z.string().min(1).max(200).optional(),
});

export const AttachmentUploadSchema = z.object({
  name: z.string().regex(/^[\p{L}\p{N} _().-]{1,120}\.(pdf|jpe?g|png)$/iu, {
    message: bilingual(
      'Tên tệp chỉ gồm chữ, số, khoảng trắng và _ ( ) . - với đuôi .pdf, .jpg, .png; không có đường dẫn.',
      'File names are letters, digits, spaces and _ ( ) . - ending in .pdf, .jpg or .png; no paths.',
    ),
  }),
  contentType: z.enum(DOCUMENT_FILE_TYPES),
  contentBase64: z.base64().min(4),
});

export const SendDocumentRequestSchema = DocumentHeaderFieldsSchema.extend({
  /** Recipients by code; `toTier` adds every agency of a tier (e.g. all communes). */
  to: z.array(AgencyCodeSchema).max(500).default([]),
  toTier: TierSchema.optional(),
  confidentiality: z.enum(CONFIDENTIALITY_LEVELS).default('normal'),
  attachments: z.array(AttachmentUploadSchema).max(10).default([]),
})
  .refine((request) => request.to.length > 0 || request.toTier, {
    path: ['to'],
    message: bilingual('Cần ít nhất một cơ quan nhận.', 'At least one recipient is required.'),
  })
  .refine((request) => request.businessType === 'new' || request.responseFor, {
    path: ['responseFor'],
    message: bilingual(
      'Văn bản thu hồi, cập nhật hay thay thế phải nêu văn bản gốc.',
      'A revoking, updating or replacing document must name the original.',
    ),
  })
  .meta({ id: 'SendDocumentRequest' });

export const StoredAttachmentSchema = z.object({
  name: z.string(),
  contentType: z.enum(DOCUMENT_FILE_TYPES),
  size: z.number().int().nonnegative(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  key: z.string(),
});

export const TraceHopSchema = z.object({ organId: z.string(), timestamp: z.string() });

/** What is signed at each send: the header, the recipients and the attachment digests. */
export const DocumentEnvelopeSchema = DocumentHeaderFieldsSchema.extend({
  documentId: z.string(),
  from: OrganSchema,
  to: z.array(OrganSchema).min(1),
  attachments: z.array(StoredAttachmentSchema.omit({ key: true })),
  traceHeaderList: z.array(TraceHopSchema).min(1),
  sentAt: z.string(),
}).meta({ id: 'DocumentEnvelope' });

/** edXML status codes (01–06) and the recall codes (13 requested, 15 succeeded, 16 refused). */
export const STATUS_CODES = {
  arrived: '01',
  refused: '02',
  accepted: '03',
  assigned: '04',
  processing: '05',
  completed: '06',
  recall_requested: '13',
  recalled: '15',
  recall_refused: '16',
} as const;
export type StatusName = keyof typeof STATUS_CODES;
export type StatusCode = (typeof STATUS_CODES)[StatusName];

export const StatusMessageSchema = z
  .object({
    statusId: z.string(),
    responseFor: z.object({
      organId: z.string(),
      code: z.string(),
      promulgationDate: z.string(),
      documentId: z.string(),
    }),
    from: z.object({ organId: z.string(), organName: z.string() }),
    statusCode: z.enum(STATUS_CODES),
    status: z.enum(keysOf(STATUS_CODES)),
    description: z.string().optional(),
    timestamp: z.string(),
    staffInfo: z.object({ staff: z.string(), department: z.string().optional() }),
  })
  .meta({ id: 'StatusMessage' });

const reason = multilineText(2000).pipe(z.string().min(1));

/** What a recipient does with a document it received, and the sender's recall. */
export const DocumentActionSchema = z
  .discriminatedUnion('type', [
    z.object({ type: z.literal('accept') }),
    z.object({ type: z.literal('refuse'), reason }),
    z.object({ type: z.literal('assign'), assignee: text(100) }),
    z.object({ type: z.literal('start_processing') }),
    z.object({ type: z.literal('complete'), note: multilineText(2000).optional() }),
    z.object({ type: z.literal('accept_recall') }),
    z.object({ type: z.literal('refuse_recall'), reason }),
    z.object({ type: z.literal('recall'), reason }),
  ])
  .meta({ id: 'DocumentAction' });

export const SignedEnvelopeSchema = z.object({
  envelope: DocumentEnvelopeSchema,
  signature: SignatureSchema,
});

export type SendDocumentRequest = z.infer<typeof SendDocumentRequestSchema>;
export type DocumentEnvelope = z.infer<typeof DocumentEnvelopeSchema>;
export type DocumentHeaderFields = z.infer<typeof DocumentHeaderFieldsSchema>;
export type StoredAttachment = z.infer<typeof StoredAttachmentSchema>;
export type StatusMessage = z.infer<typeof StatusMessageSchema>;
export type DocumentAction = z.infer<typeof DocumentActionSchema>;
export type Organ = z.infer<typeof OrganSchema>;
export type Confidentiality = (typeof CONFIDENTIALITY_LEVELS)[number];
