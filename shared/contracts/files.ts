export {
  AttachmentPathSchema,
  type FileLink,
  FileLinkSchema,
  type ResultLink,
  ResultLinkSchema,
} from '../domain/intake/file-link-schema.ts';
