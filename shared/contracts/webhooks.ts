import * as z from 'zod';
import { WEBHOOK_EVENT_TYPES } from '../domain/webhooks/webhook-events.ts';
import { OfficerActionSchema } from './lifecycle.ts';
import { bilingual } from './messages.ts';

export { WEBHOOK_EVENT_TYPES, type WebhookEventType } from '../domain/webhooks/webhook-events.ts';

export const SubscriptionRequestSchema = z
  .object({
    url: z.url({ protocol: /^https?$/ }).max(2000),
    eventTypes: z.array(z.enum(WEBHOOK_EVENT_TYPES)).min(1).max(WEBHOOK_EVENT_TYPES.length),
    description: z.string().max(200).optional(),
  })
  .meta({ id: 'WebhookSubscriptionRequest' });

export const SubscriptionStateSchema = z
  .object({ state: z.enum(['active', 'paused']) })
  .meta({ id: 'WebhookSubscriptionState' });

/** What an agency system posts to the platform: a lifecycle action on a dossier it holds. */
export const InboundUpdateSchema = z
  .object({
    type: z.literal('dossier.action'),
    dossierCode: z.string().min(1).max(100),
    action: OfficerActionSchema,
  })
  .refine((update) => !['complete', 'approve_apology'].includes(update.action.type), {
    path: ['action', 'type'],
    message: bilingual(
      'Hoàn thành và phê duyệt thư xin lỗi cần chữ ký số của cán bộ: dùng API cán bộ.',
      'Completing and approving an apology need an officer’s signature: use the officer API.',
    ),
  })
  .meta({ id: 'InboundAgencyUpdate' });

export type SubscriptionRequest = z.infer<typeof SubscriptionRequestSchema>;
