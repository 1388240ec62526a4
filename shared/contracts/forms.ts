import * as z from 'zod';
import { FORM_NUMBERS } from '../domain/documents/forms.ts';
import { FileSignatureSchema, SignedDocumentSchema } from '../domain/signing/signed-document.ts';

/** A signed form as its citizen or the unit holding the dossier downloads it. */
export const FormDownloadSchema = z
  .object({
    form: z.enum(FORM_NUMBERS),
    title: z.string(),
    url: z.url().meta({ description: 'Presigned GET link to the PDF (5 minutes)' }),
    sha256: z
      .string()
      .regex(/^[0-9a-f]{64}$/)
      .meta({ description: 'SHA-256 (hex) of the PDF' }),
    pdfSignature: FileSignatureSchema.meta({
      description:
        'The unit’s signature over the PDF’s bytes (SHA-256); with a `delegation` when a session key made it',
    }),
    verifyUrl: z.url().meta({ description: 'The public page where a receipt or a signed file is checked' }),
    content: SignedDocumentSchema.meta({
      description: 'The form’s content as signed (canonical JSON), shown in the PDF with its signature',
    }),
  })
  .meta({ id: 'FormDownload' });
export type FormDownload = z.infer<typeof FormDownloadSchema>;
