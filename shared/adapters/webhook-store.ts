import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type * as z from 'zod';
import type { WebhookEventType } from '../contracts/webhooks.ts';
import type { WebhookEvent } from '../domain/webhooks/webhooks.ts';
import { documentClient, itemsWithPrefix } from './dynamodb.ts';
import { parseOptionalItem } from './parse-item.ts';
import { StoredDeliverySchema, StoredSubscriptionSchema } from './stored-webhook-items.ts';

export interface WebhookSecret {
  secret: string;
  /** Set when a newer secret replaced this one: deliveries are signed with both until then. */
  validUntil?: string;
}

export interface Subscription {
  id: string;
  agencyCode: string;
  url: string;
  eventTypes: WebhookEventType[];
  description?: string;
  state: 'active' | 'paused' | 'disabled';
  disabledReason?: string;
  secrets: WebhookSecret[];
  createdAt: string;
}

export interface DeliveryAttempt {
  at: string;
  status?: number;
  outcome: 'delivered' | 'failed' | 'timeout' | 'refused' | 'gone' | 'held';
  latencyMs?: number;
  /**
   * A short excerpt of a 2xx body, or why no answer came (a refusal, a transport error code: a number
   * when the request was aborted on time-out).
   */
  response?: string | number;
}

export interface Delivery {
  agencyCode: string;
  subscriptionId: string;
  event: WebhookEvent;
  status: 'pending' | 'delivered' | 'failed' | 'held';
  failures: number;
  attempts: DeliveryAttempt[];
  createdAt: string;
  deliveredAt?: string;
}

const agencyKey = (agencyCode: string) => `agency#${agencyCode}`;
const subscriptionKey = (id: string) => `sub#${id}`;
const deliveryKey = (subscriptionId: string, eventId: string) => `delivery#${subscriptionId}#${eventId}`;

/**
 * Subscriptions, deliveries with every attempt, and inbound message ids, in one table partitioned by
 * agency: an agency's systems are managed and audited together.
 */
export class WebhookStore {
  constructor(readonly tableName: string) {}

  async putSubscription(subscription: Subscription): Promise<void> {
    await documentClient.send(
      new PutCommand({
        TableName: this.tableName,
        Item: {
          pk: agencyKey(subscription.agencyCode),
          sk: subscriptionKey(subscription.id),
          ...subscription,
        },
      }),
    );
  }

  async subscription(agencyCode: string, id: string): Promise<Subscription | undefined> {
    const result = await documentClient.send(
      new GetCommand({
        TableName: this.tableName,
        Key: { pk: agencyKey(agencyCode), sk: subscriptionKey(id) },
        ConsistentRead: true,
      }),
    );
    return parseOptionalItem(StoredSubscriptionSchema, result.Item, this.tableName);
  }

  async subscriptions(agencyCode: string): Promise<Subscription[]> {
    return this.query(StoredSubscriptionSchema, agencyKey(agencyCode), 'sub#');
  }

  async setState(
    agencyCode: string,
    id: string,
    state: Subscription['state'],
    reason?: string,
  ): Promise<void> {
    await documentClient.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: { pk: agencyKey(agencyCode), sk: subscriptionKey(id) },
        UpdateExpression: reason
          ? 'SET #state = :state, disabledReason = :reason'
          : 'SET #state = :state REMOVE disabledReason',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeNames: { '#state': 'state' },
        ExpressionAttributeValues: { ':state': state, ...(reason ? { ':reason': reason } : {}) },
      }),
    );
  }

  /** Creates the delivery once per subscription and event; false when a redelivered event already has it. */
  async createDelivery(delivery: Delivery): Promise<boolean> {
    try {
      await documentClient.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            pk: agencyKey(delivery.agencyCode),
            sk: deliveryKey(delivery.subscriptionId, delivery.event.id),
            ...delivery,
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  async delivery(agencyCode: string, subscriptionId: string, eventId: string): Promise<Delivery | undefined> {
    const result = await documentClient.send(
      new GetCommand({
        TableName: this.tableName,
        Key: { pk: agencyKey(agencyCode), sk: deliveryKey(subscriptionId, eventId) },
        ConsistentRead: true,
      }),
    );
    return parseOptionalItem(StoredDeliverySchema, result.Item, this.tableName);
  }

  async deliveries(agencyCode: string, subscriptionId: string): Promise<Delivery[]> {
    return this.query(StoredDeliverySchema, agencyKey(agencyCode), `delivery#${subscriptionId}#`);
  }

  async recordAttempt(
    delivery: Pick<Delivery, 'agencyCode' | 'subscriptionId' | 'event'>,
    attempt: DeliveryAttempt,
    status: Delivery['status'],
    failures: number,
  ): Promise<void> {
    await documentClient.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: {
          pk: agencyKey(delivery.agencyCode),
          sk: deliveryKey(delivery.subscriptionId, delivery.event.id),
        },
        UpdateExpression:
          'SET attempts = list_append(attempts, :attempt), #status = :status, failures = :failures' +
          (status === 'delivered' ? ', deliveredAt = :at' : ''),
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: {
          ':attempt': [attempt],
          ':status': status,
          ':failures': failures,
          ...(status === 'delivered' ? { ':at': attempt.at } : {}),
        },
      }),
    );
  }

  /** An operator's replay: the delivery starts a new retry schedule, its attempt log is kept. */
  async reopen(agencyCode: string, subscriptionId: string, eventId: string): Promise<boolean> {
    try {
      await documentClient.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { pk: agencyKey(agencyCode), sk: deliveryKey(subscriptionId, eventId) },
          UpdateExpression: 'SET #status = :pending, failures = :zero',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':pending': 'pending', ':zero': 0 },
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  /** Remembers an inbound `webhook-id` for longer than signatures stay valid; false if already seen. */
  async rememberInbound(agencyCode: string, webhookId: string, now: Date): Promise<boolean> {
    try {
      await documentClient.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            pk: `inbound#${agencyCode}`,
            sk: webhookId,
            receivedAt: now.toISOString(),
            expiresAt: Math.floor(now.getTime() / 1000) + 24 * 3600,
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  private query<S extends z.ZodType>(schema: S, pk: string, prefix: string): Promise<z.output<S>[]> {
    return itemsWithPrefix(schema, this.tableName, pk, prefix);
  }
}
