import { KpiCounterStore } from '../../shared/adapters/kpi-store.ts';
import { QueueCountStore } from '../../shared/adapters/queue-count-store.ts';
import { countKpiEvents } from '../../shared/app/kpi/count-events.ts';
import { countQueueChange } from '../../shared/app/officer-desk/count-queue.ts';
import { countChangesEnv, loadEnv } from '../../shared/config/env.ts';
import { logger, orderedStreamConsumer } from '../../shared/runtime/consumer.ts';

const env = loadEnv(countChangesEnv);
const queue = { counters: new QueueCountStore(env.QUEUE_COUNTS_TABLE) };
const kpi = {
  counters: new KpiCounterStore(env.KPI_COUNTERS_TABLE, env.KPI_COUNTER_SHARDS),
  documentsTable: env.DOCUMENTS_TABLE,
  log: logger,
};

/** The one reader of the Dossiers stream besides the webhook dispatcher (ADR 0031). */
export const handler = orderedStreamConsumer(
  async (change) => {
    if (change.table !== env.DOCUMENTS_TABLE) await countQueueChange(queue, change);
  },
  async (changes) => {
    await countKpiEvents(kpi, changes);
  },
);
