import { Logger } from '@aws-lambda-powertools/logger';
import { DossierStore } from '../../shared/adapters/dossier-store.ts';
import { sendToTierQueue } from '../../shared/adapters/tier-queue.ts';
import { loadEnv, resendUnroutedEnv } from '../../shared/config/env.ts';
import { needsRouting } from '../../shared/domain/dossier.ts';
import { toVietnamIso } from '../../shared/domain/time.ts';

const env = loadEnv(resendUnroutedEnv);
const logger = new Logger();
const dossiers = new DossierStore(env.DOSSIERS_TABLE);

/** Scheduled: routes the dossiers whose intake stored them but could not queue them (a sparse index holds them). */
export const handler = async () => {
  const now = new Date();
  let resent = 0;
  const graceMs = env.RESEND_AFTER_SECONDS * 1000;
  for await (const dossier of dossiers.awaitingRouting(toVietnamIso(new Date(now.getTime() - graceMs)))) {
    if (!needsRouting(dossier, now, graceMs)) continue;
    const queueUrl = env.TIER_QUEUE_URLS[dossier.routing.tier];
    if (!queueUrl) {
      logger.error('no queue for the tier of a stored dossier', {
        dossierCode: dossier.dossierCode,
        tier: dossier.routing.tier,
      });
      continue;
    }
    const sentAt = toVietnamIso(new Date());
    await sendToTierQueue(
      queueUrl,
      {
        type: 'dossier.received',
        dossierCode: dossier.dossierCode,
        agencyCode: dossier.agency.code,
        tier: dossier.routing.tier,
        sentAt,
      },
      `resend-${now.getTime()}`,
    );
    await dossiers.markQueued(dossier.dossierCode, sentAt);
    resent += 1;
  }
  logger.info('unrouted dossiers re-sent', { resent });
  return { resent };
};
