import { systemResolver } from '../../shared/adapters/pinned-http.ts';
import { ReferenceStore } from '../../shared/adapters/reference-store.ts';
import { runtime } from '../../shared/adapters/runtime.ts';
import { enqueueDelivery } from '../../shared/adapters/webhook-queue.ts';
import { WebhookStore } from '../../shared/adapters/webhook-store.ts';
import {
  createSubscription,
  listDeliveries,
  listSubscriptions,
  replayDelivery,
  rotateSecret,
  setSubscriptionState,
  subscriptionNotFound,
  subscriptionOf,
} from '../../shared/app/webhooks/manage-subscriptions.ts';
import { loadEnv } from '../../shared/config/env.ts';
import { SubscriptionRequestSchema, SubscriptionStateSchema } from '../../shared/contracts/webhooks.ts';
import { httpEndpoint, parseJsonBody } from '../../shared/http/endpoint.ts';
import { officerRoleOf } from '../../shared/http/endpoint-spec.ts';
import { officerAuthFromEnv, officerOf } from '../../shared/http/officer-auth.ts';
import { officerUnit } from '../../shared/http/officer-unit.ts';
import { json } from '../../shared/http/responses.ts';
import { manageWebhooksSpec } from './manage.spec.ts';

const env = loadEnv(manageWebhooksSpec.env);
const reference = new ReferenceStore(env.REFERENCE_TABLE);
const receivers = { resolve: systemResolver, allowList: env.ALLOWED_PRIVATE_ADDRESSES };
const queueDelivery = enqueueDelivery.bind(null, env.DELIVERY_QUEUE_URL);
const ports = { ...runtime, store: new WebhookStore(env.WEBHOOKS_TABLE), queueDelivery, receivers };

const auth = officerAuthFromEnv(env, { requiredRole: officerRoleOf(manageWebhooksSpec) });

/** An agency's administrators manage its own subscriptions, one use case per route. */
export const handler = httpEndpoint(async (event) => {
  const { code } = await officerUnit(reference, officerOf(event));
  const route = `${event.httpMethod} ${event.resource.replace('/officer/webhooks', '')}`;
  if (route === 'POST ')
    return json(201, await createSubscription(ports, code, parseJsonBody(event, SubscriptionRequestSchema)));
  if (route === 'GET ') return json(200, await listSubscriptions(ports, code));
  const own = await subscriptionOf(ports, code, event.pathParameters?.id);
  if (route === 'POST /{id}/rotate') return json(200, await rotateSecret(ports, own));
  if (route === 'POST /{id}/state')
    return json(200, await setSubscriptionState(ports, own, parseJsonBody(event, SubscriptionStateSchema)));
  if (route === 'GET /{id}/deliveries') return json(200, await listDeliveries(ports, own));
  if (route !== 'POST /{id}/deliveries/{eventId}/replay') throw subscriptionNotFound();
  return json(202, await replayDelivery(ports, own, event.pathParameters?.eventId ?? ''));
}, auth);
