import { randomUUID } from 'node:crypto';
import { AttachmentStore } from '../../shared/adapters/attachment-store.ts';
import { loadEnv } from '../../shared/config/env.ts';
import { CreateUploadRequestSchema } from '../../shared/contracts/attachments.ts';
import { attachmentKey } from '../../shared/domain/attachment.ts';
import { formatLocalDate, toLocalDate } from '../../shared/domain/calendar.ts';
import { httpEndpoint, parseJsonBody } from '../../shared/http/endpoint.ts';
import { json } from '../../shared/http/responses.ts';
import { createUploadSpec } from './create-upload.spec.ts';

const env = loadEnv(createUploadSpec.env);
const attachments = new AttachmentStore(env.ATTACHMENTS_BUCKET);

export const handler = httpEndpoint(async (event) => {
  const request = parseJsonBody(event, CreateUploadRequestSchema);
  const key = attachmentKey(randomUUID(), formatLocalDate(toLocalDate(new Date())), request.contentType);
  const upload = await attachments.presignUpload(
    key,
    request.contentType,
    request.sizeBytes,
    env.UPLOAD_URL_TTL_SECONDS,
  );
  return json(201, {
    key,
    url: upload.url,
    fields: upload.fields,
    maxBytes: request.sizeBytes,
    expiresInSeconds: env.UPLOAD_URL_TTL_SECONDS,
  });
});
