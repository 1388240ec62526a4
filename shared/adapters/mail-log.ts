import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import { documentClient } from './dynamodb.ts';
import { parseOptionalItem } from './parse-item.ts';

const StoredSendSchema = z.looseObject({
  state: z.string(),
  messageId: z.string().optional(),
  finishedAt: z.string().optional(),
});

const StoredMailMessageSchema = z.looseObject({
  key: z.string().optional(),
  events: z.array(z.looseObject({ type: z.string(), at: z.string() })),
});

/**
 * How long a claimed send may stay unfinished before another delivery of the message retries it.
 * The sender times out after 30 s at most, so a claim this old belongs to a sender that died.
 */
export const CLAIM_TIMEOUT_MS = 2 * 60_000;

export type ClaimResult = 'claimed' | 'already-sent' | 'in-progress';

/**
 * The Mail table: `send#<key>` (one per dossier, template, recipient), `suppressed#<address>`
 * (bounces and complaints) and `message#<SES id>` (delivery events).
 */
export class MailLog {
  constructor(private readonly tableName: string) {}

  async claim(key: string, now = new Date()): Promise<ClaimResult> {
    try {
      await documentClient.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { pk: `send#${key}`, state: 'sending', claimedAt: now.toISOString() },
          ConditionExpression: 'attribute_not_exists(pk) OR (#state = :sending AND claimedAt < :stale)',
          ExpressionAttributeNames: { '#state': 'state' },
          ExpressionAttributeValues: {
            ':sending': 'sending',
            ':stale': new Date(now.getTime() - CLAIM_TIMEOUT_MS).toISOString(),
          },
        }),
      );
      return 'claimed';
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      const existing = await this.get(`send#${key}`);
      return existing?.state === 'sending' ? 'in-progress' : 'already-sent';
    }
  }

  async release(key: string): Promise<void> {
    await documentClient.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: { pk: `send#${key}` },
        UpdateExpression: 'SET claimedAt = :long_ago',
        ExpressionAttributeValues: { ':long_ago': new Date(0).toISOString() },
      }),
    );
  }

  async finish(key: string, state: 'sent' | 'suppressed' | 'skipped', messageId?: string): Promise<void> {
    await documentClient.send(
      new PutCommand({
        TableName: this.tableName,
        Item: { pk: `send#${key}`, state, messageId, finishedAt: new Date().toISOString() },
      }),
    );
    if (messageId) {
      await documentClient.send(
        new PutCommand({ TableName: this.tableName, Item: { pk: `message#${messageId}`, key, events: [] } }),
      );
    }
  }

  async outcome(
    key: string,
  ): Promise<{ state: string; messageId?: string | undefined; finishedAt?: string | undefined } | undefined> {
    const item = parseOptionalItem(StoredSendSchema, await this.get(`send#${key}`), this.tableName);
    return item?.state === 'sending' ? undefined : item;
  }

  async isSuppressed(address: string): Promise<boolean> {
    return (await this.get(`suppressed#${address.toLowerCase()}`)) !== undefined;
  }

  async suppress(address: string, reason: string, at: string): Promise<void> {
    await documentClient.send(
      new PutCommand({
        TableName: this.tableName,
        Item: { pk: `suppressed#${address.toLowerCase()}`, reason, at },
      }),
    );
  }

  /** Appends a delivery event (send, delivery, bounce, complaint, reject) to the message's record. */
  async recordEvent(messageId: string, event: { type: string; at: string; detail?: string }): Promise<void> {
    await documentClient.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: { pk: `message#${messageId}` },
        UpdateExpression:
          'SET #events = list_append(if_not_exists(#events, :none), :event), lastEvent = :type',
        ExpressionAttributeNames: { '#events': 'events' },
        ExpressionAttributeValues: { ':none': [], ':event': [event], ':type': event.type },
      }),
    );
  }

  async message(
    messageId: string,
  ): Promise<{ key?: string; events: { type: string; at: string }[] } | undefined> {
    return parseOptionalItem(StoredMailMessageSchema, await this.get(`message#${messageId}`), this.tableName);
  }

  private async get(pk: string): Promise<Record<string, unknown> | undefined> {
    return (
      await documentClient.send(
        new GetCommand({ TableName: this.tableName, Key: { pk }, ConsistentRead: true }),
      )
    ).Item;
  }
}
