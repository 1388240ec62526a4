import type { Delivery, Subscription } from '../../adapters/webhook-store.ts';
import {
  documentEvents,
  dossierEvents,
  kpiStreamEvents,
  type WebhookEvent,
} from '../../domain/webhooks/webhooks.ts';
import type { Log } from '../log.ts';
import type { DeliveryMessage } from './deliver-webhook.ts';

/** One change of a watched table, as its stream tells it. */
export interface TableChange {
  table: string | undefined;
  before: Record<string, unknown> | undefined;
  after: Record<string, unknown> | undefined;
}

export interface DispatchPorts {
  store: {
    subscriptions(agencyCode: string): Promise<Subscription[]>;
    /** Creates the delivery once per subscription and event; false when it exists already. */
    createDelivery(delivery: Delivery): Promise<boolean>;
    /** Removes a delivery whose queueing failed, unless a worker has attempted it meanwhile. */
    withdrawDelivery(message: DeliveryMessage): Promise<void>;
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

/**
 * Queues the deliveries just created. If the queue refuses them, they are withdrawn before the
 * record fails: its retry then creates and queues them again, where a delivery left behind would
 * have been skipped as created already and never sent.
 */
async function queueOrWithdraw(ports: DispatchPorts, messages: readonly DeliveryMessage[]) {
  try {
    await ports.enqueue(messages);
  } catch (error) {
    await Promise.all(messages.map((message) => ports.store.withdrawDelivery(message)));
    throw error;
  }
}

/**
 * The dispatcher of one stream batch: each dossier, document or published KPI change becomes events
 * and one delivery per matching active subscription. A delivery is created once per subscription
 * and event, so a stream redelivery queues nothing twice; one whose queueing failed is withdrawn, so
 * the redelivery queues it. An agency's subscriptions are read once per batch, however many of its
 * changes the batch holds.
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
      for (const subscription of subscribers) {
        const created = await ports.store.createDelivery({
          agencyCode: event.agencyCode,
          subscriptionId: subscription.id,
          event,
          status: 'pending',
          failures: 0,
          attempts: [],
          createdAt: ports.now().toISOString(),
        });
        if (created)
          messages.push({ agencyCode: event.agencyCode, subscriptionId: subscription.id, eventId: event.id });
      }
      await queueOrWithdraw(ports, messages);
      if (messages.length > 0)
        ports.log.info('webhook event', { eventId: event.id, type: event.type, deliveries: messages.length });
    }
  };
}
