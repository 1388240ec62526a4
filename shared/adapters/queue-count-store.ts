import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { BatchGetCommand, QueryCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import { type CounterMove, mineCell, TABS_CELL } from '../domain/officers/queue-counts.ts';
import { logger } from '../observability.ts';
import { allPages, documentClient } from './dynamodb.ts';
import { wellFormedItems } from './stored-items.ts';

const unitKey = (unit: string) => `unit#${unit}`;
const CellSchema = z.looseObject({
  sk: z.string(),
  all: z.number().optional(),
  reception: z.number().optional(),
  mine: z.number().optional(),
});

/** How many times a change is tried again when another change of the same unit's cells raced it. */
const CONFLICT_ATTEMPTS = 6;

/**
 * The queue's counters per unit code (see `TABLES.queueCounts`). Each dossier change is applied in one
 * transaction with the dossier's `applied` version, on the condition that the version is newer: a
 * stream record delivered again moves nothing.
 */
export class QueueCountStore {
  constructor(private readonly tableName: string) {}

  /** Applies the moves of version `version` of a dossier; false when that version was applied before. */
  async apply(dossierCode: string, version: number, moves: readonly CounterMove[]): Promise<boolean> {
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
    const cells = moves.map((move) => {
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
    for (let attempt = 1; ; attempt += 1) {
      try {
        await documentClient.send(new TransactWriteCommand({ TransactItems: [marker, ...cells] }));
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

  /** The counts of `all`, `reception` and the officer's `mine`, summed over the unit's codes. */
  async read(units: readonly string[], username: string) {
    const keys = units.flatMap((unit) => [
      { pk: unitKey(unit), sk: TABS_CELL },
      { pk: unitKey(unit), sk: mineCell(username) },
    ]);
    const items: unknown[] = [];
    for (let attempt = 0; keys.length > 0; attempt += 1) {
      if (attempt > 6) throw new Error(`DynamoDB kept returning unprocessed keys for ${this.tableName}`);
      if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 50 * 2 ** attempt));
      const answer = await documentClient.send(
        new BatchGetCommand({ RequestItems: { [this.tableName]: { Keys: keys.splice(0, keys.length) } } }),
      );
      items.push(...(answer.Responses?.[this.tableName] ?? []));
      keys.push(
        ...(answer.UnprocessedKeys?.[this.tableName]?.Keys ?? []).map((key) => ({
          pk: String(key.pk),
          sk: String(key.sk),
        })),
      );
    }
    const counts = { all: 0, reception: 0, mine: 0 };
    for (const cell of wellFormedItems(CellSchema, items, this.tableName, reportMalformed)) {
      counts.all += cell.all ?? 0;
      counts.reception += cell.reception ?? 0;
      counts.mine += cell.mine ?? 0;
    }
    return counts;
  }

  /**
   * Sets one unit code's cells to `cells` (a recount), and to zero every officer's cell it no longer
   * names. Each cell is written on its own: a change counted meanwhile may be lost or counted twice,
   * so a recount is made when the unit is quiet, or made again.
   */
  async replace(unit: string, cells: readonly CounterMove[]): Promise<void> {
    const stored = await allPages<unknown>((startKey) =>
      documentClient.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': unitKey(unit) },
          ProjectionExpression: 'sk',
          ExclusiveStartKey: startKey,
        }),
      ),
    );
    const named = new Set(cells.map((cell) => cell.cell));
    const emptied = [...wellFormedItems(CellSchema, stored, this.tableName, reportMalformed)]
      .filter((cell) => !named.has(cell.sk))
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
}

function reportMalformed(problem: { table: string; key: unknown; issues: string }): void {
  logger.error('malformed queue counter left out', problem);
}
