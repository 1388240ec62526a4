import * as z from 'zod';
import { CITIZEN_TEMPLATES } from '../domain/mail/citizen-mail.ts';
import { OfficerAlertMessageSchema } from '../domain/mail/officer-alerts.ts';

export { type OfficerAlertMessage, OfficerAlertMessageSchema } from '../domain/mail/officer-alerts.ts';

/** Messages on the mail queue: a citizen mail about a dossier, an agency mail about a document, an officers' alert. */
export const CitizenMailMessageSchema = z.object({
  type: z.literal('citizen-mail'),
  template: z.enum(CITIZEN_TEMPLATES),
  dossierCode: z.string().min(1),
});

export const AgencyMailMessageSchema = z.object({
  type: z.literal('agency-mail'),
  documentId: z.string().min(1),
  kind: z.enum(['meeting_invitation', 'draft_for_comment']),
  to: z.email(),
  toOrganId: z.string().min(1),
  fromOrgan: z.string().min(1),
  subject: z.string().min(1),
  numberAndNotation: z.string().min(1),
  dueAt: z.string().optional(),
  place: z.string().optional(),
});

export const MailMessageSchema = z.discriminatedUnion('type', [
  CitizenMailMessageSchema,
  AgencyMailMessageSchema,
  OfficerAlertMessageSchema,
]);
export type AgencyMailMessage = z.infer<typeof AgencyMailMessageSchema>;
