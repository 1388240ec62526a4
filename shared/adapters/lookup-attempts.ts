import { PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { subjectKey, type ThrottleSubject } from '../domain/intake/lookup-throttle.ts';
import { batchGetItems, documentClient } from './dynamodb.ts';

const lockKey = (subject: ThrottleSubject) => `lookup-lock#${subjectKey(subject)}`;
const failureKey = (subject: ThrottleSubject, windowStart: number) =>
  `lookup-failures#${subjectKey(subject)}#${windowStart}`;

/**
 * Failed lookup-secret checks and the locks they lead to, as items of the Counters table: one
 * count per subject and fixed window (an atomic ADD), one lock item per locked subject. Both carry
 * `expiresAt`, so DynamoDB's TTL removes them once they no longer matter.
 */
export class LookupAttempts {
  constructor(private readonly tableName: string) {}

  /** The `lockedUntil` (epoch seconds) of each subject's lock; TTL deletion lags, so callers compare. */
  async locks(subjects: readonly ThrottleSubject[]): Promise<number[]> {
    const locks = await batchGetItems(
      this.tableName,
      subjects.map((subject) => ({ counterKey: lockKey(subject) })),
      { ConsistentRead: true },
    );
    return locks
      .map((item) => item.lockedUntil)
      .filter((until): until is number => typeof until === 'number');
  }

  /** Adds one failure to the subject's count for the window and returns the new count. */
  async countFailure(
    subject: ThrottleSubject,
    window: { start: number; expiresAt: number },
  ): Promise<number> {
    const result = await documentClient.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: { counterKey: failureKey(subject, window.start) },
        UpdateExpression: 'ADD failures :one SET expiresAt = :expiresAt',
        ExpressionAttributeValues: { ':one': 1, ':expiresAt': window.expiresAt },
        ReturnValues: 'UPDATED_NEW',
      }),
    );
    const failures = result.Attributes?.failures;
    if (typeof failures !== 'number') throw new Error('The failure count returned no number');
    return failures;
  }

  async lock(subject: ThrottleSubject, until: number): Promise<void> {
    await documentClient.send(
      new PutCommand({
        TableName: this.tableName,
        Item: { counterKey: lockKey(subject), lockedUntil: until, expiresAt: until },
      }),
    );
  }
}
