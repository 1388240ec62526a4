import * as z from 'zod';
import { ATTACHMENT_KEY_PATTERN } from '../domain/intake/attachment.ts';
import { DOSSIER_STATUS_NAMES } from '../domain/lifecycle/dossier-status.ts';
import { STEP_CODE_PATTERN } from '../domain/process/process-definition.ts';
import { AgencyCodeSchema } from './catalog.ts';
import { multilineText, text } from './common.ts';

const reason = multilineText(2000).pipe(z.string().min(1));
const stepCode = z.string().regex(STEP_CODE_PATTERN, { message: 'a step code of the dossier’s process' });
const step = stepCode.optional().meta({
  description: 'The active step acted on, when the officer holds several (parallel branches).',
});

/** One officer action on a dossier; `type` names the transition. */
export const OfficerActionSchema = z
  .discriminatedUnion('type', [
    z.object({ type: z.literal('accept') }),
    z.object({ type: z.literal('refuse'), reason }),
    z.object({ type: z.literal('start_processing') }),
    z.object({ type: z.literal('forward'), step, note: multilineText(2000).optional() }),
    z.object({
      type: z.literal('send_back'),
      step,
      toStep: stepCode
        .optional()
        .meta({ description: 'The earlier step to reopen; required when the step may return to several.' }),
      reason: multilineText(2000).optional(),
    }),
    z.object({
      type: z.literal('assign'),
      step,
      assignee: text(128).meta({ description: 'The username of an officer of the unit holding the step.' }),
    }),
    z.object({ type: z.literal('request_supplement'), reason, documents: z.array(text(300)).min(1).max(30) }),
    z.object({ type: z.literal('receive_supplement') }),
    z.object({
      type: z.literal('transfer'),
      toAgencyCode: AgencyCodeSchema,
      note: multilineText(2000).optional(),
    }),
    z.object({ type: z.literal('request_payment'), amountVnd: z.number().int().positive() }),
    z.object({ type: z.literal('confirm_payment') }),
    z.object({ type: z.literal('stop'), reason }),
    z.object({
      type: z.literal('complete'),
      resultDocumentKey: z
        .string()
        .regex(ATTACHMENT_KEY_PATTERN, {
          message: 'resultDocumentKey must be a key returned by POST /attachments',
        })
        .optional(),
      note: multilineText(2000).optional(),
    }),
    z.object({ type: z.literal('return_result') }),
    z.object({
      type: z.literal('draft_apology'),
      reason: reason.meta({ description: 'Why the dossier cannot be settled by its appointment (form 04).' }),
      proposedDueAt: z.iso.datetime({ offset: true }).optional().meta({
        description:
          'The new appointment to propose; defaults to the draft’s, else 3 working days after the statutory one.',
      }),
    }),
    z.object({
      type: z.literal('approve_apology'),
      newDueAt: z.iso
        .datetime({ offset: true })
        .optional()
        .meta({ description: 'Defaults to the drafted proposal.' }),
      reason: reason
        .optional()
        .meta({ description: 'Required when the draft has no reason yet (the sweep’s drafts have none).' }),
    }),
  ])
  .meta({ id: 'OfficerAction' });

export const WithdrawRequestSchema = z
  .object({ reason: multilineText(2000).optional() })
  .meta({ id: 'WithdrawRequest' });

export const OfficerQueueQuerySchema = z
  .object({
    status: z.enum(DOSSIER_STATUS_NAMES).optional(),
    due: z
      .enum(['soon', 'late'])
      .optional()
      .meta({ description: 'soon: due within 2 working days; late: past due' }),
  })
  .meta({ id: 'OfficerQueueQuery' });

export type OfficerAction = z.infer<typeof OfficerActionSchema>;
export type OfficerQueueQuery = z.infer<typeof OfficerQueueQuerySchema>;
