import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { PendingMark } from '../app/audit/anchor-audit.ts';
import type { AuditEntry } from '../domain/audit/audit.ts';
import { PENDING_SHARDS, pendingShardName, pendingShardOf } from '../domain/audit/audit-anchor.ts';
import { documentClient } from './dynamodb.ts';
import { parseItem, StoredPendingChainSchema } from './stored-items.ts';

/** A mark as read, with the sequence number it was written at. */
export interface PendingChainMark extends PendingMark {
  seq: number;
}

/** Shards queried at once: a run with few marks finishes in a few round trips, without a burst of reads. */
const SHARD_QUERIES_IN_PARALLEL = 32;

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

  /** Touched chains, a group of shards at a time, at most `limit` of them (the rest wait for the next run). */
  async touched(limit: number): Promise<PendingChainMark[]> {
    const found: PendingChainMark[] = [];
    for (let first = 0; first < PENDING_SHARDS && found.length < limit; first += SHARD_QUERIES_IN_PARALLEL) {
      const shards = Array.from(
        { length: Math.min(SHARD_QUERIES_IN_PARALLEL, PENDING_SHARDS - first) },
        (_, offset) => pendingShardName(first + offset),
      );
      const remaining = limit - found.length;
      // Each shard may fill what remains, so a backlog in a few shards drains at full speed; past
      // `limit`, the extra marks read (50-byte items) are left for the next run.
      const pages = await Promise.all(shards.map((shard) => this.marksIn(shard, remaining)));
      found.push(...pages.flat().slice(0, remaining));
    }
    return found;
  }

  private async marksIn(shard: string, limit: number): Promise<PendingChainMark[]> {
    const found: PendingChainMark[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await documentClient.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: '#shard = :shard',
          ExpressionAttributeNames: { '#shard': 'shard' },
          ExpressionAttributeValues: { ':shard': shard },
          ProjectionExpression: 'chain, seq',
          Limit: limit - found.length,
          ExclusiveStartKey: startKey,
        }),
      );
      for (const item of page.Items ?? [])
        found.push({ shard, ...parseItem(StoredPendingChainSchema, item, this.tableName) });
      startKey = page.LastEvaluatedKey;
    } while (startKey && found.length < limit);
    return found;
  }

  /** Clears a chain's mark, where it was found, unless an entry past `anchoredSeq` was appended meanwhile. */
  async settle(mark: PendingMark, anchoredSeq: number): Promise<void> {
    try {
      await documentClient.send(
        new DeleteCommand({
          TableName: this.tableName,
          Key: { shard: mark.shard, chain: mark.chain },
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
