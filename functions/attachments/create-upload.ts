import { randomUUID } from 'node:crypto';
import { AttachmentStore } from '../../shared/adapters/attachment-store.ts';
import { createUpload } from '../../shared/app/intake/create-upload.ts';
import { loadEnv } from '../../shared/config/env.ts';
import { CreateUploadRequestSchema } from '../../shared/contracts/attachments.ts';
import { httpEndpoint, parseJsonBody } from '../../shared/http/endpoint.ts';
import { json } from '../../shared/http/responses.ts';
import { createUploadSpec } from './create-upload.spec.ts';

const env = loadEnv(createUploadSpec.env);
const ports = {
  uploads: new AttachmentStore(env.ATTACHMENTS_BUCKET),
  expiresInSeconds: env.UPLOAD_URL_TTL_SECONDS,
  newId: randomUUID,
  now: () => new Date(),
};

export const handler = httpEndpoint(async (event) =>
  json(201, await createUpload(ports, parseJsonBody(event, CreateUploadRequestSchema))),
);
