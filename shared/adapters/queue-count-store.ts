import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  DeleteCommand,
  QueryCommand,
  type QueryCommandInput,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import {
  type CounterMove,
  DUE_CELL_PREFIX,
  type DueEntry,
  dueCell,
  dueDay,
  mineCell,
  type QueueCountMoves,
  TABS_CELL,
} from '../domain/officers/queue-counts.ts';
import { logger } from '../observability.ts';
import { allPages, batchGetItems, batchWrite, documentClient } from './dynamodb.ts';
import { wellFormedItems } from './parse-item.ts';

const unitKey = (unit: string) => `unit#${unit}`;
/** The partition of a unit code's entries due on one day, an entry per dossier counted down. */
const dayKey = (unit: string, day: string) => `due#${unit}#${day}`;
const entryKey = (entry: DueEntry) => ({
  pk: dayKey(entry.unit, dueDay(entry.dueAt)),
  sk: `${entry.dueAt}#${entry.dossierCode}`,
});
const CellSchema = z.looseObject({
  sk: z.string(),
  all: z.number().optional(),
  reception: z.number().optional(),
  mine: z.number().optional(),
  due: z.number().optional(),
});
const EntrySchema = z.looseObject({ sk: z.string(), dueAt: z.string() });

/** How many times a change is tried again when another change of the same unit's cells raced it. */
const CONFLICT_ATTEMPTS = 6;

/**
 * The queue's counters per queue partition, a unit code's shard (see `TABLES.queueCounts`). Each dossier change is applied in one
 * transaction with the dossier's `applied` version, on the condition that the version is newer: a
 * stream record delivered again moves nothing.
 */
export class QueueCountStore {
  constructor(private readonly tableName: string) {}

  /**
   * Applies the moves of version `version` of a dossier; false when that version was applied before.
   * A day cell brought down to zero is then deleted (if still zero), so that the days a count reads
   * are those with dossiers counted down, not every day the unit ever had.
   */
  async apply(dossierCode: string, version: number, moves: QueueCountMoves): Promise<boolean> {
    const marker = {
      Update: {
        TableName: this.tableName,
        Key: { pk: `dossier#${dossierCode}`, sk: 'applied' },
        UpdateExpression: 'SET #version = :version',
        ConditionExpression: 'attribute_not_exists(#version) OR #version < :version',
        ExpressionAttributeNames: { '#version': 'version' },
        ExpressionAttributeValues: { ':version': version },
      },
    };
    const cells = moves.cells.map((move) => {
      const fields = Object.entries(move.by);
      return {
        Update: {
          TableName: this.tableName,
          Key: { pk: unitKey(move.unit), sk: move.cell },
          UpdateExpression: `ADD ${fields.map(([field]) => `#${field} :${field}`).join(', ')}`,
          ExpressionAttributeNames: Object.fromEntries(fields.map(([field]) => [`#${field}`, field])),
          ExpressionAttributeValues: Object.fromEntries(fields.map(([field, by]) => [`:${field}`, by])),
        },
      };
    });
    const entries = [
      ...moves.put.map((entry) => ({
        Update: {
          TableName: this.tableName,
          Key: entryKey(entry),
          UpdateExpression: 'SET #dueAt = :dueAt',
          ExpressionAttributeNames: { '#dueAt': 'dueAt' },
          ExpressionAttributeValues: { ':dueAt': entry.dueAt },
        },
      })),
      ...moves.remove.map((entry) => ({ Delete: { TableName: this.tableName, Key: entryKey(entry) } })),
    ];
    for (let attempt = 1; ; attempt += 1) {
      try {
        await documentClient.send(
          new TransactWriteCommand({ TransactItems: [marker, ...cells, ...entries] }),
        );
        await this.deleteEmptied(moves.cells.filter((move) => (move.by.due ?? 0) < 0));
        return true;
      } catch (error) {
        if (!(error instanceof TransactionCanceledException)) throw error;
        const [markerReason, ...others] = error.CancellationReasons ?? [];
        if (markerReason?.Code === 'ConditionalCheckFailed') return false;
        const raced = [markerReason, ...others].some((reason) => reason?.Code === 'TransactionConflict');
        if (!raced || attempt >= CONFLICT_ATTEMPTS) throw error;
        await new Promise((resolve) => setTimeout(resolve, 20 * 2 ** attempt * Math.random()));
      }
    }
  }

  /** Deletes these day cells where they hold zero: a change counted meanwhile keeps its cell. */
  private async deleteEmptied(cells: readonly CounterMove[]): Promise<void> {
    for (const cell of cells) {
      try {
        await documentClient.send(
          new DeleteCommand({
            TableName: this.tableName,
            Key: { pk: unitKey(cell.unit), sk: cell.cell },
            ConditionExpression: '#due = :zero',
            ExpressionAttributeNames: { '#due': 'due' },
            ExpressionAttributeValues: { ':zero': 0 },
          }),
        );
      } catch (error) {
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
      }
    }
  }

  /** One unit code's dossiers counted down per day of appointment, for the days up to `through`. */
  async dueDays(unit: string, through: string): Promise<{ day: string; due: number }[]> {
    const cells = await this.query(CellSchema, {
      KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
      ExpressionAttributeValues: { ':pk': unitKey(unit), ':from': DUE_CELL_PREFIX, ':to': dueCell(through) },
    });
    return cells.map((cell) => ({ day: cell.sk.slice(DUE_CELL_PREFIX.length), due: cell.due ?? 0 }));
  }

  /** The appointments of one unit code's dossiers counted down that fall on `day`. */
  async dueEntries(unit: string, day: string): Promise<string[]> {
    const entries = await this.entriesOf(unit, day);
    return entries.map((entry) => entry.dueAt);
  }

  private entriesOf(unit: string, day: string) {
    return this.query(EntrySchema, {
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': dayKey(unit, day) },
      ProjectionExpression: 'sk, dueAt',
    });
  }

  /** Every item a Query finds, page after page; a malformed one is reported and left out, not fatal. */
  private async query<S extends z.ZodType>(
    schema: S,
    query: Omit<QueryCommandInput, 'TableName' | 'ExclusiveStartKey'>,
  ): Promise<z.output<S>[]> {
    const items = await allPages<unknown>((startKey) =>
      documentClient.send(
        new QueryCommand({ ...query, TableName: this.tableName, ExclusiveStartKey: startKey }),
      ),
    );
    return [...wellFormedItems(schema, items, this.tableName, reportMalformed)];
  }

  /** The counts of `all`, `reception` and the officer's `mine`, summed over the queue partitions given. */
  async read(units: readonly string[], username: string) {
    const keys = units.flatMap((unit) => [
      { pk: unitKey(unit), sk: TABS_CELL },
      { pk: unitKey(unit), sk: mineCell(username) },
    ]);
    const items = await batchGetItems(this.tableName, keys);
    const counts = { all: 0, reception: 0, mine: 0 };
    for (const cell of wellFormedItems(CellSchema, items, this.tableName, reportMalformed)) {
      counts.all += cell.all ?? 0;
      counts.reception += cell.reception ?? 0;
      counts.mine += cell.mine ?? 0;
    }
    return counts;
  }

  /**
   * Sets one unit code's cells to `cells` and its day entries to `entries` (a recount): every officer's
   * cell it no longer names to zero, every day cell it no longer names deleted, and the entries of the
   * days named by either changed to `entries`. Each write is made on its own: a change counted meanwhile
   * may be lost or counted twice, so a recount is made when the unit is quiet, or made again.
   */
  async replace(unit: string, cells: readonly CounterMove[], entries: readonly DueEntry[]): Promise<void> {
    const storedCells = await this.query(CellSchema, {
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': unitKey(unit) },
      ProjectionExpression: 'sk',
    });
    const named = new Set(cells.map((cell) => cell.cell));
    const days = new Set([
      ...storedCells.flatMap((cell) =>
        cell.sk.startsWith(DUE_CELL_PREFIX) ? [cell.sk.slice(DUE_CELL_PREFIX.length)] : [],
      ),
      ...entries.map((entry) => dueDay(entry.dueAt)),
    ]);
    await this.replaceEntries(unit, days, entries);
    const unnamed = storedCells.filter((cell) => !named.has(cell.sk));
    for (const cell of unnamed.filter((cell) => cell.sk.startsWith(DUE_CELL_PREFIX)))
      await documentClient.send(
        new DeleteCommand({ TableName: this.tableName, Key: { pk: unitKey(unit), sk: cell.sk } }),
      );
    const emptied = unnamed
      .filter((cell) => !cell.sk.startsWith(DUE_CELL_PREFIX))
      .map((cell) => ({
        unit,
        cell: cell.sk,
        by: cell.sk === TABS_CELL ? { all: 0, reception: 0 } : { mine: 0 },
      }));
    for (const cell of [...cells, ...emptied]) {
      const fields = Object.entries(cell.by);
      await documentClient.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { pk: unitKey(cell.unit), sk: cell.cell },
          UpdateExpression: `SET ${fields.map(([field]) => `#${field} = :${field}`).join(', ')}`,
          ExpressionAttributeNames: Object.fromEntries(fields.map(([field]) => [`#${field}`, field])),
          ExpressionAttributeValues: Object.fromEntries(fields.map(([field, by]) => [`:${field}`, by])),
        }),
      );
    }
  }

  /** Changes the entries of these days of a unit code to those of `entries` on them. */
  private async replaceEntries(unit: string, days: ReadonlySet<string>, entries: readonly DueEntry[]) {
    const wanted = new Map(entries.map((entry) => [entryKey(entry).sk, entry]));
    for (const day of days) {
      const stored = await this.entriesOf(unit, day);
      const kept = new Set(stored.map((entry) => entry.sk));
      await batchWrite(this.tableName, [
        ...stored
          .filter((entry) => !wanted.has(entry.sk))
          .map((entry) => ({ DeleteRequest: { Key: { pk: dayKey(unit, day), sk: entry.sk } } })),
        ...[...wanted.values()]
          .filter((entry) => dueDay(entry.dueAt) === day && !kept.has(entryKey(entry).sk))
          .map((entry) => ({ PutRequest: { Item: { ...entryKey(entry), dueAt: entry.dueAt } } })),
      ]);
    }
  }
}

function reportMalformed(problem: { table: string; key: unknown; issues: string }): void {
  logger.error('malformed queue counter left out', problem);
}
