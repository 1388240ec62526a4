import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { PutCommand, QueryCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { type AuditEntry, type AuditFields, nextAuditEntry } from '../domain/audit.ts';
import { allPages, documentClient } from './dynamodb.ts';

const MAX_APPEND_ATTEMPTS = 5;

/** The audit trail in DynamoDB: partition = chain (one per dossier), sort key = sequence number. */
export class AuditLog {
  constructor(readonly tableName: string) {}

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
    return page.Items?.[0] as AuditEntry | undefined;
  }

  /** The next entry of a chain, to be written together with the change it records. */
  async next(chain: string, fields: AuditFields): Promise<AuditEntry> {
    return nextAuditEntry(chain, await this.head(chain), fields);
  }

  /** The transaction item that writes `entry` unless that sequence number is already taken. */
  putItem(entry: AuditEntry) {
    return {
      Put: { TableName: this.tableName, Item: entry, ConditionExpression: 'attribute_not_exists(chain)' },
    };
  }

  /** Appends an entry on its own (views and downloads), retrying when another append won the race. */
  async append(chain: string, fields: AuditFields): Promise<AuditEntry> {
    for (let attempt = 1; ; attempt += 1) {
      const entry = await this.next(chain, fields);
      try {
        await documentClient.send(new PutCommand(this.putItem(entry).Put));
        return entry;
      } catch (error) {
        if (!(error instanceof ConditionalCheckFailedException) || attempt >= MAX_APPEND_ATTEMPTS)
          throw error;
      }
    }
  }

  async entries(chain: string): Promise<AuditEntry[]> {
    return allPages<AuditEntry>((startKey) =>
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
    const entries = await allPages<AuditEntry>((startKey) =>
      documentClient.send(new ScanCommand({ TableName: this.tableName, ExclusiveStartKey: startKey })),
    );
    const chains = new Map<string, AuditEntry[]>();
    for (const entry of entries) chains.set(entry.chain, [...(chains.get(entry.chain) ?? []), entry]);
    return chains;
  }
}
