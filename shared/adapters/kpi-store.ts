import { QueryCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import type { KpiQuery, KpiRow } from '../contracts/kpi.ts';
import { allPages, batchPut, documentClient } from './dynamodb.ts';

/** KPI rows keyed by agency code and local day (`YYYY-MM-DD`). */
export class KpiStore {
  constructor(private readonly tableName: string) {}

  async putRows(rows: readonly KpiRow[]): Promise<void> {
    await batchPut(this.tableName, rows);
  }

  async query(filter: KpiQuery): Promise<KpiRow[]> {
    const from = filter.from ?? '0000-01-01';
    const to = filter.to ?? '9999-12-31';
    const rows = await allPages<KpiRow>((startKey) =>
      documentClient.send(
        filter.agencyCode
          ? new QueryCommand({
              TableName: this.tableName,
              KeyConditionExpression: 'agencyCode = :agency AND #day BETWEEN :from AND :to',
              ExpressionAttributeNames: { '#day': 'day' },
              ExpressionAttributeValues: { ':agency': filter.agencyCode, ':from': from, ':to': to },
              ExclusiveStartKey: startKey,
            })
          : new ScanCommand({
              TableName: this.tableName,
              FilterExpression: '#day BETWEEN :from AND :to',
              ExpressionAttributeNames: { '#day': 'day' },
              ExpressionAttributeValues: { ':from': from, ':to': to },
              ExclusiveStartKey: startKey,
            }),
      ),
    );
    return rows.sort((a, b) => a.agencyCode.localeCompare(b.agencyCode) || a.day.localeCompare(b.day));
  }
}
