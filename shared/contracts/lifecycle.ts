import * as z from 'zod';
import { ATTACHMENT_KEY_PATTERN } from '../domain/intake/attachment.ts';
import { ChannelSchema } from '../domain/lifecycle/dossier-schema.ts';
import { DOSSIER_STATUS_NAMES } from '../domain/lifecycle/dossier-status.ts';
import { QUEUE_PAGE_DEFAULT, QUEUE_PAGE_MAX, QUEUE_TABS } from '../domain/officers/work-queue.ts';
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

const queueTab = z.enum(QUEUE_TABS).optional().meta({
  description:
    'all (default): every dossier the unit holds, open ones first; reception: awaiting reception; soon: received, clock running, statutory appointment within 2 working days and not passed; late: statutory appointment passed; mine: open steps assigned to the caller',
});
const queueLimit = z.coerce
  .number()
  .int()
  .min(1)
  .max(QUEUE_PAGE_MAX)
  .optional()
  .meta({ description: `Lines per page: ${QUEUE_PAGE_DEFAULT} unless given, at most ${QUEUE_PAGE_MAX}.` });
const queueCursor = z
  .string()
  .max(1000)
  .optional()
  .meta({ description: 'The `nextCursor` of the previous page, with the same tab and filters.' });
const vietnamDay = z.iso.date().optional();

export const OfficerQueueQuerySchema = z
  .object({
    tab: queueTab,
    status: z.enum(DOSSIER_STATUS_NAMES).optional(),
    step: stepCode.optional().meta({ description: 'A process step open on the dossier now.' }),
    procedure: z
      .string()
      .regex(/^\d\.\d{6}(\.[0-9A-Z]{1,4}){1,6}$/)
      .optional()
      .meta({ description: 'Procedure code.' }),
    channel: ChannelSchema.optional(),
    receivedFrom: vietnamDay.meta({ description: 'Received on or after this day (Vietnam time).' }),
    receivedTo: vietnamDay.meta({ description: 'Received on or before this day (Vietnam time).' }),
    due: z
      .enum(['soon', 'late'])
      .optional()
      .meta({ description: 'soon: due within 2 working days (late ones included); late: past due' }),
    limit: queueLimit,
    cursor: queueCursor,
  })
  .meta({ id: 'OfficerQueueQuery' });

/** The search's text travels in the body, never in a URL: it may be a name or an identifier. */
export const OfficerQueueSearchSchema = z
  .object({
    text: z.string().trim().min(2).max(200).meta({
      description:
        'A dossier code (exact), an applicant’s given name or full name (case and diacritics ignored, "đ" as "d"; the index keys a name by its given name first), or an identifier: Số định danh cá nhân, tax code or passport number (exact).',
    }),
    tab: queueTab,
    limit: queueLimit,
    cursor: queueCursor,
  })
  .meta({ id: 'OfficerQueueSearch' });

const QueueEntrySchema = z.looseObject({
  dossierCode: z.string(),
  procedure: z.object({ code: z.string(), name: z.string() }),
  status: z.enum(DOSSIER_STATUS_NAMES),
  channel: ChannelSchema,
  applicantName: z.string().optional(),
  dueAt: z.string().optional(),
  urgency: z.enum(['late', 'soon', 'on_time']).optional().meta({
    description:
      'For a received dossier whose clock runs: past, within 2 working days of, or before its statutory appointment.',
  }),
  openSteps: z.array(z.string()).optional(),
  openAssignees: z.array(z.string()).optional(),
});

export const OfficerQueueSchema = z
  .object({
    agencyCode: z.string(),
    tab: z.enum(QUEUE_TABS),
    counts: z
      .object({
        all: z.number().int(),
        reception: z.number().int(),
        soon: z.number().int(),
        late: z.number().int(),
        mine: z.number().int(),
      } satisfies Record<(typeof QUEUE_TABS)[number], z.ZodNumber>)
      .meta({
        description:
          'Dossiers of the whole unit per tab, whatever the other filters, the search or the page: `all` counts the open ones (not refused, withdrawn, stopped or handed over).',
      }),
    dossiers: z.array(QueueEntrySchema),
    nextCursor: z.string().optional().meta({ description: 'Absent on the last page.' }),
  })
  .meta({ id: 'OfficerQueue' });

export type OfficerAction = z.infer<typeof OfficerActionSchema>;
export type OfficerQueueQuery = z.infer<typeof OfficerQueueQuerySchema>;
export type OfficerQueueSearch = z.infer<typeof OfficerQueueSearchSchema>;
