import * as z from 'zod';
import {
  BilingualMessageSchema,
  multilineText,
  nameText,
  optionalText,
  text,
} from '../common/text-schema.ts';
import { ATTACHMENT_KEY_PATTERN, isSafeFileName } from '../intake/attachment.ts';
import { FeedbackSchema } from '../intake/feedback-schema.ts';
import { SignedDocumentSchema } from '../signing/signed-document.ts';
import { DOSSIER_STATUS_NAMES } from './dossier-status.ts';

export const ChannelSchema = z.enum(['online', 'counter', 'postal']).meta({ id: 'Channel' });
export const DossierStatusSchema = z.enum(DOSSIER_STATUS_NAMES).meta({ id: 'DossierStatus' });

const phone = z
  .string()
  .overwrite((value) => value.replace(/[\s.-]/g, ''))
  .regex(/^(\+84|0)\d{9,10}$/, { message: 'phone must be a Vietnamese number such as 0912345678' });

export const ApplicantSchema = z
  .object({
    fullName: nameText(120),
    idNumber: z
      .string()
      .trim()
      .regex(/^(\d{9}|\d{12})$/, { message: 'idNumber must be 12 digits (CCCD) or 9 digits (CMND)' }),
    address: text(300),
    phone,
    email: z.email().max(254).optional(),
  })
  .meta({ id: 'Applicant' });

export const DossierAttachmentSchema = z.object({
  key: z.string().regex(ATTACHMENT_KEY_PATTERN, { message: 'key must be one returned by POST /attachments' }),
  documentCode: z
    .string()
    .regex(/^[A-Z0-9_]{2,40}$/)
    .optional(),
  fileName: text(200).refine(isSafeFileName, {
    message: 'fileName must not contain path separators, "..", quotes or control characters',
  }),
});

export const SubmitDossierRequestSchema = z
  .object({
    procedureCode: z.string().min(3).max(60),
    channel: ChannelSchema.default('online'),
    applicant: ApplicantSchema,
    attachments: z.array(DossierAttachmentSchema).max(20).default([]),
    note: multilineText(2000).optional(),
    wantsMail: z.boolean().default(true),
  })
  .meta({ id: 'SubmitDossierRequest' });

export const HistoryEntrySchema = z.object({
  status: DossierStatusSchema.or(z.enum(['routed', 'acknowledged'])),
  at: z.iso.datetime({ offset: true }),
  by: z.string(),
  note: optionalText(500),
});

const AgencyRefSchema = z.object({ code: z.string(), name: z.string(), tier: z.string() });

export const DossierViewSchema = z
  .object({
    dossierCode: z.string(),
    status: DossierStatusSchema,
    statusLabel: BilingualMessageSchema,
    syncCode: z.number().int(),
    procedure: z.object({ code: z.string(), name: z.string() }),
    agency: AgencyRefSchema.meta({ description: 'The unit that received the dossier.' }),
    currentAgency: AgencyRefSchema.meta({ description: 'The unit holding the dossier now.' }),
    channel: ChannelSchema,
    submittedAt: z.iso.datetime({ offset: true }).optional(),
    receivedAt: z.iso
      .datetime({ offset: true })
      .optional()
      .meta({ description: 'When the one-stop desk received the dossier; absent until then.' }),
    dueAt: z.iso
      .datetime({ offset: true })
      .optional()
      .meta({ description: 'The appointment for the result; absent until the dossier is received.' }),
    dueAtWording: z.string().meta({
      example: '17 giờ 00 phút, ngày 27 tháng 11 năm 2026',
      description: 'The appointment in words, or "Chờ tiếp nhận" while the dossier awaits reception.',
    }),
    awaitingReception: z
      .boolean()
      .meta({ description: 'Submitted online and not yet checked and received by the one-stop desk.' }),
    remaining: z
      .object({ late: z.boolean(), workingMinutes: z.number().int(), vi: z.string(), en: z.string() })
      .optional()
      .meta({ description: 'Working time left (or late by) while the dossier is open and its clock runs.' }),
    history: z.array(HistoryEntrySchema.extend({ label: BilingualMessageSchema })),
    receipt: SignedDocumentSchema.optional().meta({
      description: 'Form 01 as signed at reception; absent until the dossier is received.',
    }),
    apology: z
      .object({
        state: z.enum(['draft', 'approved']),
        missedDueAt: z.iso.datetime({ offset: true }),
        newDueAt: z.iso.datetime({ offset: true }).optional(),
      })
      .optional()
      .meta({ description: 'Form 04, once the dossier became late; downloadable when approved.' }),
    feedback: FeedbackSchema.optional(),
    feedbackOpen: z.boolean().meta({ description: 'Settled and not rated yet: feedback is accepted.' }),
  })
  .meta({ id: 'DossierView' });

export type SubmitDossierRequest = z.infer<typeof SubmitDossierRequestSchema>;
export type DossierView = z.infer<typeof DossierViewSchema>;
export type HistoryEntry = z.infer<typeof HistoryEntrySchema>;
export type Channel = z.infer<typeof ChannelSchema>;
