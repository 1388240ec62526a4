import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { QueryCommand, ScanCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { type AuditEntry, type AuditFields, nextAuditEntry } from '../domain/audit/audit.ts';
import { AuditPending } from './audit-pending.ts';
import { allItems, documentClient } from './dynamodb.ts';
import { parseOptionalItem, StoredAuditEntrySchema } from './stored-items.ts';

const MAX_APPEND_ATTEMPTS = 5;

/** The audit trail in DynamoDB: partition = chain (one per dossier), sort key = sequence number. */
export class AuditLog {
  private readonly pending: AuditPending | undefined;

  /** `pendingTableName` is needed by writers: every append also marks its chain for anchoring. */
  constructor(
    readonly tableName: string,
    pendingTableName?: string,
  ) {
    this.pending = pendingTableName ? new AuditPending(pendingTableName) : undefined;
  }

  async head(chain: string): Promise<AuditEntry | undefined> {
    const page = await documentClient.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'chain = :chain',
        ExpressionAttributeValues: { ':chain': chain },
        ScanIndexForward: false,
        Limit: 1,
        ConsistentRead: true,
      }),
    );
    return parseOptionalItem(StoredAuditEntrySchema, page.Items?.[0], this.tableName);
  }

  /** The next entry of a chain, to be written together with the change it records. */
  async next(chain: string, fields: AuditFields): Promise<AuditEntry> {
    return nextAuditEntry(chain, await this.head(chain), fields);
  }

  /**
   * The transaction items that write `entry` unless that sequence number is already taken, and
   * mark its chain for the next checkpoint (both or neither, so no append escapes anchoring).
   */
  putItems(entry: AuditEntry) {
    if (!this.pending) throw new Error('This AuditLog was built without the pending table; it cannot append');
    return [
      {
        Put: { TableName: this.tableName, Item: entry, ConditionExpression: 'attribute_not_exists(chain)' },
      },
      this.pending.markItem(entry),
    ];
  }

  /** Appends an entry on its own (views and downloads), retrying when another append won the race. */
  async append(chain: string, fields: AuditFields): Promise<AuditEntry> {
    for (let attempt = 1; ; attempt += 1) {
      const entry = await this.next(chain, fields);
      try {
        await documentClient.send(new TransactWriteCommand({ TransactItems: this.putItems(entry) }));
        return entry;
      } catch (error) {
        const lostRace =
          error instanceof TransactionCanceledException &&
          error.CancellationReasons?.[0]?.Code === 'ConditionalCheckFailed';
        if (!lostRace || attempt >= MAX_APPEND_ATTEMPTS) throw error;
      }
    }
  }

  async entries(chain: string): Promise<AuditEntry[]> {
    return allItems(StoredAuditEntrySchema, this.tableName, (startKey) =>
      documentClient.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'chain = :chain',
          ExpressionAttributeValues: { ':chain': chain },
          ConsistentRead: true,
          ExclusiveStartKey: startKey,
        }),
      ),
    );
  }

  /** Every chain with its entries, for the verify command. */
  async allChains(): Promise<Map<string, AuditEntry[]>> {
    const entries = await allItems(StoredAuditEntrySchema, this.tableName, (startKey) =>
      documentClient.send(new ScanCommand({ TableName: this.tableName, ExclusiveStartKey: startKey })),
    );
    const chains = new Map<string, AuditEntry[]>();
    for (const entry of entries) chains.set(entry.chain, [...(chains.get(entry.chain) ?? []), entry]);
    return chains;
  }
}
