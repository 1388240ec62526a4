import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient } from './dynamodb.ts';

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
        UpdateExpression: 'ADD #value :one',
        ExpressionAttributeNames: { '#value': 'value' },
        ExpressionAttributeValues: { ':one': 1 },
        ReturnValues: 'UPDATED_NEW',
      }),
    );
    const value = result.Attributes?.value;
    if (typeof value !== 'number') throw new Error(`Counter ${counterKey} returned no number`);
    return value;
  }
}
