import { KpiCounterStore } from '../../shared/adapters/kpi-store.ts';
import { countKpiEvents } from '../../shared/app/kpi/count-events.ts';
import { countKpiEventsEnv, loadEnv } from '../../shared/config/env.ts';
import { logger, streamBatchConsumer } from '../../shared/runtime/consumer.ts';

const env = loadEnv(countKpiEventsEnv);
const ports = {
  counters: new KpiCounterStore(env.KPI_COUNTERS_TABLE, env.KPI_COUNTER_SHARDS),
  documentsTable: env.DOCUMENTS_TABLE,
  log: logger,
};

export const handler = streamBatchConsumer(async (changes) => {
  await countKpiEvents(ports, changes);
});
