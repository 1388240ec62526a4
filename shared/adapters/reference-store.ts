import { DeleteCommand, GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { AgencyRecord, Procedure } from '../contracts/catalog.ts';
import { batchPut, documentClient } from './dynamodb.ts';

/** Reference data (procedures, agencies) lives under `kind` partitions keyed by `code`. */
type Kind = 'procedure' | 'agency' | 'agency-alias';

export class ReferenceStore {
  constructor(private readonly tableName: string) {}

  async getProcedure(code: string): Promise<Procedure | undefined> {
    return this.get<Procedure>('procedure', code);
  }

  /** The agency a code designates today: its own code, or a former code kept as an alias. */
  async getAgency(code: string): Promise<AgencyRecord | undefined> {
    const agency = await this.get<AgencyRecord>('agency', code);
    if (agency) return agency;
    const alias = await this.get<{ target: string }>('agency-alias', code);
    return alias ? this.get<AgencyRecord>('agency', alias.target) : undefined;
  }

  /** Agencies with one item per former code pointing at the current one. */
  async putAgencies(agencies: readonly AgencyRecord[]): Promise<void> {
    await this.putAll('agency', agencies);
    const aliases = agencies.flatMap((agency) =>
      (agency.aliases ?? []).map((code) => ({ code, target: agency.code })),
    );
    await this.putAll('agency-alias', aliases);
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

  /** Replaces the registry after a rename or merger: writes the new records and drops removed units. */
  async replaceAgencies(before: readonly AgencyRecord[], after: readonly AgencyRecord[]): Promise<void> {
    await this.putAgencies(after);
    const kept = new Set(after.map((agency) => agency.code));
    for (const removed of before.filter((agency) => !kept.has(agency.code))) {
      await documentClient.send(
        new DeleteCommand({ TableName: this.tableName, Key: { kind: 'agency', code: removed.code } }),
      );
    }
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
