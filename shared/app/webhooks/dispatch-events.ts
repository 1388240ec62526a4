import type { Delivery, Subscription } from '../../adapters/webhook-store.ts';
import {
  documentEvents,
  dossierEvents,
  kpiStreamEvents,
  type WebhookEvent,
} from '../../domain/webhooks/webhooks.ts';
import type { Log } from '../log.ts';
import type { TableChange } from '../table-change.ts';
import type { DeliveryMessage } from './deliver-webhook.ts';

export interface DispatchPorts {
  store: {
    subscriptions(agencyCode: string): Promise<Subscription[]>;
    /** Creates the delivery once per subscription and event; false when it exists already. */
    createDelivery(delivery: Delivery): Promise<boolean>;
    delivery(agencyCode: string, subscriptionId: string, eventId: string): Promise<Delivery | undefined>;
  };
  /** Queues the deliveries for their first attempt. */
  enqueue(messages: readonly DeliveryMessage[]): Promise<void>;
  tables: { dossiers: string; documents: string; kpi: string };
  log: Log;
  now(): Date;
}

function eventsOf(ports: DispatchPorts, { table, before, after }: TableChange): WebhookEvent[] {
  // Stream images are the tables' items; the domain functions check the fields they read.
  if (table === ports.tables.dossiers) return dossierEvents(before, after);
  if (table === ports.tables.documents && String(after?.sk ?? '').startsWith('to#'))
    return documentEvents(before, after);
  if (table === ports.tables.kpi) return kpiStreamEvents(before, after);
  return [];
}

const neverAttempted = (delivery: Delivery | undefined) =>
  delivery?.status === 'pending' && delivery.attempts.length === 0;

/**
 * The dispatcher of one stream batch: each dossier, document or published KPI change becomes events
 * and one delivery per matching active subscription, created once per subscription and event and
 * queued for its first attempt (`attempt` 0). When a record comes again (its queueing failed, or the
 * invocation died between creating a delivery and queueing it, or a record before it failed), a
 * delivery never attempted is queued again: nothing created is left unsent. A copy of a message
 * already queued is dropped by the worker once the delivery has been attempted (see `attempt`); the
 * one left is two copies of a first attempt taken at the same moment, which the receiver tells apart
 * by `webhook-id`. An agency's subscriptions are read once per batch, however many of its changes
 * the batch holds.
 */
export function eventDispatcher(ports: DispatchPorts): (change: TableChange) => Promise<void> {
  const read = new Map<string, Promise<Subscription[]>>();
  const subscriptionsOf = (agencyCode: string) => {
    let subscriptions = read.get(agencyCode);
    if (!subscriptions) {
      subscriptions = ports.store.subscriptions(agencyCode);
      // A failed read is not kept: the record's retry reads again.
      subscriptions.catch(() => read.delete(agencyCode));
      read.set(agencyCode, subscriptions);
    }
    return subscriptions;
  };
  return async (change) => {
    for (const event of eventsOf(ports, change)) {
      const subscribers = (await subscriptionsOf(event.agencyCode)).filter(
        (subscription) => subscription.state === 'active' && subscription.eventTypes.includes(event.type),
      );
      const messages: DeliveryMessage[] = [];
      let again = 0;
      for (const subscription of subscribers) {
        const key = { agencyCode: event.agencyCode, subscriptionId: subscription.id };
        const created = await ports.store.createDelivery({
          ...key,
          event,
          status: 'pending',
          failures: 0,
          attempts: [],
          createdAt: ports.now().toISOString(),
        });
        if (
          !created &&
          !neverAttempted(await ports.store.delivery(key.agencyCode, key.subscriptionId, event.id))
        )
          continue;
        messages.push({ ...key, eventId: event.id, attempt: 0 });
        if (!created) again += 1;
      }
      await ports.enqueue(messages);
      if (messages.length > 0)
        ports.log.info('webhook event', {
          eventId: event.id,
          type: event.type,
          deliveries: messages.length,
          ...(again > 0 ? { queuedAgain: again } : {}),
        });
    }
  };
}
