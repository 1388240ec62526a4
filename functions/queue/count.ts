import { QueueCountStore } from '../../shared/adapters/queue-count-store.ts';
import { countQueueChange } from '../../shared/app/officer-desk/count-queue.ts';
import { loadEnv, queueCounterEnv } from '../../shared/config/env.ts';
import { streamConsumer } from '../../shared/runtime/consumer.ts';

const env = loadEnv(queueCounterEnv);
const ports = { counters: new QueueCountStore(env.QUEUE_COUNTS_TABLE) };

export const handler = streamConsumer(() => (change) => countQueueChange(ports, change));
