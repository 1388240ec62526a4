import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient } from './dynamodb.ts';

/** Numbered versions a pointer names, e.g. `{ version: 3, registryVersion: 12 }`. */
export type Versions<F extends string> = Record<F, number>;

/**
 * Copies kept beside the pointer: each request reads one at random, so no single item or partition
 * gets them all. 48 × 3,000 consistent reads a second ÷ about 12 reads per dossier ≈ 12,000 dossiers
 * a second (docs/capacity-throttles.md).
 */
export const POINTER_COPIES = 48;

/** Each copy under a partition key of its own: copies sharing one would share its 3,000 reads a second. */
export const pointerCopyKey = (key: { kind: string; code: string }, index: number) => ({
  kind: `${key.kind}#copy${index}`,
  code: key.code,
});
const ATTEMPTS = 5;

/**
 * A pointer item read by every request of every function (the catalog's, the process set's) would
 * be one hot item: DynamoDB serves a partition at most 3,000 consistent reads a second. The pointer is
 * therefore written together with `POINTER_COPIES` copies, in one transaction, and readers read a
 * copy chosen at random, consistently. The item itself stays the one writers check and move, so a
 * table written before the copies existed is read from it until its next move writes them.
 */
export class ShardedPointer<F extends string> {
  constructor(
    private readonly tableName: string,
    private readonly key: { kind: string; code: string },
    /** Every field the pointer names, at its value before anything was published (0). */
    private readonly initial: Versions<F>,
  ) {}

  /** The versions named now (0 for a field never set). */
  async read(): Promise<Versions<F>> {
    const fromCopy = await this.get(pointerCopyKey(this.key, Math.floor(Math.random() * POINTER_COPIES)));
    return fromCopy ? this.versionsOf(fromCopy) : this.versionsOf((await this.get(this.key)) ?? {});
  }

  /**
   * Moves the pointer and all its copies at once from the versions read to those `next` gives (or
   * throws what it returns as an error), unless another writer moved it meanwhile: then it reads
   * again and asks `next` again. `details` are written on the pointer item only.
   */
  async move(
    next: (current: Versions<F>) => Versions<F> | Error,
    details: Record<string, unknown> = {},
  ): Promise<Versions<F>> {
    for (let attempt = 0; attempt < ATTEMPTS; attempt += 1) {
      const item = (await this.get(this.key)) ?? {};
      const revision = typeof item.revision === 'number' ? item.revision : 0;
      const target = next(this.versionsOf(item));
      if (target instanceof Error) throw target;
      const values = { ...target, revision: revision + 1 };
      const set = setExpression({ ...values, ...details });
      try {
        await documentClient.send(
          new TransactWriteCommand({
            TransactItems: [
              {
                Update: {
                  TableName: this.tableName,
                  Key: this.key,
                  UpdateExpression: set.expression,
                  ConditionExpression:
                    revision === 0 ? 'attribute_not_exists(#revision)' : '#revision = :revision',
                  ExpressionAttributeNames: { ...set.names, '#revision': 'revision' },
                  ExpressionAttributeValues: {
                    ...set.values,
                    ...(revision === 0 ? {} : { ':revision': revision }),
                  },
                },
              },
              ...Array.from({ length: POINTER_COPIES }, (_, index) => ({
                Put: {
                  TableName: this.tableName,
                  Item: { ...pointerCopyKey(this.key, index), ...values },
                },
              })),
            ],
          }),
        );
        return target;
      } catch (error) {
        const moved =
          error instanceof TransactionCanceledException &&
          error.CancellationReasons?.[0]?.Code === 'ConditionalCheckFailed';
        if (!moved) throw error;
      }
    }
    throw new Error(
      `The pointer ${this.key.kind}/${this.key.code} kept moving under ${ATTEMPTS} writers; try again`,
    );
  }

  private versionsOf(item: Record<string, unknown>): Versions<F> {
    const versions = { ...this.initial };
    for (const field in versions) {
      const value = item[field];
      if (typeof value === 'number') versions[field] = value;
    }
    return versions;
  }

  private async get(key: { kind: string; code: string }) {
    const result = await documentClient.send(
      new GetCommand({ TableName: this.tableName, Key: key, ConsistentRead: true }),
    );
    return result.Item;
  }
}

/** `SET #f0 = :v0, …` with its names and values, for attributes given as an object. */
function setExpression(attributes: Record<string, unknown>) {
  const entries = Object.entries(attributes);
  return {
    expression: `SET ${entries.map((_, index) => `#f${index} = :v${index}`).join(', ')}`,
    names: Object.fromEntries(entries.map(([name], index) => [`#f${index}`, name])),
    values: Object.fromEntries(entries.map(([, value], index) => [`:v${index}`, value])),
  };
}
