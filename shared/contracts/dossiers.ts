import * as z from 'zod';
import { DossierStatusSchema } from '../domain/lifecycle/dossier-schema.ts';
import { SignedDocumentSchema } from '../domain/signing/signed-document.ts';

export {
  ApplicantSchema,
  type Channel,
  ChannelSchema,
  DossierAttachmentSchema,
  DossierStatusSchema,
  type DossierView,
  DossierViewSchema,
  type HistoryEntry,
  HistoryEntrySchema,
  type SubmitDossierRequest,
  SubmitDossierRequestSchema,
  type SupplementRequest,
  SupplementRequestSchema,
  type SupplementResponse,
  SupplementResponseSchema,
} from '../domain/lifecycle/dossier-schema.ts';

/** The only place a lookup secret is accepted: query strings end up in access logs. */
export const LOOKUP_SECRET_HEADER = 'x-lookup-secret';

export const SubmitDossierResponseSchema = z
  .object({
    dossierCode: z.string().meta({ example: '000.17.22.H56-261124-0001' }),
    status: DossierStatusSchema,
    syncCode: z.number().int(),
    submittedAt: z.iso.datetime({ offset: true }),
    lookupSecret: z.string().meta({ description: 'Shown once; needed with the dossier code to look it up.' }),
    receivedAt: z.iso
      .datetime({ offset: true })
      .optional()
      .meta({ description: 'Counter and postal dossiers only: they are received when recorded.' }),
    dueAt: z.iso
      .datetime({ offset: true })
      .optional()
      .meta({ description: 'Counter and postal dossiers only: the appointment for the result.' }),
    receipt: SignedDocumentSchema.optional().meta({
      description: 'Counter and postal dossiers only: form 01, signed. Online dossiers get it at reception.',
    }),
  })
  .meta({ id: 'SubmitDossierResponse' });

export type SubmitDossierResponse = z.infer<typeof SubmitDossierResponseSchema>;
