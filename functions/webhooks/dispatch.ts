import { enqueueDeliveries } from '../../shared/adapters/webhook-queue.ts';
import { WebhookStore } from '../../shared/adapters/webhook-store.ts';
import { type DispatchPorts, eventDispatcher } from '../../shared/app/webhooks/dispatch-events.ts';
import { loadEnv, webhookDispatchEnv } from '../../shared/config/env.ts';
import { logger, streamConsumer } from '../../shared/runtime/consumer.ts';

const env = loadEnv(webhookDispatchEnv);
const ports: DispatchPorts = {
  store: new WebhookStore(env.WEBHOOKS_TABLE),
  enqueue: (messages) => enqueueDeliveries(env.DELIVERY_QUEUE_URL, messages),
  tables: { dossiers: env.DOSSIERS_TABLE, documents: env.DOCUMENTS_TABLE, kpi: env.KPI_TABLE },
  log: logger,
  now: () => new Date(),
};

export const handler = streamConsumer(() => eventDispatcher(ports));
