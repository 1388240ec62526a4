import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { AgencyRecord, Procedure } from '../contracts/catalog.ts';
import { batchPut, documentClient } from './dynamodb.ts';

/** Reference data (procedures, agencies) lives under `kind` partitions keyed by `code`. */
type Kind = 'procedure' | 'agency';

export class ReferenceStore {
  constructor(private readonly tableName: string) {}

  async getProcedure(code: string): Promise<Procedure | undefined> {
    return this.get<Procedure>('procedure', code);
  }

  async getAgency(code: string): Promise<AgencyRecord | undefined> {
    return this.get<AgencyRecord>('agency', code);
  }

  async listProcedures(): Promise<Procedure[]> {
    return this.list<Procedure>('procedure');
  }

  async listAgencies(): Promise<AgencyRecord[]> {
    return this.list<AgencyRecord>('agency');
  }

  async putAll(kind: Kind, records: readonly { code: string }[]): Promise<void> {
    await batchPut(
      this.tableName,
      records.map((record) => ({ ...record, kind })),
    );
  }

  private async get<T>(kind: Kind, code: string): Promise<T | undefined> {
    const result = await documentClient.send(
      new GetCommand({ TableName: this.tableName, Key: { kind, code } }),
    );
    return result.Item ? stripKeys<T>(result.Item) : undefined;
  }

  private async list<T>(kind: Kind): Promise<T[]> {
    const items: T[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await documentClient.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: '#kind = :kind',
          ExpressionAttributeNames: { '#kind': 'kind' },
          ExpressionAttributeValues: { ':kind': kind },
          ExclusiveStartKey: startKey,
        }),
      );
      for (const item of page.Items ?? []) items.push(stripKeys<T>(item));
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return items;
  }
}

function stripKeys<T>(item: Record<string, unknown>): T {
  const { kind: _kind, ...rest } = item;
  return rest as T;
}
