import { Webhook } from 'standardwebhooks';
import * as z from 'zod';
import type { Delivery, DeliveryAttempt, Subscription } from '../../adapters/webhook-store.ts';
import { nextRetryDelaySeconds, parseRetryAfter, type WebhookEvent } from '../../domain/webhooks/webhooks.ts';
import type { Log } from '../log.ts';

/**
 * A message of the delivery queue: one delivery, due at `notBefore` (epoch ms, as SQS delays at most
 * 15 minutes at a time) if set. `attempt` is the delivery's failure count the message was queued for
 * (0 for its first attempt): a message whose delivery has been attempted since is a copy and is
 * dropped. Messages without it (queued before it existed) are attempted as they come.
 */
export const DeliveryMessageSchema = z.object({
  agencyCode: z.string(),
  subscriptionId: z.string(),
  eventId: z.string(),
  notBefore: z.number().optional(),
  attempt: z.number().int().nonnegative().optional(),
});
export type DeliveryMessage = z.infer<typeof DeliveryMessageSchema>;

export type ReceiverAnswer =
  | { kind: 'refused'; reason: string }
  | { kind: 'answered'; status: number; retryAfter?: string; excerpt?: string; latencyMs: number }
  | { kind: 'error'; timedOut: boolean; code: string; latencyMs: number };

export interface DeliveryStore {
  delivery(agencyCode: string, subscriptionId: string, eventId: string): Promise<Delivery | undefined>;
  subscription(agencyCode: string, id: string): Promise<Subscription | undefined>;
  recordAttempt(
    delivery: Pick<Delivery, 'agencyCode' | 'subscriptionId' | 'event'>,
    attempt: DeliveryAttempt,
    status: Delivery['status'],
    failures: number,
  ): Promise<void>;
  setState(agencyCode: string, id: string, state: Subscription['state'], reason?: string): Promise<void>;
}

export interface DeliveryQueue {
  /** Queues the message again after `delaySeconds` (SQS waits at most 15 minutes; `notBefore` holds the rest). */
  enqueue(message: DeliveryMessage, delaySeconds: number): Promise<void>;
  /** What finally failed goes to the dead-letter queue, where an operator can look and replay. */
  park(message: DeliveryMessage, reason: string): Promise<void>;
}

export interface WebhookDeliveryPorts {
  store: DeliveryStore;
  queue: DeliveryQueue;
  /** POSTs to a receiver whose address passed the outbound checks, within `timeoutMs`. */
  post(
    url: string,
    request: {
      headers: Record<string, string>;
      body: string;
      timeoutMs: number;
    },
  ): Promise<ReceiverAnswer>;
  /** The citizens' base URL (ending in `/`), for the links in a payload. */
  baseUrl(): Promise<string>;
  retryScheduleSeconds: readonly number[];
  timeoutMs: number;
  log: Log;
  now(): Date;
  /** The retry delays' jitter. */
  random?: () => number;
  /** Told the outcome of each attempt (the deployment counts them as metrics). */
  attempted?: (outcome: DeliveryAttempt['outcome']) => void;
}

/** Signs with every current secret, so a receiver mid-rotation verifies with either. */
function signature(subscription: Subscription, id: string, at: Date, body: string): string {
  return subscription.secrets
    .filter((secret) => !secret.validUntil || Date.parse(secret.validUntil) > at.getTime())
    .map((secret) => new Webhook(secret.secret).sign(id, at, body))
    .join(' ');
}

async function payloadOf(ports: WebhookDeliveryPorts, event: WebhookEvent): Promise<string> {
  const base = await ports.baseUrl();
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
  ports: WebhookDeliveryPorts,
  subscription: Subscription,
  event: WebhookEvent,
): Promise<DeliveryAttempt & { retryAfter?: number }> {
  const at = ports.now();
  const body = await payloadOf(ports, event);
  const answer = await ports.post(subscription.url, {
    headers: {
      'content-type': 'application/json',
      'user-agent': 'motcua-webhooks/1',
      'webhook-id': event.id,
      'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
      'webhook-signature': signature(subscription, event.id, at, body),
    },
    body,
    timeoutMs: ports.timeoutMs,
  });
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
  const retryAfter = parseRetryAfter(answer.retryAfter, ports.now());
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
export async function deliverWebhook(ports: WebhookDeliveryPorts, message: DeliveryMessage): Promise<void> {
  const { store, queue } = ports;
  const wait = ((message.notBefore ?? 0) - ports.now().getTime()) / 1000;
  if (wait > 1) return queue.enqueue(message, wait);
  const delivery = await store.delivery(message.agencyCode, message.subscriptionId, message.eventId);
  if (!delivery || delivery.status === 'delivered' || delivery.status === 'failed') return;
  if (message.attempt !== undefined && message.attempt !== delivery.failures) {
    ports.log.info('webhook message already attempted', {
      eventId: message.eventId,
      subscriptionId: message.subscriptionId,
      attempt: message.attempt,
      failures: delivery.failures,
    });
    return;
  }
  const subscription = await store.subscription(message.agencyCode, message.subscriptionId);
  if (subscription?.state !== 'active') {
    const held: DeliveryAttempt = {
      at: ports.now().toISOString(),
      outcome: 'held',
      response: `subscription ${subscription?.state ?? 'deleted'}`,
    };
    return store.recordAttempt(delivery, held, 'held', delivery.failures);
  }
  const { retryAfter, ...result } = await attempt(ports, subscription, delivery.event);
  ports.log.info('webhook attempt', {
    eventId: message.eventId,
    subscriptionId: subscription.id,
    outcome: result.outcome,
    status: result.status,
    latencyMs: result.latencyMs,
  });
  ports.attempted?.(result.outcome);
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
    return queue.park(message, result.outcome);
  }
  const failures = delivery.failures + 1;
  const delay = nextRetryDelaySeconds(failures, ports.retryScheduleSeconds, retryAfter, ports.random);
  if (delay === undefined) {
    await store.recordAttempt(delivery, result, 'failed', failures);
    return queue.park(message, `gave up after ${failures} failed attempts`);
  }
  await store.recordAttempt(delivery, result, 'pending', failures);
  await queue.enqueue(
    { ...message, notBefore: ports.now().getTime() + delay * 1000, attempt: failures },
    delay,
  );
}
