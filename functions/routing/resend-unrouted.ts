import { DossierStore } from '../../shared/adapters/dossier-store.ts';
import { sendToTierQueue } from '../../shared/adapters/tier-queue.ts';
import { type ResendPorts, resendUnrouted } from '../../shared/app/routing/resend-unrouted.ts';
import { loadEnv, resendUnroutedEnv } from '../../shared/config/env.ts';
import { logger, scheduledJob } from '../../shared/runtime/consumer.ts';

const env = loadEnv(resendUnroutedEnv);
const ports: ResendPorts = {
  dossiers: new DossierStore(env.DOSSIERS_TABLE),
  tierQueues: {
    has: (tier) => Boolean(env.TIER_QUEUE_URLS[tier]),
    send: async (message, attempt) => {
      const queueUrl = env.TIER_QUEUE_URLS[message.tier];
      if (!queueUrl) throw new Error(`No queue is configured for tier ${message.tier}`);
      await sendToTierQueue(queueUrl, message, attempt);
    },
  },
  graceMs: env.RESEND_AFTER_SECONDS * 1000,
  log: logger,
  now: () => new Date(),
};

export const handler = scheduledJob(
  () => undefined,
  () => resendUnrouted(ports),
);
