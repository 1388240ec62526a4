/**
 * The shapes of the webhook subscription and delivery items (see `stored-items.ts`), apart so that the
 * webhook functions do not build every other stored shape when they start.
 */
import * as z from 'zod';
import { WEBHOOK_EVENT_TYPES } from '../domain/webhooks/webhook-events.ts';

const record = z.record(z.string(), z.unknown());
const optionalString = z.string().optional();
const optionalNumber = z.number().optional();

export const StoredSubscriptionSchema = z.looseObject({
  id: z.string(),
  agencyCode: z.string(),
  url: z.string(),
  eventTypes: z.array(z.enum(WEBHOOK_EVENT_TYPES)),
  description: optionalString,
  state: z.enum(['active', 'paused', 'disabled']),
  disabledReason: optionalString,
  secrets: z.array(z.looseObject({ secret: z.string(), validUntil: optionalString })),
  createdAt: z.string(),
});

export const StoredDeliverySchema = z.looseObject({
  agencyCode: z.string(),
  subscriptionId: z.string(),
  event: z.looseObject({
    id: z.string(),
    type: z.enum(WEBHOOK_EVENT_TYPES),
    agencyCode: z.string(),
    occurredAt: z.string(),
    data: record,
  }),
  status: z.enum(['pending', 'delivered', 'failed', 'held']),
  failures: z.number(),
  attempts: z.array(
    z.looseObject({
      at: z.string(),
      status: optionalNumber,
      outcome: z.enum(['delivered', 'failed', 'timeout', 'refused', 'gone', 'held']),
      latencyMs: optionalNumber,
      // A timed-out attempt records the numeric code of the DOMException that ended it.
      response: z.union([z.string(), z.number()]).optional(),
    }),
  ),
  createdAt: z.string(),
  deliveredAt: optionalString,
});
