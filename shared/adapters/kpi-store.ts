import { randomUUID } from 'node:crypto';
import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  DeleteCommand,
  GetCommand,
  PutCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import type * as z from 'zod';
import type { DriftRecord, FlowCell, OpenCell } from '../app/kpi/aggregate-kpi.ts';
import { MAX_KPI_COUNTER_SHARDS } from '../domain/kpi/counter-shards.ts';
import { type CounterDeltas, foldsIntoOverdue, OVERDUE_DUE_DAY } from '../domain/kpi/kpi.ts';
import {
  PUBLISHED_SCOPE_KEY,
  PublishedPeriodItemSchema,
  publishedPeriodItem,
  publishedPeriodOfItem,
} from '../domain/kpi/kpi-published.ts';
import type { PublishedPeriod } from '../domain/kpi/kpi-rows.ts';
import { documentClient, partitionItems } from './dynamodb.ts';
import { parseOptionalItem } from './parse-item.ts';
import {
  StoredClosingStateSchema,
  StoredDriftSchema,
  StoredFlowCellSchema,
  StoredOpenCellSchema,
  StoredPublishedFingerprintsSchema,
} from './stored-kpi-items.ts';

/** Runs `work` over `items` with at most `limit` requests in flight. */
async function inParallel<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>) {
  // One iterator shared by the workers: each item is taken by exactly one of them.
  const pending = items.values();
  const worker = async () => {
    for (const item of pending) await work(item);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

const OPEN_BUCKET = 'open';

/** The use case's cells as stored: a flow cell also names its period bucket. */
type StoredFlowCell = FlowCell & { bucket: string };
type StoredOpenCell = OpenCell;

/**
 * Event-driven counters. A cell is one unit's counts for one period, written with ADD into one of
 * `shards` items (`period#shard`) chosen at random, so a busy unit's day spreads over partitions;
 * reading a period queries every shard a deployment may have written (`MAX_KPI_COUNTER_SHARDS`),
 * whatever `shards` is now. Open dossiers are kept by unit and due day the same way.
 */
export class KpiCounterStore {
  constructor(
    private readonly tableName: string,
    private readonly shards: number,
  ) {}

  private shard(): number {
    return Math.floor(Math.random() * this.shards);
  }

  /** Adds the deltas; `shard` pins the shard (a recount's correction goes to shard 0). */
  async apply(
    deltas: CounterDeltas,
    { concurrency = 8, shard }: { concurrency?: number; shard?: number } = {},
  ) {
    const pick = () => shard ?? this.shard();
    const writes: UpdateCommand[] = [];
    for (const cell of deltas.flow.values()) {
      const counts = Object.entries(cell.counts);
      writes.push(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { bucket: `${cell.period}#${pick()}`, cell: cell.agencyCode },
          UpdateExpression: `ADD ${counts.map((_, i) => `#c${i} :c${i}`).join(', ')} SET tier = :tier`,
          ExpressionAttributeNames: Object.fromEntries(counts.map(([name], i) => [`#c${i}`, name])),
          ExpressionAttributeValues: {
            ':tier': cell.tier,
            ...Object.fromEntries(counts.map(([, value], i) => [`:c${i}`, value])),
          },
        }),
      );
    }
    for (const cell of deltas.open.values()) {
      writes.push(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { bucket: `${OPEN_BUCKET}#${pick()}`, cell: `${cell.agencyCode}|${cell.dueDay}` },
          UpdateExpression: 'ADD #open :n SET tier = :tier, agencyCode = :agency, dueDay = :due',
          ExpressionAttributeNames: { '#open': 'open' },
          ExpressionAttributeValues: {
            ':n': cell.count,
            ':tier': cell.tier,
            ':agency': cell.agencyCode,
            ':due': cell.dueDay,
          },
        }),
      );
    }
    await inParallel(writes, concurrency, async (command) => {
      await documentClient.send(command);
    });
    return writes.length;
  }

  private async allShards<S extends z.ZodType>(schema: S, bucket: string): Promise<z.output<S>[]> {
    const pages = await Promise.all(
      Array.from({ length: MAX_KPI_COUNTER_SHARDS }, (_, shard) =>
        partitionItems(schema, this.tableName, { name: 'bucket', value: `${bucket}#${shard}` }),
      ),
    );
    return pages.flat();
  }

  /** Every unit's cells of one period, one per shard that was written. */
  async period(period: string): Promise<StoredFlowCell[]> {
    const items = await this.allShards(StoredFlowCellSchema, period);
    return items.map(({ bucket, cell, tier, ...counts }) => ({ bucket, cell, tier, counts }));
  }

  async open(): Promise<StoredOpenCell[]> {
    return this.allShards(StoredOpenCellSchema, OPEN_BUCKET);
  }

  /**
   * Moves each unit's open dossiers due before this month into its overdue cell (see
   * `foldsIntoOverdue`), one transaction per cell: the cell is removed only if it still holds what
   * was read, and its count added to the overdue cell. A cell changed meanwhile is left for the
   * next run. Returns how many cells were gathered.
   */
  async gatherOverdue(cells: readonly StoredOpenCell[], today: string): Promise<number> {
    let gathered = 0;
    await inParallel(
      cells.filter((cell) => cell.open !== 0 && foldsIntoOverdue(cell.dueDay, today)),
      8,
      async (cell) => {
        try {
          await documentClient.send(
            new TransactWriteCommand({
              TransactItems: [
                {
                  Delete: {
                    TableName: this.tableName,
                    Key: { bucket: cell.bucket, cell: cell.cell },
                    ConditionExpression: '#open = :read',
                    ExpressionAttributeNames: { '#open': 'open' },
                    ExpressionAttributeValues: { ':read': cell.open },
                  },
                },
                {
                  Update: {
                    TableName: this.tableName,
                    Key: { bucket: `${OPEN_BUCKET}#0`, cell: `${cell.agencyCode}|${OVERDUE_DUE_DAY}` },
                    UpdateExpression: 'ADD #open :n SET tier = :tier, agencyCode = :agency, dueDay = :due',
                    ExpressionAttributeNames: { '#open': 'open' },
                    ExpressionAttributeValues: {
                      ':n': cell.open,
                      ':tier': cell.tier,
                      ':agency': cell.agencyCode,
                      ':due': OVERDUE_DUE_DAY,
                    },
                  },
                },
              ],
            }),
          );
          gathered += 1;
        } catch (error) {
          if (!(error instanceof TransactionCanceledException)) throw error;
        }
      },
    );
    return gathered;
  }

  /** Open cells that came back to zero are removed, so reading them costs what is open, not history. */
  async dropEmpty(cells: readonly StoredOpenCell[]): Promise<void> {
    await inParallel(
      cells.filter((cell) => cell.open === 0),
      8,
      async (cell) => {
        try {
          await documentClient.send(
            new DeleteCommand({
              TableName: this.tableName,
              Key: { bucket: cell.bucket, cell: cell.cell },
              ConditionExpression: '#open = :zero',
              ExpressionAttributeNames: { '#open': 'open' },
              ExpressionAttributeValues: { ':zero': 0 },
            }),
          );
        } catch (error) {
          // An event added to the cell meanwhile: it is not empty any more.
          if (!(error instanceof ConditionalCheckFailedException)) throw error;
        }
      },
    );
  }
}

const STATE_PERIOD = '_state';
const DRIFT_PREFIX = '_drift#';

/**
 * Published periods: one item per period (`period`, `counts`) holding every unit's counts, read by
 * key; the province and tier rows, indicators and scores are computed from it when read.
 */
export class KpiRowStore {
  constructor(private readonly tableName: string) {}

  async putPeriod(published: PublishedPeriod, fingerprint: string): Promise<void> {
    await documentClient.send(
      new PutCommand({ TableName: this.tableName, Item: publishedPeriodItem(published, fingerprint) }),
    );
  }

  async published(period: string): Promise<PublishedPeriod | undefined> {
    const result = await documentClient.send(
      new GetCommand({ TableName: this.tableName, Key: { period, scopeKey: PUBLISHED_SCOPE_KEY } }),
    );
    const item = parseOptionalItem(PublishedPeriodItemSchema, result.Item, this.tableName);
    return item && publishedPeriodOfItem(item);
  }

  async fingerprints(): Promise<Record<string, string>> {
    const result = await documentClient.send(
      new GetCommand({ TableName: this.tableName, Key: { period: STATE_PERIOD, scopeKey: 'published' } }),
    );
    return (
      parseOptionalItem(StoredPublishedFingerprintsSchema, result.Item, this.tableName)?.fingerprints ?? {}
    );
  }

  async setFingerprints(fingerprints: Record<string, string>): Promise<void> {
    await documentClient.send(
      new PutCommand({
        TableName: this.tableName,
        Item: { period: STATE_PERIOD, scopeKey: 'published', fingerprints },
      }),
    );
  }

  private partition<S extends z.ZodType>(schema: S, period: string): Promise<z.output<S>[]> {
    return partitionItems(schema, this.tableName, { name: 'period', value: period });
  }

  /** The last local day whose periods were closed. */
  async lastClosedDay(): Promise<string | undefined> {
    const result = await documentClient.send(
      new GetCommand({ TableName: this.tableName, Key: { period: STATE_PERIOD, scopeKey: 'closing' } }),
    );
    return parseOptionalItem(StoredClosingStateSchema, result.Item, this.tableName)?.lastClosedDay;
  }

  async setLastClosedDay(day: string): Promise<void> {
    await documentClient.send(
      new PutCommand({
        TableName: this.tableName,
        Item: { period: STATE_PERIOD, scopeKey: 'closing', lastClosedDay: day },
      }),
    );
  }

  async recordDrift(drift: DriftRecord): Promise<void> {
    await documentClient.send(
      new PutCommand({
        TableName: this.tableName,
        Item: {
          ...drift,
          period: `${DRIFT_PREFIX}${drift.period}`,
          // Times are to the second: two recounts of the same second must both be kept.
          scopeKey: `${drift.recountedAt}#${randomUUID()}`,
          recounted: drift.period,
        },
      }),
    );
  }

  async drifts(period: string): Promise<DriftRecord[]> {
    const items = await this.partition(StoredDriftSchema, `${DRIFT_PREFIX}${period}`);
    return items.map(({ recounted, scopeKey: _, ...drift }) => ({ ...drift, period: recounted }));
  }
}
