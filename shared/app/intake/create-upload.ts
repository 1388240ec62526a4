import type { CreateUploadRequest } from '../../contracts/attachments.ts';
import { formatLocalDate, toLocalDate } from '../../domain/calendar/calendar.ts';
import { attachmentKey } from '../../domain/intake/attachment.ts';

export interface CreateUploadPorts {
  uploads: {
    /** A presigned POST for exactly this key, content type and size range. */
    presignUpload(
      key: string,
      contentType: string,
      maxBytes: number,
      expiresInSeconds: number,
    ): Promise<{ url: string; fields: Record<string, string> }>;
  };
  expiresInSeconds: number;
  newId(): string;
  now(): Date;
}

export interface UploadSlot {
  key: string;
  url: string;
  fields: Record<string, string>;
  maxBytes: number;
  expiresInSeconds: number;
}

/** Where the citizen's browser posts one attachment, under a fresh key of today's upload folder. */
export async function createUpload(
  ports: CreateUploadPorts,
  request: CreateUploadRequest,
): Promise<UploadSlot> {
  const key = attachmentKey(ports.newId(), formatLocalDate(toLocalDate(ports.now())), request.contentType);
  const upload = await ports.uploads.presignUpload(
    key,
    request.contentType,
    request.sizeBytes,
    ports.expiresInSeconds,
  );
  return {
    key,
    url: upload.url,
    fields: upload.fields,
    maxBytes: request.sizeBytes,
    expiresInSeconds: ports.expiresInSeconds,
  };
}
