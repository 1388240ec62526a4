import * as z from 'zod';
import { allowedPrivateAddresses, name, officerPoolVariables } from '../../shared/config/env.ts';
import { SubscriptionRequestSchema, SubscriptionStateSchema } from '../../shared/contracts/webhooks.ts';
import { apiFunction } from '../../shared/http/endpoint-spec.ts';
import { notFound, officerRoute } from '../../shared/http/openapi.ts';

const subscriptionNotFound = notFound('Not a subscription of the officer’s agency');
const subscriptionId = { path: z.object({ id: z.string() }) };

export const manageWebhooksSpec = apiFunction({
  id: 'ManageWebhooks',
  handler: 'webhooks/manage.ts',
  description: 'Webhook subscriptions of the operator’s agency: create, rotate, pause, attempts, replay',
  env: z.object({
    WEBHOOKS_TABLE: name,
    DELIVERY_QUEUE_URL: name,
    REFERENCE_TABLE: name,
    ALLOWED_PRIVATE_ADDRESSES: allowedPrivateAddresses,
    ...officerPoolVariables,
  }),
  permissions: ['webhooks:readWrite', 'reference:read', 'webhookDeliveryQueue:send', 'officers:lookup'],
  endpoints: [
    officerRoute('POST', '/officer/webhooks', {
      role: 'quan_tri',
      summary: 'Subscribe an agency system to events (the secret is returned once)',
      body: SubscriptionRequestSchema,
      responses: { '201': { description: 'Subscription with its secret' } },
    }),
    officerRoute('GET', '/officer/webhooks', {
      role: 'quan_tri',
      summary: 'The agency’s subscriptions (without secrets)',
      responses: { '200': { description: 'Subscriptions' } },
    }),
    officerRoute('POST', '/officer/webhooks/{id}/rotate', {
      role: 'quan_tri',
      summary: 'New secret; the old one keeps signing for 24 hours',
      params: subscriptionId,
      responses: { '200': { description: 'The new secret' }, ...subscriptionNotFound },
    }),
    officerRoute('POST', '/officer/webhooks/{id}/state', {
      role: 'quan_tri',
      summary: 'Pause or resume a subscription',
      params: subscriptionId,
      body: SubscriptionStateSchema,
      responses: { '200': { description: 'New state' }, ...subscriptionNotFound },
    }),
    officerRoute('GET', '/officer/webhooks/{id}/deliveries', {
      role: 'quan_tri',
      summary: 'Every delivery with each attempt (status, latency, answer)',
      params: subscriptionId,
      responses: { '200': { description: 'Deliveries' }, ...subscriptionNotFound },
    }),
    officerRoute('POST', '/officer/webhooks/{id}/deliveries/{eventId}/replay', {
      role: 'quan_tri',
      summary: 'Deliver an event again, with a new retry schedule',
      params: { path: z.object({ id: z.string(), eventId: z.string() }) },
      responses: { '202': { description: 'Queued' }, ...subscriptionNotFound },
    }),
  ],
});
