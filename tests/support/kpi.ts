import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { KpiResponse, KpiRow } from '../../shared/contracts/kpi.ts';
import { DEFAULT_KPI_COUNTER_SHARDS } from '../../shared/domain/kpi/counter-shards.ts';
import { FLOW_COUNT_NAMES, type FlowCounts } from '../../shared/domain/kpi/kpi.ts';
import { api, dataOutput, dynamo, invokeFunction, waitFor } from './deployment.ts';

/** The test deployment keeps the default `kpiCounterShards`. */
const SHARDS = DEFAULT_KPI_COUNTER_SHARDS;

/** One unit's counters for a period as the stream consumer left them, summed over the shards. */
export async function countedCells(period: string): Promise<Map<string, FlowCounts>> {
  const totals = new Map<string, FlowCounts>();
  for (let shard = 0; shard < SHARDS; shard += 1) {
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await dynamo.send(
        new QueryCommand({
          TableName: dataOutput('KpiCountersTableName'),
          KeyConditionExpression: '#bucket = :bucket',
          ExpressionAttributeNames: { '#bucket': 'bucket' },
          ExpressionAttributeValues: { ':bucket': `${period}#${shard}` },
          ConsistentRead: true,
          ExclusiveStartKey: startKey,
        }),
      );
      for (const item of page.Items ?? []) {
        const entry =
          totals.get(item.cell) ??
          (Object.fromEntries(FLOW_COUNT_NAMES.map((name) => [name, 0])) as FlowCounts);
        for (const name of FLOW_COUNT_NAMES) entry[name] += Number(item[name] ?? 0);
        totals.set(item.cell, entry);
      }
      startKey = page.LastEvaluatedKey;
    } while (startKey);
  }
  return totals;
}

/** Waits until the stream consumer has counted `received` dossiers for a unit in a period. */
export function waitForCounted(period: string, agencyCode: string, received: number, timeoutMs = 60_000) {
  return waitFor(
    async () => {
      const counts = (await countedCells(period)).get(agencyCode);
      return counts && counts.received >= received ? counts : undefined;
    },
    `${received} dossiers counted for ${agencyCode} in ${period}`,
    timeoutMs,
  );
}

export interface AggregatorRun {
  closed?: string[];
  rows: number;
  milliseconds: number;
  openCells?: number;
  gatheredIntoOverdue?: number;
  dossiers?: number;
  differences?: { agencyCode: string; count: string; counted: number; recounted: number }[];
}

export const runAggregator = (payload?: { recount: string; requestedBy?: string }) =>
  invokeFunction<AggregatorRun>('Kpi', 'AggregatorFunctionName', payload);

export async function kpi(query: string): Promise<KpiResponse> {
  const { status, body } = await api<KpiResponse>(`/kpi?${query}`);
  if (status !== 200) throw new Error(`GET /kpi?${query} answered ${status}: ${JSON.stringify(body)}`);
  return body;
}

export const rowOf = (rows: readonly KpiRow[], scopeKey: string) =>
  rows.find((row) => row.scopeKey === scopeKey);
