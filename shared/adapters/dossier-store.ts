import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, ScanCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { HistoryEntry } from '../contracts/dossiers.ts';
import type { DossierRecord } from '../domain/dossier.ts';
import { documentClient } from './dynamodb.ts';

export class DossierStore {
  constructor(private readonly tableName: string) {}

  async create(record: DossierRecord): Promise<void> {
    await documentClient.send(
      new PutCommand({
        TableName: this.tableName,
        Item: record,
        ConditionExpression: 'attribute_not_exists(dossierCode)',
      }),
    );
  }

  async get(dossierCode: string): Promise<DossierRecord | undefined> {
    const result = await documentClient.send(
      new GetCommand({ TableName: this.tableName, Key: { dossierCode }, ConsistentRead: true }),
    );
    return result.Item as DossierRecord | undefined;
  }

  async markQueued(dossierCode: string, queuedAt: string): Promise<void> {
    await documentClient.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: { dossierCode },
        UpdateExpression: 'SET #routing.queuedAt = :at',
        ExpressionAttributeNames: { '#routing': 'routing' },
        ExpressionAttributeValues: { ':at': queuedAt },
      }),
    );
  }

  /**
   * Records arrival and acknowledgement once: a redelivered message finds `acknowledgedAt` set and
   * changes nothing. Returns false when it had already been recorded.
   */
  async recordArrival(dossierCode: string, entries: HistoryEntry[], at: string): Promise<boolean> {
    try {
      await documentClient.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { dossierCode },
          UpdateExpression:
            'SET #routing.arrivedAt = :at, #routing.acknowledgedAt = :at, #history = list_append(#history, :entries)',
          ConditionExpression:
            'attribute_exists(dossierCode) AND attribute_not_exists(#routing.acknowledgedAt)',
          ExpressionAttributeNames: { '#routing': 'routing', '#history': 'history' },
          ExpressionAttributeValues: { ':at': at, ':entries': entries },
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  async recordReceiptMailed(dossierCode: string, at: string): Promise<void> {
    await documentClient.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: { dossierCode },
        UpdateExpression: 'SET receiptMailedAt = :at',
        ExpressionAttributeValues: { ':at': at },
      }),
    );
  }

  /** Streams every dossier; the scheduled aggregator's recount uses it. */
  async *scanAll(projection: string[]): AsyncGenerator<Partial<DossierRecord>> {
    let startKey: Record<string, unknown> | undefined;
    const names = Object.fromEntries(projection.map((field, index) => [`#f${index}`, field]));
    do {
      const page = await documentClient.send(
        new ScanCommand({
          TableName: this.tableName,
          ProjectionExpression: Object.keys(names).join(', '),
          ExpressionAttributeNames: names,
          ExclusiveStartKey: startKey,
        }),
      );
      for (const item of page.Items ?? []) yield item as Partial<DossierRecord>;
      startKey = page.LastEvaluatedKey;
    } while (startKey);
  }
}
