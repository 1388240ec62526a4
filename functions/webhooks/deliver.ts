import { postToReceiver, systemResolver } from '../../shared/adapters/pinned-http.ts';
import { publicBaseUrlFromParameter } from '../../shared/adapters/public-api.ts';
import { enqueueDelivery, parkDelivery } from '../../shared/adapters/webhook-queue.ts';
import { WebhookStore } from '../../shared/adapters/webhook-store.ts';
import {
  DeliveryMessageSchema,
  deliverWebhook,
  type WebhookDeliveryPorts,
} from '../../shared/app/webhooks/deliver-webhook.ts';
import { loadEnv, webhookDeliveryEnv } from '../../shared/config/env.ts';
import { countWebhookAttempt } from '../../shared/observability.ts';
import { logger, queueConsumer } from '../../shared/runtime/consumer.ts';

const env = loadEnv(webhookDeliveryEnv);
const ports: WebhookDeliveryPorts = {
  store: new WebhookStore(env.WEBHOOKS_TABLE),
  queue: {
    enqueue: (message, delaySeconds) => enqueueDelivery(env.DELIVERY_QUEUE_URL, message, delaySeconds),
    park: (message, reason) => parkDelivery(env.DELIVERY_DLQ_URL, message, reason),
  },
  post: (url, request) =>
    postToReceiver(url, request, { resolve: systemResolver, allowList: env.ALLOWED_PRIVATE_ADDRESSES }),
  baseUrl: publicBaseUrlFromParameter(env.PUBLIC_API_PARAMETER, env),
  retryScheduleSeconds: env.RETRY_SCHEDULE_SECONDS,
  timeoutMs: env.TIMEOUT_MS,
  log: logger,
  now: () => new Date(),
  attempted: countWebhookAttempt,
};

export const handler = queueConsumer({
  parse: (body) => DeliveryMessageSchema.parse(JSON.parse(body)),
  work: (message) => deliverWebhook(ports, message),
});
