export {
  AttachmentPathSchema,
  type FileLink,
  FileLinkSchema,
  type ResultLink,
  ResultLinkSchema,
} from '../domain/intake/dossier-files.ts';
