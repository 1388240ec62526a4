import * as z from 'zod';
import { FileSignatureSchema } from '../signing/signed-document.ts';

export const FileLinkSchema = z
  .object({
    url: z.url().meta({ description: 'Presigned GET link; carries no lookup secret and no officer token' }),
    expiresAt: z.iso.datetime({ offset: true }),
    fileName: z.string(),
    contentType: z.string(),
    sha256: z.string().optional().meta({ description: 'SHA-256 (hex) of the file as the dossier holds it' }),
    sizeBytes: z.number().int().optional(),
  })
  .meta({ id: 'FileLink' });
export type FileLink = z.infer<typeof FileLinkSchema>;

export const ResultLinkSchema = FileLinkSchema.extend({
  signed: z.boolean().meta({ description: 'Whether the unit signed the SHA-256 of the file with its key' }),
  signature: FileSignatureSchema.optional().meta({
    description:
      'The unit’s signature over the file (SHA-256, `sha256`); with a `delegation` when a session key made it',
  }),
  verifyUrl: z.url().meta({ description: 'The public page where the signature is checked' }),
}).meta({ id: 'ResultLink' });
export type ResultLink = z.infer<typeof ResultLinkSchema>;

/** `attachments/{index}` of the officers' route: a position from 0, as the dossier lists its files. */
export const AttachmentPathSchema = z.object({
  index: z
    .string()
    .regex(/^(0|[1-9]\d{0,2})$/, { message: 'index must be a whole number from 0' })
    .transform(Number),
});
