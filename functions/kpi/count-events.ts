import { Logger } from '@aws-lambda-powertools/logger';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { Context, DynamoDBStreamEvent } from 'aws-lambda';
import { KpiCounterStore } from '../../shared/adapters/kpi-store.ts';
import { countKpiEventsEnv, loadEnv } from '../../shared/config/env.ts';
import { streamDeltas } from '../../shared/domain/kpi-events.ts';

const env = loadEnv(countKpiEventsEnv);
const logger = new Logger();
const counters = new KpiCounterStore(env.KPI_COUNTERS_TABLE, env.KPI_COUNTER_SHARDS);

const image = (value: unknown) => (value ? unmarshall(value as Record<string, AttributeValue>) : undefined);

/**
 * Dossier and document changes from the tables' streams become counter deltas, merged over the
 * batch into one ADD per cell. A failed batch is retried whole, so a cell can be counted twice;
 * the aggregator's recount finds and corrects that drift when the period closes.
 */
export const handler = async (event: DynamoDBStreamEvent, context: Context) => {
  logger.addContext(context);
  const deltas = streamDeltas(
    event.Records.map((record) => ({
      table: record.eventSourceARN?.split('/')[1] === env.DOCUMENTS_TABLE ? 'documents' : 'dossiers',
      before: image(record.dynamodb?.OldImage),
      after: image(record.dynamodb?.NewImage),
    })),
  );
  const writes = await counters.apply(deltas);
  logger.info('KPI counters updated', { records: event.Records.length, writes });
};
