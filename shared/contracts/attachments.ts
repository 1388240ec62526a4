import * as z from 'zod';
import {
  ATTACHMENT_CONTENT_TYPES,
  ATTACHMENT_MAX_BYTES,
  extensionMatches,
  isSafeFileName,
} from '../domain/intake/attachment.ts';
import { text } from './common.ts';

export const CreateUploadRequestSchema = z
  .object({
    fileName: text(200).refine(isSafeFileName, {
      message: 'fileName must not contain path separators, "..", quotes or control characters',
    }),
    contentType: z.enum(ATTACHMENT_CONTENT_TYPES),
    sizeBytes: z.number().int().min(1).max(ATTACHMENT_MAX_BYTES),
  })
  .refine((value) => extensionMatches(value.fileName, value.contentType), {
    path: ['fileName'],
    message: 'file extension does not match contentType',
  })
  .meta({ id: 'CreateUploadRequest' });

export const CreateUploadResponseSchema = z
  .object({
    key: z.string(),
    url: z.url(),
    fields: z.record(z.string(), z.string()),
    maxBytes: z.number().int(),
    expiresInSeconds: z.number().int(),
  })
  .meta({
    id: 'CreateUploadResponse',
    description: 'A presigned S3 POST: send the fields and then the file as multipart/form-data to url.',
  });

export type CreateUploadRequest = z.infer<typeof CreateUploadRequestSchema>;
