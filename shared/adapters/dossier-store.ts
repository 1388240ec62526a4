import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  GetCommand,
  QueryCommand,
  type QueryCommandInput,
  TransactWriteCommand,
  type TransactWriteCommandInput,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import { TABLES } from '../config/tables.ts';
import type { HistoryEntry } from '../contracts/dossiers.ts';
import type { AuditEntry } from '../domain/audit/audit.ts';
import { DomainError } from '../domain/common/errors.ts';
import { FEEDBACK_STATUSES, feedbackAlreadyGiven } from '../domain/intake/feedback.ts';
import type { IntakeClaim } from '../domain/intake/intake-claim.ts';
import { AWAITING_APPROVAL, AWAITING_DRAFT, deadlineWatch } from '../domain/lifecycle/deadline-alerts.ts';
import type { CitizenFeedback, DossierAttachment, DossierRecord } from '../domain/lifecycle/dossier.ts';
import type { LifecycleOutcome, LifecycleState } from '../domain/lifecycle/lifecycle.ts';
import { BusinessMetric, count, logger } from '../observability.ts';
import type { AuditLog } from './audit-log.ts';

/** One item of a DynamoDB transaction, as the stores build them. */
export type TransactionItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

const {
  queue,
  queueByName,
  byIdDigest,
  bySecondIdDigest,
  kpiReceived,
  kpiSettled,
  unrouted,
  deadlines,
  apologies,
} = TABLES.dossiers.indexes;
/** What a queue read returns: the index's keys and every attribute it projects. */
const QueueItemSchema = StoredDossierSchema.pick({
  dossierCode: true,
  currentAgencyCode: true,
  procedure: true,
  status: true,
  channel: true,
  submittedAt: true,
  receivedAt: true,
  dueAt: true,
  extendedDueAt: true,
  clock: true,
  apology: true,
  supplement: true,
}).extend({
  queueKey: z.string(),
  openSteps: z.array(z.string()).optional(),
  openAssignees: z.array(z.string()).optional(),
  applicantName: z.string().optional(),
  searchName: z.string().optional(),
  idDigests: z.array(z.string()).optional(),
});
/** What a queue line reads of a dossier found by its key: the queue index's attributes. */
const QUEUE_ITEM_ATTRIBUTES = Object.keys(QueueItemSchema.shape);
/** What the counts read of the open part of the queue index. */
const COUNTED = ['dossierCode', 'queueKey', 'status', 'dueAt', 'clock', 'openAssignees'] as const;
const QueueCountSchema = QueueItemSchema.pick({
  dossierCode: true,
  queueKey: true,
  status: true,
  dueAt: true,
  clock: true,
  openAssignees: true,
});
const DossierKeySchema = z.object({ dossierCode: z.string() });
/** What the sweep reads from the index: its keys and every attribute the index projects. */
const UnroutedSchema = StoredDossierSchema.pick({
  dossierCode: true,
  submittedAt: true,
  ...({ agency: true, routing: true, status: true, channel: true } as const satisfies Record<
    (typeof unrouted.projection)[number],
    true
  >),
});
type UnroutedDossier = z.output<typeof UnroutedSchema>;
/** What the deadline index holds: keys only. */
const DeadlineKeySchema = z.looseObject({ dossierCode: z.string() });

/** The attributes a lifecycle change owns; everything else on the item belongs to other writers. */
export const LIFECYCLE_FIELDS = [
  'status',
  'currentAgency',
  'receivedAt',
  'receipt',
  'dueAt',
  'extendedDueAt',
  'clock',
  'pausedWorkingMinutes',
  'supplementRequests',
  'controlSlip',
  'settledAt',
  'result',
  'outcome',
  'apology',
  'supplement',
  'process',
  'leaderAlertedAt',
] as const satisfies readonly (keyof LifecycleState)[];

/** What a lifecycle change writes of the state it reached, undefined for the fields it removes. */
function lifecycleFields(outcome: LifecycleOutcome): Record<string, unknown> {
  return Object.fromEntries(LIFECYCLE_FIELDS.map((field) => [field, outcome.state[field]]));
}

import { factsOfDossier, KPI_INDEX_SHARDS, kpiFactsOf, OPEN_STATUSES } from '../domain/kpi/kpi.ts';
import {
  OPEN_RANGE,
  type QueueKeyRange,
  type QueuePosition,
  queueAttributes,
} from '../domain/officers/work-queue.ts';
import { allPages, BATCH_GET_LIMIT, batchGetItems, documentClient } from './dynamodb.ts';
import {
  parseItem,
  parseOptionalItem,
  StoredDossierPartSchema,
  StoredDossierSchema,
  StoredIntakeClaimSchema,
  wellFormedItems,
} from './stored-items.ts';

export class DossierStore {
  /** `audit` is needed by the writers of submissions and lifecycle changes, which are always audited. */
  constructor(
    private readonly tableName: string,
    private readonly audit?: AuditLog,
  ) {}

  private auditLog(): AuditLog {
    if (!this.audit) throw new Error('This DossierStore was built without an audit log');
    return this.audit;
  }

  /**
   * Stores a new dossier and the first entry of its audit chain, both or neither; with a claim (see
   * intake-claim.ts), the claim too, and only if no claim for the same key exists; and the claims
   * binding its uploads to it (UploadClaims.putItem), each only if that upload is not claimed yet.
   */
  async create(
    record: DossierRecord,
    entry: AuditEntry,
    claim?: { tableName: string; item: IntakeClaim },
    uploadClaims: readonly TransactionItem[] = [],
  ): Promise<void> {
    await documentClient.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName: this.tableName,
              Item: {
                ...record,
                ...queueAttributes(record),
                ...deadlineWatch(record),
                kpiFacts: kpiFactsOf(record),
                awaitingRouting: record.kpiShard,
              },
              ConditionExpression: 'attribute_not_exists(dossierCode)',
            },
          },
          ...this.auditLog().putItems(entry),
          ...(claim
            ? [
                {
                  Put: {
                    TableName: claim.tableName,
                    Item: claim.item,
                    ConditionExpression: 'attribute_not_exists(id) OR expiration < :now',
                    ExpressionAttributeValues: { ':now': Math.floor(Date.now() / 1000) },
                  },
                },
              ]
            : []),
          ...uploadClaims,
        ],
      }),
    );
  }

  async intakeClaim(tableName: string, id: string): Promise<IntakeClaim | undefined> {
    const result = await documentClient.send(
      new GetCommand({ TableName: tableName, Key: { id }, ConsistentRead: true }),
    );
    return parseOptionalItem(StoredIntakeClaimSchema, result.Item, tableName);
  }

  async get(dossierCode: string): Promise<DossierRecord | undefined> {
    // DynamoDB refuses an empty key; no dossier has one.
    if (!dossierCode) return undefined;
    const result = await documentClient.send(
      new GetCommand({ TableName: this.tableName, Key: { dossierCode }, ConsistentRead: true }),
    );
    return parseOptionalItem(StoredDossierSchema, result.Item, this.tableName);
  }

  /**
   * The records of many dossiers, 100 keys per request (DynamoDB's limit), asking again for the keys
   * a request left unprocessed; codes with no record are left out.
   */
  async getMany(
    dossierCodes: readonly string[],
    { consistent = true }: { consistent?: boolean } = {},
  ): Promise<DossierRecord[]> {
    const items = await this.batchGet(dossierCodes, { ConsistentRead: consistent });
    return [...wellFormedItems(StoredDossierSchema, items, this.tableName, reportMalformed)];
  }

  private batchGet(
    dossierCodes: readonly string[],
    options: {
      ConsistentRead?: boolean;
      ProjectionExpression?: string;
      ExpressionAttributeNames?: Record<string, string>;
    },
  ): Promise<unknown[]> {
    const unique = [...new Set(dossierCodes)].filter(Boolean);
    return batchGetItems(
      this.tableName,
      unique.map((dossierCode) => ({ dossierCode })),
      options,
    );
  }

  async markQueued(dossierCode: string, queuedAt: string): Promise<void> {
    await documentClient.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: { dossierCode },
        UpdateExpression: 'SET #routing.queuedAt = :at REMOVE awaitingRouting',
        ExpressionAttributeNames: { '#routing': 'routing' },
        ExpressionAttributeValues: { ':at': queuedAt },
      }),
    );
  }

  /**
   * Records arrival and acknowledgement once: a redelivered message finds `acknowledgedAt` set and
   * changes nothing. Returns false when it had already been recorded.
   */
  async recordArrival(dossierCode: string, entries: HistoryEntry[], at: string): Promise<boolean> {
    try {
      await documentClient.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { dossierCode },
          UpdateExpression:
            'SET #routing.arrivedAt = :at, #routing.acknowledgedAt = :at, #history = list_append(#history, :entries) REMOVE awaitingRouting',
          ConditionExpression:
            'attribute_exists(dossierCode) AND attribute_not_exists(#routing.acknowledgedAt)',
          ExpressionAttributeNames: { '#routing': 'routing', '#history': 'history' },
          ExpressionAttributeValues: { ':at': at, ':entries': entries },
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  /**
   * Writes a lifecycle outcome and its audit entry if nobody changed the dossier (optimistic lock on
   * `version`) or its audit chain since it was read; otherwise 409, to reload and decide again.
   * A claim (of the result file's upload) is written in the same transaction, and `refused` is the
   * answer when the upload turns out to be claimed already.
   */
  async applyLifecycle(
    dossier: DossierRecord,
    outcome: LifecycleOutcome,
    entry: AuditEntry,
    claim?: { item: TransactionItem; refused: DomainError },
  ): Promise<DossierRecord> {
    try {
      await documentClient.send(
        new TransactWriteCommand({
          TransactItems: [
            this.lifecycleUpdate(dossier, outcome),
            ...this.auditLog().putItems(entry),
            ...(claim ? [claim.item] : []),
          ],
        }),
      );
    } catch (error) {
      if (!(error instanceof TransactionCanceledException)) throw error;
      if (claim && error.CancellationReasons?.[2]?.Code === 'ConditionalCheckFailed') throw claim.refused;
      throw changedMeanwhile();
    }
    return this.written(dossier, outcome);
  }

  /**
   * The citizen's supplement: the lifecycle outcome, the files appended to the dossier's attachments,
   * the audit entry and the claims of their uploads, all or none. A dossier (or its audit chain)
   * changed meanwhile is a 409; a claim refused (an upload claimed meanwhile) rethrows the
   * transaction's error, for the use case to name the upload.
   */
  async recordSupplement(
    dossier: DossierRecord,
    outcome: LifecycleOutcome,
    files: readonly DossierAttachment[],
    entry: AuditEntry,
    uploadClaims: readonly TransactionItem[],
  ): Promise<DossierRecord> {
    const items = [this.lifecycleUpdate(dossier, outcome, files), ...this.auditLog().putItems(entry)];
    try {
      await documentClient.send(new TransactWriteCommand({ TransactItems: [...items, ...uploadClaims] }));
    } catch (error) {
      if (!(error instanceof TransactionCanceledException)) throw error;
      const claimRefused = (error.CancellationReasons ?? [])
        .slice(items.length)
        .some((reason) => reason.Code === 'ConditionalCheckFailed');
      throw claimRefused ? error : changedMeanwhile();
    }
    return this.written(dossier, outcome, files);
  }

  /**
   * The record as `lifecycleUpdate` left it, without reading it back: the version condition held, so
   * the item was `dossier` and the update set exactly these fields. Attributes other writers own
   * (routing, mail) are as they were read; the next read shows any change they made meanwhile.
   */
  private written(
    dossier: DossierRecord,
    outcome: LifecycleOutcome,
    files?: readonly DossierAttachment[],
  ): DossierRecord {
    const item = {
      ...dossier,
      ...lifecycleFields(outcome),
      version: dossier.version + 1,
      history: [...dossier.history, outcome.history],
      attachments: files ? [...dossier.attachments, ...files] : dossier.attachments,
    };
    // A field the change set to undefined was removed from the item.
    const kept = Object.entries(item).filter(([, value]) => value !== undefined);
    return parseItem(StoredDossierSchema, Object.fromEntries(kept), this.tableName);
  }

  /** The conditional update of a lifecycle change, appending `files` to the attachments when given. */
  private lifecycleUpdate(
    dossier: DossierRecord,
    outcome: LifecycleOutcome,
    files?: readonly DossierAttachment[],
  ): TransactionItem {
    // Only lifecycle attributes are written, so routing and mail updates made meanwhile survive;
    // `version` guards against two lifecycle changes racing each other.
    const fields: Record<string, unknown> = {
      ...lifecycleFields(outcome),
      currentAgencyCode: outcome.state.currentAgency.code,
      ...queueAttributes({
        ...outcome.state,
        dossierCode: dossier.dossierCode,
        currentAgencyCode: outcome.state.currentAgency.code,
        submittedAt: dossier.submittedAt,
      }),
      ...deadlineWatch({ ...outcome.state, kpiShard: dossier.kpiShard }),
      // The version condition makes the dossier read the one written over, so its facts are exact.
      kpiFacts: kpiFactsOf({
        ...dossier,
        ...outcome.state,
        attachments: [...dossier.attachments, ...(files ?? [])],
      }),
    };
    const set = Object.entries(fields).filter(([, value]) => value !== undefined);
    const remove = Object.entries(fields).filter(([, value]) => value === undefined);
    const names = Object.fromEntries(Object.keys(fields).map((field) => [`#${field}`, field]));
    const values = Object.fromEntries(set.map(([field, value]) => [`:${field}`, value]));
    const append = files ? ['#attachments = list_append(#attachments, :files)'] : [];
    const update = [
      `SET ${[...set.map(([field]) => `#${field} = :${field}`), '#version = #version + :one', '#history = list_append(#history, :entry)', ...append].join(', ')}`,
      remove.length > 0 ? `REMOVE ${remove.map(([field]) => `#${field}`).join(', ')}` : '',
    ].join(' ');
    return {
      Update: {
        TableName: this.tableName,
        Key: { dossierCode: dossier.dossierCode },
        UpdateExpression: update,
        ConditionExpression: '#version = :expected',
        ExpressionAttributeNames: {
          ...names,
          '#version': 'version',
          '#history': 'history',
          ...(files ? { '#attachments': 'attachments' } : {}),
        },
        ExpressionAttributeValues: {
          ...values,
          ':expected': dossier.version,
          ':one': 1,
          ':entry': [outcome.history],
          ...(files ? { ':files': files } : {}),
        },
      },
    };
  }

  /**
   * Stores the citizen's feedback once, and only on a settled dossier: both are conditions of the
   * write itself, so two submissions racing each other store one. Only `feedback` is written, so
   * the lifecycle's `version` is untouched.
   */
  async recordFeedback(dossierCode: string, feedback: CitizenFeedback): Promise<void> {
    const statuses = Object.fromEntries(FEEDBACK_STATUSES.map((status, index) => [`:s${index}`, status]));
    try {
      await documentClient.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { dossierCode },
          UpdateExpression: 'SET #feedback = :feedback',
          ConditionExpression: `attribute_exists(dossierCode) AND attribute_not_exists(#feedback) AND #status IN (${Object.keys(statuses).join(', ')})`,
          ExpressionAttributeNames: { '#feedback': 'feedback', '#status': 'status' },
          ExpressionAttributeValues: { ':feedback': feedback, ...statuses },
        }),
      );
    } catch (error) {
      // Settled statuses are final, so a failed condition means feedback was stored meanwhile.
      if (error instanceof ConditionalCheckFailedException) throw feedbackAlreadyGiven();
      throw error;
    }
  }

  /**
   * Up to `limit` items of one queue partition of the slim queue index (a unit code's shard), in its
   * order (see `queueAttributes`), within `range` and after `after`. The partition key comes from the
   * caller's unit, never from the position, so a position cannot lead into another unit's partition.
   */
  async queuePage(
    partition: string,
    range: QueueKeyRange | undefined,
    after: QueuePosition | undefined,
    limit: number,
  ) {
    const page = await documentClient.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: queue.name,
        KeyConditionExpression: range
          ? 'queuePartition = :partition AND queueKey BETWEEN :from AND :to'
          : 'queuePartition = :partition',
        ExpressionAttributeValues: {
          ':partition': partition,
          ...(range ? { ':from': range.from, ':to': range.to } : {}),
        },
        ExclusiveStartKey: after && { queuePartition: partition, ...after },
        Limit: limit,
      }),
    );
    return {
      items: [...wellFormedItems(QueueItemSchema, page.Items ?? [], this.tableName, reportMalformed)],
      more: page.LastEvaluatedKey !== undefined,
    };
  }

  /** The open dossiers (awaiting reception or received) of one queue partition, as the counts read them. */
  async openQueue(partition: string) {
    const items = await allPages<unknown>((startKey) =>
      documentClient.send(
        new QueryCommand({
          TableName: this.tableName,
          IndexName: queue.name,
          KeyConditionExpression: 'queuePartition = :partition AND queueKey BETWEEN :from AND :to',
          ProjectionExpression: COUNTED.map((_, index) => `#c${index}`).join(', '),
          ExpressionAttributeNames: Object.fromEntries(COUNTED.map((name, index) => [`#c${index}`, name])),
          ExpressionAttributeValues: {
            ':partition': partition,
            ':from': OPEN_RANGE.from,
            ':to': OPEN_RANGE.to,
          },
          ExclusiveStartKey: startKey,
        }),
      ),
    );
    return [...wellFormedItems(QueueCountSchema, items, this.tableName, reportMalformed)];
  }

  /**
   * The open dossiers the deadline sweep may act on at `now` (Vietnam ISO time), each read whole
   * once: those with something due by the clock (`nextDeadline` at most `now`), and those awaiting
   * form 04's draft whose appointment is at most `draftUntil` (every one without it).
   */
  async *dueForSweep(now: string, draftUntil: string | undefined): AsyncGenerator<DossierRecord> {
    const toDraft = this.everyShard(
      DeadlineKeySchema,
      apologies.name,
      draftUntil === undefined
        ? '#shard = :shard AND begins_with(#watch, :draft)'
        : '#shard = :shard AND #watch BETWEEN :draft AND :until',
      {
        names: { '#shard': 'apologyShard', '#watch': 'apologyWatch' },
        values: {
          ':draft': AWAITING_DRAFT,
          ...(draftUntil === undefined ? {} : { ':until': `${AWAITING_DRAFT}${draftUntil}` }),
        },
      },
    );
    const byClock = this.everyShard(DeadlineKeySchema, deadlines.name, '#shard = :shard AND #next <= :now', {
      names: { '#shard': 'deadlineShard', '#next': 'nextDeadline' },
      values: { ':now': now },
    });
    yield* this.readWhole(toDraft, byClock);
  }

  /**
   * How many open dossiers with form 04 drafted and not approved have their statutory appointment at
   * or before `dueBy` (Vietnam ISO time): their `awaitingApology` entries counted (Select COUNT), none
   * read.
   */
  async lateAwaitingApproval(dueBy: string): Promise<number> {
    let total = 0;
    for (let shard = 0; shard < KPI_INDEX_SHARDS; shard += 1)
      total += await this.countAll({
        IndexName: apologies.name,
        KeyConditionExpression: '#shard = :shard AND #watch BETWEEN :pending AND :until',
        ExpressionAttributeNames: { '#shard': 'apologyShard', '#watch': 'apologyWatch' },
        ExpressionAttributeValues: {
          ':shard': String(shard),
          ':pending': AWAITING_APPROVAL,
          ':until': `${AWAITING_APPROVAL}${dueBy}`,
        },
      });
    return total;
  }

  /** How many items a query of the table matches, page after page (Select COUNT: none travel). */
  private async countAll(query: Omit<QueryCommandInput, 'TableName' | 'Select' | 'ExclusiveStartKey'>) {
    let total = 0;
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await documentClient.send(
        new QueryCommand({
          ...query,
          TableName: this.tableName,
          Select: 'COUNT',
          ExclusiveStartKey: startKey,
        }),
      );
      total += page.Count ?? 0;
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return total;
  }

  /**
   * The dossiers the index entries name, each once whatever the sources naming it, read whole in
   * batches, eventually consistent at half the units: a change written from a stale read is refused
   * by its version condition, and the next run reads it again.
   */
  private async *readWhole(
    ...sources: AsyncIterable<{ dossierCode: string }>[]
  ): AsyncGenerator<DossierRecord> {
    const read = (batch: readonly string[]) => this.getMany(batch, { consistent: false });
    const seen = new Set<string>();
    let batch: string[] = [];
    for (const source of sources)
      for await (const { dossierCode } of source) {
        if (seen.has(dossierCode)) continue;
        seen.add(dossierCode);
        batch.push(dossierCode);
        if (batch.length < BATCH_GET_LIMIT) continue;
        yield* await read(batch);
        batch = [];
      }
    if (batch.length > 0) yield* await read(batch);
  }

  /**
   * Up to `limit` dossiers of one queue partition whose folded applicant name begins with `prefix`, by
   * name, after `after`: a search that matches nothing reads nothing but the index's first key.
   */
  async namePage(
    partition: string,
    prefix: string,
    after: { searchName: string; dossierCode: string } | undefined,
    limit: number,
  ) {
    const page = await documentClient.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: queueByName.name,
        KeyConditionExpression: 'queuePartition = :partition AND begins_with(searchName, :prefix)',
        ExpressionAttributeValues: { ':partition': partition, ':prefix': prefix },
        ExclusiveStartKey: after && { queuePartition: partition, ...after },
        Limit: limit,
      }),
    );
    return {
      items: [...wellFormedItems(QueueItemSchema, page.Items ?? [], this.tableName, reportMalformed)],
      more: page.LastEvaluatedKey !== undefined,
    };
  }

  /**
   * The dossiers whose applicant has the identifier of this keyed digest, first or second, in any
   * unit (the caller keeps its own), with their queue attributes.
   */
  async byIdentifierDigest(digest: string) {
    const codes = await Promise.all(
      [
        [byIdDigest.name, 'idDigest'],
        [bySecondIdDigest.name, 'secondIdDigest'],
      ].map(async ([indexName, key]) => {
        const items = await allPages<unknown>((startKey) =>
          documentClient.send(
            new QueryCommand({
              TableName: this.tableName,
              IndexName: indexName,
              KeyConditionExpression: '#key = :digest',
              ExpressionAttributeNames: { '#key': String(key) },
              ExpressionAttributeValues: { ':digest': digest },
              ExclusiveStartKey: startKey,
            }),
          ),
        );
        return [...wellFormedItems(DossierKeySchema, items, this.tableName, reportMalformed)].map(
          (item) => item.dossierCode,
        );
      }),
    );
    return this.queueItems(codes.flat());
  }

  /** The queue attributes of dossiers by their codes; unknown codes are left out. */
  async queueItems(dossierCodes: readonly string[]) {
    const names = Object.fromEntries(QUEUE_ITEM_ATTRIBUTES.map((name, index) => [`#q${index}`, name]));
    const items = await this.batchGet(dossierCodes, {
      ProjectionExpression: Object.keys(names).join(', '),
      ExpressionAttributeNames: names,
    });
    return [...wellFormedItems(QueueItemSchema, items, this.tableName, reportMalformed)];
  }

  /** Dossiers received and not settled yet (every one in the sparse index of open dossiers). */
  async *open(): AsyncGenerator<Partial<DossierRecord>> {
    const keys = this.everyShard(DeadlineKeySchema, deadlines.name, '#shard = :shard', {
      names: { '#shard': 'deadlineShard' },
      values: {},
    });
    for await (const item of this.readWhole(keys)) {
      if (OPEN_STATUSES.has(item.status) && item.receivedAt) yield item;
    }
  }

  /** Dossiers not yet queued nor arrived that were submitted before `before` (Vietnam ISO time). */
  awaitingRouting(before: string): AsyncGenerator<UnroutedDossier> {
    return this.everyShard(UnroutedSchema, unrouted.name, '#shard = :shard AND submittedAt < :before', {
      names: { '#shard': 'awaitingRouting' },
      values: { ':before': before },
    });
  }

  /** Dossiers received (or settled) in [from, to), Vietnam ISO times. */
  async *inKpiWindow(
    index: 'received' | 'settled',
    from: string,
    to: string,
  ): AsyncGenerator<Partial<DossierRecord>> {
    const attribute = index === 'received' ? 'receivedAt' : 'settledAt';
    const items = this.everyShard(
      StoredDossierPartSchema,
      (index === 'received' ? kpiReceived : kpiSettled).name,
      'kpiShard = :shard AND #at BETWEEN :from AND :to',
      { names: { '#at': attribute }, values: { ':from': from, ':to': to } },
    );
    for await (const item of items) if (String(item[attribute]) < to) yield item;
  }

  /**
   * The codes and receiving units of the dossiers received in [from, to), from the index by time
   * received, which carries the unit in `kpiFacts`.
   */
  async *receivedBetween(
    from: string,
    to: string,
  ): AsyncGenerator<{ dossierCode: string | undefined; agency: { code: string } | undefined }> {
    for await (const item of this.inKpiWindow('received', from, to)) {
      const agencyCode = factsOfDossier(item)?.agencyCode;
      yield { dossierCode: item.dossierCode, agency: agencyCode ? { code: agencyCode } : undefined };
    }
  }

  /** Every page of a query on an index spread over the KPI index shards, shard by shard (`:shard`). */
  private async *everyShard<S extends z.ZodType>(
    schema: S,
    indexName: string,
    keyCondition: string,
    { names, values }: { names: Record<string, string>; values: Record<string, unknown> },
  ): AsyncGenerator<z.output<S>> {
    for (let shard = 0; shard < KPI_INDEX_SHARDS; shard += 1) {
      let startKey: Record<string, unknown> | undefined;
      do {
        const page = await documentClient.send(
          new QueryCommand({
            TableName: this.tableName,
            IndexName: indexName,
            KeyConditionExpression: keyCondition,
            ExpressionAttributeNames: names,
            ExpressionAttributeValues: { ...values, ':shard': String(shard) },
            ExclusiveStartKey: startKey,
          }),
        );
        for (const item of page.Items ?? []) yield parseItem(schema, item, this.tableName);
        startKey = page.LastEvaluatedKey;
      } while (startKey);
    }
  }
}

function changedMeanwhile(): DomainError {
  return new DomainError('ILLEGAL_TRANSITION', {
    vi: 'Hồ sơ vừa được người khác cập nhật; vui lòng tải lại.',
    en: 'The dossier was changed by someone else meanwhile; reload it.',
  });
}

/** A left-out item is an error for the operator (logged with its key, counted for the dashboard). */
function reportMalformed(problem: { table: string; key: unknown; issues: string }): void {
  logger.error('malformed item left out of a listing', problem);
  count(BusinessMetric.MalformedItemSkipped);
}
