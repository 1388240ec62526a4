import * as z from 'zod';
import { allowedPrivateAddresses, name, officerPoolVariables } from '../../shared/config/env.ts';
import { SubscriptionRequestSchema, SubscriptionStateSchema } from '../../shared/contracts/webhooks.ts';
import { apiFunction, type EndpointSpec } from '../../shared/http/endpoint-spec.ts';
import { jsonContent, notFound, officerErrors } from '../../shared/http/openapi.ts';

const administrator = { kind: 'officer', role: 'quan_tri' } as const satisfies EndpointSpec['access'];
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
    {
      method: 'POST',
      path: '/officer/webhooks',
      access: administrator,
      operation: {
        summary: 'Subscribe an agency system to events (the secret is returned once)',
        requestBody: { content: jsonContent(SubscriptionRequestSchema) },
        responses: { '201': { description: 'Subscription with its secret' }, ...officerErrors },
      },
    },
    {
      method: 'GET',
      path: '/officer/webhooks',
      access: administrator,
      operation: {
        summary: 'The agency’s subscriptions (without secrets)',
        responses: { '200': { description: 'Subscriptions' }, ...officerErrors },
      },
    },
    {
      method: 'POST',
      path: '/officer/webhooks/{id}/rotate',
      access: administrator,
      operation: {
        summary: 'New secret; the old one keeps signing for 24 hours',
        requestParams: subscriptionId,
        responses: { '200': { description: 'The new secret' }, ...officerErrors, ...subscriptionNotFound },
      },
    },
    {
      method: 'POST',
      path: '/officer/webhooks/{id}/state',
      access: administrator,
      operation: {
        summary: 'Pause or resume a subscription',
        requestParams: subscriptionId,
        requestBody: { content: jsonContent(SubscriptionStateSchema) },
        responses: { '200': { description: 'New state' }, ...officerErrors, ...subscriptionNotFound },
      },
    },
    {
      method: 'GET',
      path: '/officer/webhooks/{id}/deliveries',
      access: administrator,
      operation: {
        summary: 'Every delivery with each attempt (status, latency, answer)',
        requestParams: subscriptionId,
        responses: { '200': { description: 'Deliveries' }, ...officerErrors, ...subscriptionNotFound },
      },
    },
    {
      method: 'POST',
      path: '/officer/webhooks/{id}/deliveries/{eventId}/replay',
      access: administrator,
      operation: {
        summary: 'Deliver an event again, with a new retry schedule',
        requestParams: { path: z.object({ id: z.string(), eventId: z.string() }) },
        responses: { '202': { description: 'Queued' }, ...officerErrors, ...subscriptionNotFound },
      },
    },
  ],
});
