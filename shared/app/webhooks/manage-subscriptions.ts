import { randomBytes, randomUUID } from 'node:crypto';
import type { Delivery, Subscription } from '../../adapters/webhook-store.ts';
import type { SubscriptionRequest } from '../../contracts/webhooks.ts';
import { DomainError } from '../../domain/common/errors.ts';
import { assertReceiverUrl, type ReceiverOptions } from '../../domain/webhooks/webhook-address.ts';
import { listedAttempt } from '../../domain/webhooks/webhooks.ts';
import type { Log } from '../officer-desk/act-on-dossier.ts';
import type { DeliveryMessage } from './deliver-webhook.ts';

/** An agency's subscriptions and their deliveries (every key is scoped to the agency). */
export interface SubscriptionStore {
  putSubscription(subscription: Subscription): Promise<void>;
  subscription(agencyCode: string, id: string): Promise<Subscription | undefined>;
  subscriptions(agencyCode: string): Promise<Subscription[]>;
  setState(agencyCode: string, id: string, state: Subscription['state']): Promise<void>;
  deliveries(agencyCode: string, subscriptionId: string): Promise<Delivery[]>;
  /** Starts a delivery's retry schedule again; false when there is no such delivery. */
  reopen(agencyCode: string, subscriptionId: string, eventId: string): Promise<boolean>;
}

export interface SubscriptionPorts {
  store: SubscriptionStore;
  queueDelivery(message: DeliveryMessage): Promise<void>;
  /** How a receiver's name is resolved and which private addresses it may still use. */
  receivers: ReceiverOptions;
  log: Pick<Log, 'info'>;
  now(): Date;
}

/** After a rotation the old secret still signs for a day, so receivers can switch without losing events. */
const ROTATION_OVERLAP_MS = 24 * 3600 * 1000;

const newSecret = () => `whsec_${randomBytes(32).toString('base64')}`;
const withoutSecrets = ({ secrets, ...subscription }: Subscription) => ({
  ...subscription,
  secrets: secrets.map((secret) => ({ validUntil: secret.validUntil ?? null })),
});
export const subscriptionNotFound = () =>
  new DomainError('NOT_FOUND', {
    vi: 'Không có đăng ký webhook này của đơn vị.',
    en: 'Your unit has no such webhook subscription.',
  });

/** Creates an active subscription to a public receiver; its secret is answered this once only. */
export async function createSubscription(
  ports: SubscriptionPorts,
  agencyCode: string,
  request: SubscriptionRequest,
) {
  await assertReceiverUrl(request.url, ports.receivers);
  const subscription: Subscription = {
    id: randomUUID(),
    agencyCode,
    url: request.url,
    eventTypes: request.eventTypes,
    ...(request.description ? { description: request.description } : {}),
    state: 'active',
    secrets: [{ secret: newSecret() }],
    createdAt: ports.now().toISOString(),
  };
  await ports.store.putSubscription(subscription);
  ports.log.info('webhook subscription created', { id: subscription.id, agency: agencyCode });
  return { ...withoutSecrets(subscription), secret: subscription.secrets[0]?.secret };
}

export async function listSubscriptions(ports: SubscriptionPorts, agencyCode: string) {
  return { items: (await ports.store.subscriptions(agencyCode)).map(withoutSecrets) };
}

/** The agency's own subscription with this id; any other is unknown to it. */
export async function subscriptionOf(
  ports: SubscriptionPorts,
  agencyCode: string,
  id: string | undefined,
): Promise<Subscription> {
  const subscription = id ? await ports.store.subscription(agencyCode, id) : undefined;
  if (!subscription) throw subscriptionNotFound();
  return subscription;
}

/** A new secret signs from now on; the previous ones keep signing until their overlap ends. */
export async function rotateSecret(ports: SubscriptionPorts, subscription: Subscription) {
  const now = ports.now().getTime();
  const secret = newSecret();
  const kept = subscription.secrets
    .filter((old) => !old.validUntil || Date.parse(old.validUntil) > now)
    .map((old) => ({
      secret: old.secret,
      validUntil: old.validUntil ?? new Date(now + ROTATION_OVERLAP_MS).toISOString(),
    }));
  await ports.store.putSubscription({ ...subscription, secrets: [{ secret }, ...kept] });
  return { id: subscription.id, secret, previousValidUntil: kept[0]?.validUntil ?? null };
}

export async function setSubscriptionState(
  ports: SubscriptionPorts,
  subscription: Subscription,
  { state }: { state: 'active' | 'paused' },
) {
  await ports.store.setState(subscription.agencyCode, subscription.id, state);
  return { id: subscription.id, state };
}

/** Every delivery with its attempts; a receiver's answer is kept only as a short excerpt of a success. */
export async function listDeliveries(ports: SubscriptionPorts, subscription: Subscription) {
  const deliveries = await ports.store.deliveries(subscription.agencyCode, subscription.id);
  return {
    items: deliveries.map((delivery) => ({ ...delivery, attempts: delivery.attempts.map(listedAttempt) })),
  };
}

/** Delivers an event again on a new retry schedule; its attempt log is kept. */
export async function replayDelivery(ports: SubscriptionPorts, subscription: Subscription, eventId: string) {
  const { agencyCode, id } = subscription;
  if (!(await ports.store.reopen(agencyCode, id, eventId))) throw subscriptionNotFound();
  // Reopened with no failure: a retry of the old schedule still queued is dropped as a copy.
  await ports.queueDelivery({ agencyCode, subscriptionId: id, eventId, attempt: 0 });
  return { id, eventId, status: 'pending' };
}
