import { loadEnv } from '../../shared/config/env.ts';
import { AttachmentPathSchema } from '../../shared/contracts/files.ts';
import { validate } from '../../shared/http/endpoint.ts';
import { officerAttachmentSpec } from './attachment.spec.ts';
import { officerFileHandler } from './file-link.ts';

export const handler = officerFileHandler(loadEnv(officerAttachmentSpec.env), (event) => ({
  kind: 'attachment',
  index: validate(AttachmentPathSchema, { index: event.pathParameters?.index }).index,
}));
