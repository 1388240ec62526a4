import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand,
  BatchWriteCommand,
  type BatchWriteCommandInput,
  DynamoDBDocumentClient,
  QueryCommand,
  type QueryCommandInput,
} from '@aws-sdk/lib-dynamodb';
import type * as z from 'zod';
import { counted } from './aws-calls.ts';
import { parseItem } from './parse-item.ts';

/** One client per process, reused across invocations; the endpoint comes from AWS_ENDPOINT_URL. */
export const documentClient = DynamoDBDocumentClient.from(counted(new DynamoDBClient({})), {
  marshallOptions: { removeUndefinedValues: true },
});

/** The most keys one BatchGetItem request may name. */
export const BATCH_GET_LIMIT = 100;
const BATCH_GET_ATTEMPTS = 6;

/**
 * Reads items by key, `BATCH_GET_LIMIT` keys a request (the requests in parallel), retrying what
 * DynamoDB leaves unprocessed under throttling with a growing pause; fails rather than answer short.
 * Keys not found are left out.
 */
export async function batchGetItems(
  tableName: string,
  keys: readonly Record<string, unknown>[],
  options: {
    ConsistentRead?: boolean;
    ProjectionExpression?: string;
    ExpressionAttributeNames?: Record<string, string>;
  } = {},
): Promise<Record<string, unknown>[]> {
  const chunks: Record<string, unknown>[][] = [];
  for (let start = 0; start < keys.length; start += BATCH_GET_LIMIT)
    chunks.push(keys.slice(start, start + BATCH_GET_LIMIT));
  const read = async (chunk: Record<string, unknown>[]) => {
    const items: Record<string, unknown>[] = [];
    let left = chunk;
    for (let attempt = 0; left.length > 0; attempt += 1) {
      if (attempt >= BATCH_GET_ATTEMPTS)
        throw new Error(`${left.length} keys of ${tableName} left unread after ${attempt} attempts`);
      if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 50 * 2 ** attempt));
      const result = await documentClient.send(
        new BatchGetCommand({ RequestItems: { [tableName]: { Keys: left, ...options } } }),
      );
      items.push(...(result.Responses?.[tableName] ?? []));
      left = result.UnprocessedKeys?.[tableName]?.Keys ?? [];
    }
    return items;
  };
  return (await Promise.all(chunks.map(read))).flat();
}

type WriteRequests = NonNullable<BatchWriteCommandInput['RequestItems']>[string];

/** Writes items 25 at a time, retrying what DynamoDB leaves unprocessed under throttling. */
export function batchPut(tableName: string, items: readonly Record<string, unknown>[]): Promise<void> {
  return batchWrite(
    tableName,
    items.map((Item) => ({ PutRequest: { Item } })),
  );
}

/** Puts and deletes 25 at a time, retrying what DynamoDB leaves unprocessed under throttling. */
export async function batchWrite(tableName: string, writes: WriteRequests): Promise<void> {
  for (let start = 0; start < writes.length; start += 25) {
    let requests = writes.slice(start, start + 25);
    for (let attempt = 0; requests.length > 0; attempt += 1) {
      if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 50 * 2 ** attempt));
      if (attempt > 6) throw new Error(`DynamoDB kept returning unprocessed items for ${tableName}`);
      const result = await documentClient.send(
        new BatchWriteCommand({ RequestItems: { [tableName]: requests } }),
      );
      requests = result.UnprocessedItems?.[tableName] ?? [];
    }
  }
}

interface Page {
  Items?: Record<string, unknown>[] | undefined;
  LastEvaluatedKey?: Record<string, unknown> | undefined;
}

type FetchPage = (startKey: Record<string, unknown> | undefined) => Promise<Page>;

/** Follows `LastEvaluatedKey` until the last page and returns every item of a Query or Scan. */
export async function allPages<T>(fetchPage: FetchPage): Promise<T[]> {
  const items: T[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await fetchPage(startKey);
    // why: operator scripts read ad hoc projections through this; the stores use allItems, which parses.
    items.push(...((page.Items ?? []) as T[]));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return items;
}

/** Every item of a Query or Scan on `tableName`, each parsed with the schema of the stored item. */
export async function allItems<S extends z.ZodType>(
  schema: S,
  tableName: string,
  fetchPage: FetchPage,
): Promise<z.output<S>[]> {
  const items = await allPages<unknown>(fetchPage);
  return items.map((item) => parseItem(schema, item, tableName));
}

type ItemQuery = Omit<QueryCommandInput, 'TableName' | 'ExclusiveStartKey'>;

/** Every item a Query on `tableName` finds, page after page, each parsed with the schema of the stored item. */
export function queryItems<S extends z.ZodType>(
  schema: S,
  tableName: string,
  query: ItemQuery,
): Promise<z.output<S>[]> {
  return allItems(schema, tableName, (startKey) =>
    documentClient.send(new QueryCommand({ ...query, TableName: tableName, ExclusiveStartKey: startKey })),
  );
}

/** Every item under one partition key value of `tableName`. */
export function partitionItems<S extends z.ZodType>(
  schema: S,
  tableName: string,
  key: { name: string; value: string },
): Promise<z.output<S>[]> {
  return queryItems(schema, tableName, {
    KeyConditionExpression: '#key = :value',
    ExpressionAttributeNames: { '#key': key.name },
    ExpressionAttributeValues: { ':value': key.value },
  });
}

/** Every item of one `pk` whose `sk` starts with `prefix`, read consistently. */
export function itemsWithPrefix<S extends z.ZodType>(
  schema: S,
  tableName: string,
  pk: string,
  prefix: string,
): Promise<z.output<S>[]> {
  return queryItems(schema, tableName, {
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
    ExpressionAttributeValues: { ':pk': pk, ':prefix': prefix },
    ConsistentRead: true,
  });
}
