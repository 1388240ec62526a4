import * as z from 'zod';
import { name } from '../../shared/config/env.ts';
import { CreateUploadRequestSchema, CreateUploadResponseSchema } from '../../shared/contracts/attachments.ts';
import { apiFunction } from '../../shared/http/endpoint-spec.ts';
import { errors, jsonContent, publicRoute } from '../../shared/http/openapi.ts';

export const createUploadSpec = apiFunction({
  id: 'CreateUpload',
  handler: 'attachments/create-upload.ts',
  description: 'Presigns one attachment upload',
  env: z.object({
    ATTACHMENTS_BUCKET: name,
    UPLOAD_URL_TTL_SECONDS: z.coerce.number().int().default(900),
  }),
  permissions: ['uploads:presign'],
  endpoints: [
    publicRoute('POST', '/attachments', {
      summary: 'Presigned upload for one attachment',
      body: CreateUploadRequestSchema,
      responses: {
        '201': { description: 'Presigned POST', content: jsonContent(CreateUploadResponseSchema) },
        ...errors,
      },
    }),
  ],
});
