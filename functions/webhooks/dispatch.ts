import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { Logger } from '@aws-lambda-powertools/logger';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { Context, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { loggingFailures, streamRecord } from '../../shared/adapters/failure-log.ts';
import { type DeliveryMessage, enqueueDeliveries } from '../../shared/adapters/webhook-queue.ts';
import { type Subscription, WebhookStore } from '../../shared/adapters/webhook-store.ts';
import { loadEnv, webhookDispatchEnv } from '../../shared/config/env.ts';
import {
  documentEvents,
  dossierEvents,
  kpiStreamEvents,
  type WebhookEvent,
} from '../../shared/domain/webhooks.ts';

const env = loadEnv(webhookDispatchEnv);
const logger = new Logger();
const store = new WebhookStore(env.WEBHOOKS_TABLE);
const processor = new BatchProcessor(EventType.DynamoDBStreams);

const image = (value: Record<string, unknown> | undefined) =>
  value ? unmarshall(value as Record<string, AttributeValue>) : undefined;

function eventsOf(record: DynamoDBRecord): WebhookEvent[] {
  const before = image(record.dynamodb?.OldImage as Record<string, unknown> | undefined);
  const after = image(record.dynamodb?.NewImage as Record<string, unknown> | undefined);
  const table = record.eventSourceARN?.split('/')[1];
  if (table === env.DOSSIERS_TABLE) return dossierEvents(before as never, after as never);
  if (table === env.DOCUMENTS_TABLE && String(after?.sk ?? '').startsWith('to#'))
    return documentEvents(before as never, after as never);
  if (table === env.KPI_TABLE) return kpiStreamEvents(before, after);
  return [];
}

type SubscriptionsOf = (agencyCode: string) => Promise<Subscription[]>;

/** An agency's subscriptions read once per batch, however many of its changes the batch holds. */
function subscriptionsOfBatch(): SubscriptionsOf {
  const read = new Map<string, Promise<Subscription[]>>();
  return (agencyCode) => {
    let subscriptions = read.get(agencyCode);
    if (!subscriptions) {
      subscriptions = store.subscriptions(agencyCode);
      // A failed read is not kept: the record's retry reads again.
      subscriptions.catch(() => read.delete(agencyCode));
      read.set(agencyCode, subscriptions);
    }
    return subscriptions;
  };
}

/**
 * Turns each dossier, document or published KPI change into events and one delivery per matching
 * active subscription. A delivery is created once per subscription and event, so a stream
 * redelivery queues nothing twice.
 */
async function dispatch(record: DynamoDBRecord, subscriptionsOf: SubscriptionsOf): Promise<void> {
  for (const event of eventsOf(record)) {
    const subscribers = (await subscriptionsOf(event.agencyCode)).filter(
      (subscription: Subscription) =>
        subscription.state === 'active' && subscription.eventTypes.includes(event.type),
    );
    const messages: DeliveryMessage[] = [];
    for (const subscription of subscribers) {
      const created = await store.createDelivery({
        agencyCode: event.agencyCode,
        subscriptionId: subscription.id,
        event,
        status: 'pending',
        failures: 0,
        attempts: [],
        createdAt: new Date().toISOString(),
      });
      if (created)
        messages.push({ agencyCode: event.agencyCode, subscriptionId: subscription.id, eventId: event.id });
    }
    await enqueueDeliveries(env.DELIVERY_QUEUE_URL, messages);
    if (messages.length > 0)
      logger.info('webhook event', { eventId: event.id, type: event.type, deliveries: messages.length });
  }
}

export const handler = async (event: DynamoDBStreamEvent, context: Context) => {
  logger.addContext(context);
  const subscriptionsOf = subscriptionsOfBatch();
  const work = loggingFailures(logger, streamRecord, (record: DynamoDBRecord) =>
    dispatch(record, subscriptionsOf),
  );
  return processPartialResponse(event, work, processor, { context });
};
