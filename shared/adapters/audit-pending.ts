import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { AuditEntry } from '../domain/audit/audit.ts';
import { PENDING_SHARDS, pendingShardOf } from '../domain/audit/audit-anchor.ts';
import { documentClient } from './dynamodb.ts';
import { parseItem, StoredPendingChainSchema } from './stored-items.ts';

export interface PendingChain {
  chain: string;
  seq: number;
}

const LATEST_KEY = { shard: 'checkpoint', chain: 'latest' };

/**
 * The chains appended to since the last checkpoint: one small item per chain, written in the same
 * transaction as the entry and removed once a checkpoint holds that head. The anchoring job reads
 * these instead of the Audit table, so a run costs what changed, not the whole history.
 */
export class AuditPending {
  constructor(readonly tableName: string) {}

  /** The transaction item that marks the chain of `entry` as touched. */
  markItem(entry: AuditEntry) {
    return {
      Put: {
        TableName: this.tableName,
        Item: { shard: pendingShardOf(entry.chain), chain: entry.chain, seq: entry.seq, at: entry.at },
      },
    };
  }

  /** Touched chains, shard by shard, at most `limit` of them (the rest wait for the next run). */
  async touched(limit: number): Promise<PendingChain[]> {
    const found: PendingChain[] = [];
    for (let shard = 0; shard < PENDING_SHARDS && found.length < limit; shard += 1) {
      let startKey: Record<string, unknown> | undefined;
      do {
        const page = await documentClient.send(
          new QueryCommand({
            TableName: this.tableName,
            KeyConditionExpression: '#shard = :shard',
            ExpressionAttributeNames: { '#shard': 'shard' },
            ExpressionAttributeValues: { ':shard': `p#${String(shard).padStart(2, '0')}` },
            ProjectionExpression: 'chain, seq',
            Limit: limit - found.length,
            ExclusiveStartKey: startKey,
          }),
        );
        for (const item of page.Items ?? [])
          found.push(parseItem(StoredPendingChainSchema, item, this.tableName));
        startKey = page.LastEvaluatedKey;
      } while (startKey && found.length < limit);
    }
    return found;
  }

  /** Clears a chain's mark unless an entry past `anchoredSeq` was appended meanwhile. */
  async settle(chain: string, anchoredSeq: number): Promise<void> {
    try {
      await documentClient.send(
        new DeleteCommand({
          TableName: this.tableName,
          Key: { shard: pendingShardOf(chain), chain },
          ConditionExpression: 'seq <= :anchored',
          ExpressionAttributeValues: { ':anchored': anchoredSeq },
        }),
      );
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  }

  /**
   * The number of the last checkpoint written, to find it without listing the bucket. Only a hint:
   * a stale or missing value makes the job step forward over the checkpoints that exist.
   */
  async latestCheckpoint(): Promise<number> {
    const { Item } = await documentClient.send(
      new GetCommand({ TableName: this.tableName, Key: LATEST_KEY, ConsistentRead: true }),
    );
    return typeof Item?.number === 'number' ? Item.number : 0;
  }

  async recordLatestCheckpoint(number: number): Promise<void> {
    await documentClient.send(new PutCommand({ TableName: this.tableName, Item: { ...LATEST_KEY, number } }));
  }
}
