import { randomBytes, randomUUID } from 'node:crypto';
import type { APIGatewayProxyEvent } from 'aws-lambda';
import { systemResolver } from '../../shared/adapters/pinned-http.ts';
import { ReferenceStore } from '../../shared/adapters/reference-store.ts';
import { enqueueDelivery } from '../../shared/adapters/webhook-queue.ts';
import { type Subscription, WebhookStore } from '../../shared/adapters/webhook-store.ts';
import { loadEnv } from '../../shared/config/env.ts';
import { SubscriptionRequestSchema, SubscriptionStateSchema } from '../../shared/contracts/webhooks.ts';
import { DomainError } from '../../shared/domain/errors.ts';
import { assertReceiverUrl } from '../../shared/domain/webhook-address.ts';
import { listedAttempt } from '../../shared/domain/webhooks.ts';
import { httpEndpoint, logger, parseJsonBody } from '../../shared/http/endpoint.ts';
import { officerRoleOf } from '../../shared/http/endpoint-spec.ts';
import { officerAuthFromEnv, officerOf } from '../../shared/http/officer-auth.ts';
import { officerUnit } from '../../shared/http/officer-unit.ts';
import { json } from '../../shared/http/responses.ts';
import { manageWebhooksSpec } from './manage.spec.ts';

const env = loadEnv(manageWebhooksSpec.env);
const store = new WebhookStore(env.WEBHOOKS_TABLE);
const reference = new ReferenceStore(env.REFERENCE_TABLE);
/** After a rotation the old secret still signs for a day, so receivers can switch without losing events. */
const ROTATION_OVERLAP_MS = 24 * 3600 * 1000;

const newSecret = () => `whsec_${randomBytes(32).toString('base64')}`;
const withoutSecrets = ({ secrets, ...subscription }: Subscription) => ({
  ...subscription,
  secrets: secrets.map((secret) => ({ validUntil: secret.validUntil ?? null })),
});
const notFound = () =>
  new DomainError('NOT_FOUND', {
    vi: 'Không có đăng ký webhook này của đơn vị.',
    en: 'Your unit has no such webhook subscription.',
  });

/**
 * An agency's operators manage its own subscriptions: create (the secret is shown once), list, pause
 * or resume, rotate the secret, read every delivery attempt, and replay a delivery.
 */
export const handler = httpEndpoint(
  async (event: APIGatewayProxyEvent) => {
    const unit = await officerUnit(reference, officerOf(event));
    const id = event.pathParameters?.id;
    const route = `${event.httpMethod} ${event.resource}`;
    if (route === 'POST /officer/webhooks') {
      const request = parseJsonBody(event, SubscriptionRequestSchema);
      await assertReceiverUrl(request.url, {
        resolve: systemResolver,
        allowList: env.ALLOWED_PRIVATE_ADDRESSES,
      });
      const subscription: Subscription = {
        id: randomUUID(),
        agencyCode: unit.code,
        url: request.url,
        eventTypes: request.eventTypes,
        ...(request.description ? { description: request.description } : {}),
        state: 'active',
        secrets: [{ secret: newSecret() }],
        createdAt: new Date().toISOString(),
      };
      await store.putSubscription(subscription);
      logger.info('webhook subscription created', { id: subscription.id, agency: unit.code });
      return json(201, { ...withoutSecrets(subscription), secret: subscription.secrets[0]?.secret });
    }
    if (route === 'GET /officer/webhooks')
      return json(200, { items: (await store.subscriptions(unit.code)).map(withoutSecrets) });
    const subscription = id ? await store.subscription(unit.code, id) : undefined;
    if (!subscription) throw notFound();
    switch (route) {
      case 'POST /officer/webhooks/{id}/rotate': {
        const now = Date.now();
        const secret = newSecret();
        const kept = subscription.secrets
          .filter((old) => !old.validUntil || Date.parse(old.validUntil) > now)
          .map((old) => ({
            secret: old.secret,
            validUntil: old.validUntil ?? new Date(now + ROTATION_OVERLAP_MS).toISOString(),
          }));
        await store.putSubscription({ ...subscription, secrets: [{ secret }, ...kept] });
        return json(200, { id: subscription.id, secret, previousValidUntil: kept[0]?.validUntil ?? null });
      }
      case 'POST /officer/webhooks/{id}/state': {
        const { state } = parseJsonBody(event, SubscriptionStateSchema);
        await store.setState(unit.code, subscription.id, state);
        return json(200, { id: subscription.id, state });
      }
      case 'GET /officer/webhooks/{id}/deliveries':
        return json(200, {
          items: (await store.deliveries(unit.code, subscription.id)).map((delivery) => ({
            ...delivery,
            attempts: delivery.attempts.map(listedAttempt),
          })),
        });
      case 'POST /officer/webhooks/{id}/deliveries/{eventId}/replay': {
        const eventId = event.pathParameters?.eventId ?? '';
        if (!(await store.reopen(unit.code, subscription.id, eventId))) throw notFound();
        await enqueueDelivery(env.DELIVERY_QUEUE_URL, {
          agencyCode: unit.code,
          subscriptionId: subscription.id,
          eventId,
        });
        return json(202, { id: subscription.id, eventId, status: 'pending' });
      }
      default:
        throw notFound();
    }
  },
  officerAuthFromEnv(env, { requiredRole: officerRoleOf(manageWebhooksSpec) }),
);
