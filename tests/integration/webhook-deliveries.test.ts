import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { type Delivery, WebhookStore } from '../../shared/adapters/webhook-store.ts';
import { dossierEvents } from '../../shared/domain/webhooks/webhooks.ts';
import { dataOutput } from '../support/deployment.ts';
import { storedDossier } from '../unit/app/dossier-fixture.ts';

/** A delivery of a fresh subscription, so that runs never meet each other's items. */
function pendingDelivery(): Delivery {
  const [event] = dossierEvents(undefined, { ...storedDossier({ status: 'submitted', version: 1 }) });
  if (!event) throw new Error('a new dossier makes an event');
  return {
    agencyCode: event.agencyCode,
    subscriptionId: `sub-${randomUUID()}`,
    event,
    status: 'pending',
    failures: 0,
    attempts: [],
    createdAt: new Date().toISOString(),
  };
}

const messageOf = (delivery: Delivery) => ({
  agencyCode: delivery.agencyCode,
  subscriptionId: delivery.subscriptionId,
  eventId: delivery.event.id,
});

describe('webhook deliveries withdrawn when their queueing fails (the Webhooks table)', () => {
  const store = () => new WebhookStore(dataOutput('WebhooksTableName'));

  it('removes a delivery nobody attempted, so the stream’s retry can create and queue it again', async () => {
    const delivery = pendingDelivery();
    expect(await store().createDelivery(delivery)).toBe(true);
    await store().withdrawDelivery(messageOf(delivery));
    expect(
      await store().delivery(delivery.agencyCode, delivery.subscriptionId, delivery.event.id),
    ).toBeUndefined();
    expect(await store().createDelivery(delivery)).toBe(true);
  });

  it('keeps a delivery a worker has attempted, whatever its outcome', async () => {
    for (const status of ['pending', 'delivered'] as const) {
      const delivery = pendingDelivery();
      await store().createDelivery(delivery);
      await store().recordAttempt(delivery, { at: new Date().toISOString(), outcome: 'failed' }, status, 1);
      await store().withdrawDelivery(messageOf(delivery));
      expect(
        await store().delivery(delivery.agencyCode, delivery.subscriptionId, delivery.event.id),
        status,
      ).toMatchObject({ status, attempts: [expect.objectContaining({ outcome: 'failed' })] });
    }
  });
});
