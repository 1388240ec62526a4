import { DossierStore } from '../../shared/adapters/dossier-store.ts';
import { cachedDueCounts } from '../../shared/adapters/due-counts-cache.ts';
import { QueueCountStore } from '../../shared/adapters/queue-count-store.ts';
import { DUE_COUNTS_TTL_MS } from '../../shared/app/officer-desk/list-queue.ts';

/** What the queue's list and search read: the queue index, the identifier and name indexes, the counters. */
export function queuePorts(env: { DOSSIERS_TABLE: string; QUEUE_COUNTS_TABLE: string }) {
  const store = new DossierStore(env.DOSSIERS_TABLE);
  const counters = new QueueCountStore(env.QUEUE_COUNTS_TABLE);
  return {
    dossiers: {
      queuePage: store.queuePage.bind(store),
      dueCounts: cachedDueCounts(store.dueCounts.bind(store), DUE_COUNTS_TTL_MS),
    },
    counters: { read: counters.read.bind(counters) },
    search: {
      byCodes: store.queueItems.bind(store),
      byIdentifierDigest: store.byIdentifierDigest.bind(store),
      namePage: store.namePage.bind(store),
    },
    now: () => new Date(),
  };
}
