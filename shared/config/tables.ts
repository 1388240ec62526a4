/**
 * The DynamoDB tables as deployed: logical ids, key attributes, indexes and TTL attributes. The data
 * stack creates the tables from this, and the stores query by the same names, so the two cannot
 * drift apart. No AWS library here: it is read by infrastructure code and by Lambda bundles alike.
 */
import { KPI_INDEX_ATTRIBUTES } from '../domain/kpi/kpi.ts';
import { QUEUE_INDEX_ATTRIBUTES } from '../domain/officers/work-queue.ts';

export type KeyType = 'string' | 'number';

export interface KeyAttribute {
  name: string;
  type: KeyType;
}

export interface IndexLayout {
  name: string;
  partitionKey: KeyAttribute;
  sortKey?: KeyAttribute;
  /** Attributes the index carries besides the keys, `keys` for none; absent: it carries all of them. */
  projection?: readonly string[] | 'keys';
}

export interface TableLayout {
  /** The construct id in the data stack. */
  id: string;
  partitionKey: KeyAttribute;
  sortKey?: KeyAttribute;
  timeToLive?: string;
  /** Streams new and old images to the consumers of the table's changes. */
  stream?: boolean;
  indexes?: Record<string, IndexLayout>;
}

const s = (name: string): KeyAttribute => ({ name, type: 'string' });

export const TABLES = {
  dossiers: {
    id: 'Dossiers',
    partitionKey: s('dossierCode'),
    stream: true,
    indexes: {
      /**
       * The officers' work queue: dossiers by the partition of the unit holding them (the unit's code
       * and the dossier's shard, ADR 0032), awaiting reception first (oldest submitted first), then
       * open ones soonest due first, then closed ones (see `queueAttributes`); a unit's queue is its
       * partitions merged. Slim: it carries what a queue line, the filters, the counts and the search
       * read, and neither the applicant's identifiers nor the history, receipt or attachments.
       */
      queue: {
        name: 'queueByPartition',
        partitionKey: s('queuePartition'),
        sortKey: s('queueKey'),
        projection: QUEUE_INDEX_ATTRIBUTES,
      },
      /**
       * The queue searched by name: a unit's dossiers by the applicant's folded name, partition by
       * partition, so that a name search reads the names that begin with the text (begins_with), not
       * the unit's queue.
       */
      queueByName: {
        name: 'queueNameByPartition',
        partitionKey: s('queuePartition'),
        sortKey: s('searchName'),
        projection: [...QUEUE_INDEX_ATTRIBUTES.filter((name) => name !== 'searchName'), 'queueKey'],
      },
      /**
       * The queue searched by identifier: dossiers by the keyed digest of the applicant's first
       * identifier, and of the second (a representative's), across units; the search keeps the
       * caller's unit and reads the few matches' queue attributes from the table. Sparse: dossiers
       * stored without the digests are not in it. Keys only, as a table's indexes may project at most
       * 100 attributes in all.
       */
      byIdDigest: { name: 'byIdDigest', partitionKey: s('idDigest'), projection: 'keys' },
      bySecondIdDigest: { name: 'bySecondIdDigest', partitionKey: s('secondIdDigest'), projection: 'keys' },
      /** The KPI recount reads a period's dossiers by the time they were received. */
      kpiReceived: {
        name: 'byReceivedAt',
        partitionKey: s('kpiShard'),
        sortKey: s('receivedAt'),
        projection: [...KPI_INDEX_ATTRIBUTES, 'settledAt'],
      },
      /**
       * Dossiers not yet handed to their tier queue, by the time submitted: a sparse index, since only
       * those carry `awaitingRouting` (their KPI index shard, to spread them), set with the dossier and
       * removed once it is queued or has arrived. The re-send sweep reads it instead of the whole table.
       */
      unrouted: {
        name: 'awaitingRoutingSince',
        partitionKey: s('awaitingRouting'),
        sortKey: s('submittedAt'),
        projection: ['agency', 'routing', 'status', 'channel'],
      },
      /** The KPI recount reads a period's dossiers by the time they were settled. */
      kpiSettled: {
        name: 'bySettledAt',
        partitionKey: s('kpiShard'),
        sortKey: s('settledAt'),
        projection: [...KPI_INDEX_ATTRIBUTES, 'receivedAt'],
      },
      /**
       * Every received, open dossier by its KPI shard and the earliest instant something falls due
       * for it by the clock (see `deadlineWatch`): the deadline sweep reads those whose instant has
       * come rather than the whole table, and the KPI close reads them all. Keys only: the sweep reads
       * the few it finds whole, and no lifecycle write is copied into it unless a key changes.
       */
      deadlines: {
        name: 'openByDeadline',
        partitionKey: s('deadlineShard'),
        sortKey: s('nextDeadline'),
        projection: 'keys',
      },
      /**
       * The dossiers whose statutory appointment stands without an approved apology, by KPI shard
       * and appointment, those awaiting form 04's draft apart from those awaiting its approval (see
       * `deadlineWatch`): the sweep drafts the first when their draft opens and counts the second
       * once late, both without reading the others. Sparse and keys only, like the index above.
       */
      apologies: {
        name: 'awaitingApology',
        partitionKey: s('apologyShard'),
        sortKey: s('apologyWatch'),
        projection: 'keys',
      },
    },
  },
  counters: { id: 'Counters', partitionKey: s('counterKey'), timeToLive: 'expiresAt' },
  /**
   * The queue's counts per queue partition (a unit code's shard), kept by the change counter from the
   * Dossiers stream: `unit#<code>#<shard>` holds the cell `tabs` (all, reception), one `mine#<username>`
   * per officer and one `due#<day>` per day of appointment; `dossier#<code>`
   * holds `applied`, the last version of that dossier counted, so a retried record counts once.
   */
  queueCounts: { id: 'QueueCounts', partitionKey: s('pk'), sortKey: s('sk') },
  reference: { id: 'Reference', partitionKey: s('kind'), sortKey: s('code') },
  idempotency: { id: 'Idempotency', partitionKey: s('id'), timeToLive: 'expiration' },
  /** Published periods: one item per period (`counts`: every unit's counts), read by key by GET /kpi; the aggregator's bookkeeping. */
  kpi: { id: 'KpiRows', partitionKey: s('period'), sortKey: s('scopeKey'), stream: true },
  /** Event-driven counters: `period#shard` or `open#shard`, one item per unit (and due day). */
  kpiCounters: { id: 'KpiCounters', partitionKey: s('bucket'), sortKey: s('cell') },
  mail: { id: 'Mail', partitionKey: s('pk') },
  documents: {
    id: 'Documents',
    partitionKey: s('pk'),
    sortKey: s('sk'),
    stream: true,
    indexes: {
      inbox: { name: 'byRecipient', partitionKey: s('recipientOrganId'), sortKey: s('sentAt') },
      outbox: { name: 'bySender', partitionKey: s('sender'), sortKey: s('sentAt') },
    },
  },
  webhooks: { id: 'Webhooks', partitionKey: s('pk'), sortKey: s('sk'), timeToLive: 'expiresAt' },
  audit: { id: 'Audit', partitionKey: s('chain'), sortKey: { name: 'seq', type: 'number' } },
  auditPending: { id: 'AuditPending', partitionKey: s('shard'), sortKey: s('chain') },
  officers: {
    id: 'Officers',
    partitionKey: s('officerId'),
    indexes: {
      /** Officers by unit, for listing a unit's officers. */
      byAgency: { name: 'byAgency', partitionKey: s('agencyCode'), sortKey: s('username') },
    },
  },
} as const satisfies Record<string, TableLayout>;
