import * as z from 'zod';
import { DocumentEnvelopeSchema } from '../domain/documents/document-schema.ts';

export {
  AttachmentUploadSchema,
  BUSINESS_TYPES,
  CONFIDENTIALITY_LEVELS,
  type Confidentiality,
  DOCUMENT_FILE_TYPES,
  DOCUMENT_KINDS,
  type DocumentAction,
  DocumentActionSchema,
  type DocumentEnvelope,
  DocumentEnvelopeSchema,
  type DocumentHeaderFields,
  DocumentHeaderFieldsSchema,
  MAX_DOCUMENT_ATTACHMENT_BYTES,
  type Organ,
  OrganSchema,
  PRIORITIES,
  type SendDocumentRequest,
  SendDocumentRequestSchema,
  SignedEnvelopeSchema,
  STATUS_CODES,
  type StatusCode,
  type StatusMessage,
  StatusMessageSchema,
  type StatusName,
  type StoredAttachment,
  StoredAttachmentSchema,
  TraceHopSchema,
} from '../domain/documents/document-schema.ts';

export const DocumentBoxQuerySchema = z
  .object({ box: z.enum(['inbox', 'outbox']).default('inbox') })
  .meta({ id: 'DocumentBoxQuery' });

export const EdxmlImportResultSchema = z
  .object({
    envelope: DocumentEnvelopeSchema,
    signatureValid: z.boolean(),
    attachments: z.array(z.object({ name: z.string(), size: z.number().int(), sha256: z.string() })),
  })
  .meta({ id: 'EdxmlImportResult' });
