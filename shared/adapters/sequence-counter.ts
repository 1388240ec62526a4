import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient } from './dynamodb.ts';

/** A daily counter is needed for its day only; it is kept a week, then DynamoDB's TTL removes it. */
const COUNTER_RETENTION_SECONDS = 7 * 24 * 3600;

/**
 * Hands out 1, 2, 3, … per counter key with an atomic ADD, so concurrent submissions to the same
 * agency on the same day never receive the same number.
 */
export class SequenceCounter {
  constructor(private readonly tableName: string) {}

  async next(counterKey: string): Promise<number> {
    const result = await documentClient.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: { counterKey },
        UpdateExpression: 'ADD #value :one SET #expiresAt = if_not_exists(#expiresAt, :expiresAt)',
        ExpressionAttributeNames: { '#value': 'value', '#expiresAt': 'expiresAt' },
        ExpressionAttributeValues: {
          ':one': 1,
          ':expiresAt': Math.floor(Date.now() / 1000) + COUNTER_RETENTION_SECONDS,
        },
        ReturnValues: 'UPDATED_NEW',
      }),
    );
    const value = result.Attributes?.value;
    if (typeof value !== 'number') throw new Error(`Counter ${counterKey} returned no number`);
    return value;
  }
}
