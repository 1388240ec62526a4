import { DossierStore } from '../../shared/adapters/dossier-store.ts';
import { QueueCountStore } from '../../shared/adapters/queue-count-store.ts';

/** What the queue's list and search read: the queue index, the identifier and name indexes, the counters. */
export function queuePorts(env: { DOSSIERS_TABLE: string; QUEUE_COUNTS_TABLE: string }) {
  const store = new DossierStore(env.DOSSIERS_TABLE);
  const counters = new QueueCountStore(env.QUEUE_COUNTS_TABLE);
  return {
    dossiers: { queuePage: store.queuePage.bind(store) },
    counters: {
      read: counters.read.bind(counters),
      dueDays: counters.dueDays.bind(counters),
      dueEntries: counters.dueEntries.bind(counters),
    },
    search: {
      byCodes: store.queueItems.bind(store),
      byIdentifierDigest: store.byIdentifierDigest.bind(store),
      namePage: store.namePage.bind(store),
    },
    now: () => new Date(),
  };
}
