import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { Logger } from '@aws-lambda-powertools/logger';
import type { Context, SQSEvent, SQSRecord } from 'aws-lambda';
import { Webhook } from 'standardwebhooks';
import { postToReceiver, systemResolver } from '../../shared/adapters/pinned-http.ts';
import { publicBaseUrlFromParameter } from '../../shared/adapters/public-api.ts';
import {
  type DeliveryMessage,
  enqueueDelivery,
  MAX_SQS_DELAY_SECONDS,
  parkDelivery,
} from '../../shared/adapters/webhook-queue.ts';
import {
  type DeliveryAttempt,
  type Subscription,
  WebhookStore,
} from '../../shared/adapters/webhook-store.ts';
import { loadEnv, webhookDeliveryEnv } from '../../shared/config/env.ts';
import { nextRetryDelaySeconds, parseRetryAfter, type WebhookEvent } from '../../shared/domain/webhooks.ts';
import { BusinessMetric, count, observed } from '../../shared/observability.ts';

const env = loadEnv(webhookDeliveryEnv);
const logger = new Logger();
const store = new WebhookStore(env.WEBHOOKS_TABLE);
const processor = new BatchProcessor(EventType.SQS);
const baseUrl = publicBaseUrlFromParameter(env.PUBLIC_API_PARAMETER, env);

/** Signs with every current secret, so a receiver mid-rotation verifies with either. */
function signature(subscription: Subscription, id: string, at: Date, body: string): string {
  return subscription.secrets
    .filter((secret) => !secret.validUntil || Date.parse(secret.validUntil) > at.getTime())
    .map((secret) => new Webhook(secret.secret).sign(id, at, body))
    .join(' ');
}

async function payloadOf(event: WebhookEvent): Promise<string> {
  const base = await baseUrl();
  const code = event.data.dossierCode;
  const links =
    typeof code === 'string'
      ? {
          dossier: `${base}dossiers/${encodeURIComponent(code)}`,
          verify: `${base}verify?code=${encodeURIComponent(code)}`,
        }
      : {};
  return JSON.stringify({ type: event.type, timestamp: event.occurredAt, data: { ...event.data, links } });
}

/** 2xx is delivered, 410 disables the subscription, anything else (a 3xx too: redirects are not followed) failed. */
const outcomeOf = (status: number): DeliveryAttempt['outcome'] =>
  status >= 200 && status < 300 ? 'delivered' : status === 410 ? 'gone' : 'failed';

async function attempt(
  subscription: Subscription,
  event: WebhookEvent,
): Promise<DeliveryAttempt & { retryAfter?: number }> {
  const at = new Date();
  const body = await payloadOf(event);
  const answer = await postToReceiver(
    subscription.url,
    {
      headers: {
        'content-type': 'application/json',
        'user-agent': 'motcua-webhooks/1',
        'webhook-id': event.id,
        'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
        'webhook-signature': signature(subscription, event.id, at, body),
      },
      body,
      timeoutMs: env.TIMEOUT_MS,
    },
    { resolve: systemResolver, allowList: env.ALLOWED_PRIVATE_ADDRESSES },
  );
  const when = at.toISOString();
  if (answer.kind === 'refused')
    return { at: when, outcome: 'refused', response: `refused: ${answer.reason}` };
  if (answer.kind === 'error')
    return {
      at: when,
      outcome: answer.timedOut ? 'timeout' : 'failed',
      latencyMs: answer.latencyMs,
      response: answer.code,
    };
  const retryAfter = parseRetryAfter(answer.retryAfter, new Date());
  return {
    at: when,
    status: answer.status,
    outcome: outcomeOf(answer.status),
    latencyMs: answer.latencyMs,
    ...(answer.excerpt !== undefined ? { response: answer.excerpt } : {}),
    ...(retryAfter ? { retryAfter } : {}),
  };
}

/** One attempt per message; a failure schedules the next one (≈ 3 days in all), then the DLQ. */
async function deliver(record: SQSRecord): Promise<void> {
  const message = JSON.parse(record.body) as DeliveryMessage;
  const wait = ((message.notBefore ?? 0) - Date.now()) / 1000;
  if (wait > 1)
    return enqueueDelivery(env.DELIVERY_QUEUE_URL, message, Math.min(wait, MAX_SQS_DELAY_SECONDS));
  const delivery = await store.delivery(message.agencyCode, message.subscriptionId, message.eventId);
  if (!delivery || delivery.status === 'delivered' || delivery.status === 'failed') return;
  const subscription = await store.subscription(message.agencyCode, message.subscriptionId);
  if (subscription?.state !== 'active') {
    const held: DeliveryAttempt = {
      at: new Date().toISOString(),
      outcome: 'held',
      response: `subscription ${subscription?.state ?? 'deleted'}`,
    };
    return store.recordAttempt(delivery, held, 'held', delivery.failures);
  }
  const { retryAfter, ...result } = await attempt(subscription, delivery.event);
  logger.info('webhook attempt', {
    eventId: message.eventId,
    subscriptionId: subscription.id,
    outcome: result.outcome,
    status: result.status,
    latencyMs: result.latencyMs,
  });
  count(result.outcome === 'delivered' ? BusinessMetric.WebhookDelivered : BusinessMetric.WebhookFailed);
  if (result.outcome === 'delivered')
    return store.recordAttempt(delivery, result, 'delivered', delivery.failures);
  if (result.outcome === 'gone' || result.outcome === 'refused') {
    if (result.outcome === 'gone')
      await store.setState(
        subscription.agencyCode,
        subscription.id,
        'disabled',
        'receiver answered 410 Gone',
      );
    await store.recordAttempt(delivery, result, 'failed', delivery.failures + 1);
    return parkDelivery(env.DELIVERY_DLQ_URL, message, result.outcome);
  }
  const failures = delivery.failures + 1;
  const delay = nextRetryDelaySeconds(failures, env.RETRY_SCHEDULE_SECONDS, retryAfter);
  if (delay === undefined) {
    await store.recordAttempt(delivery, result, 'failed', failures);
    return parkDelivery(env.DELIVERY_DLQ_URL, message, `gave up after ${failures} failed attempts`);
  }
  await store.recordAttempt(delivery, result, 'pending', failures);
  await enqueueDelivery(
    env.DELIVERY_QUEUE_URL,
    { ...message, notBefore: Date.now() + delay * 1000 },
    Math.min(delay, MAX_SQS_DELAY_SECONDS),
  );
}

export const handler = observed(async (event: SQSEvent, context: Context) => {
  logger.addContext(context);
  return processPartialResponse(event, deliver, processor, { context });
});
