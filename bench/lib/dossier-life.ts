import { type IndexLayout, TABLES as TABLE_LAYOUT } from '../../shared/config/tables.ts';
import { PENDING_SHARDS } from '../../shared/domain/audit/audit-anchor.ts';
import {
  DEFAULT_KPI_COUNTER_SHARDS as KPI_SHARDS,
  MAX_KPI_COUNTER_SHARDS,
} from '../../shared/domain/kpi/counter-shards.ts';
import { KPI_INDEX_SHARDS } from '../../shared/domain/kpi/kpi.ts';
import { streamDeltas } from '../../shared/domain/kpi/kpi-events.ts';
import { counterMoves } from '../../shared/domain/officers/queue-counts.ts';
import { QUEUE_SHARDS } from '../../shared/domain/officers/work-queue.ts';
import { dossierEvents } from '../../shared/domain/webhooks/webhooks.ts';

const DOSSIER_INDEXES = TABLE_LAYOUT.dossiers.indexes;
const QUEUE_INDEX = DOSSIER_INDEXES.queue.name;
/** The deadline sweep's indexes, which the floor does without. */
const SWEEP_INDEXES = new Set<string>([DOSSIER_INDEXES.deadlines.name, DOSSIER_INDEXES.apologies.name]);
const KPI_INDEXES = { received: DOSSIER_INDEXES.kpiReceived.name, settled: DOSSIER_INDEXES.kpiSettled.name };

import type { DocumentSigningMode } from '../../shared/domain/signing/document-signing.ts';
import {
  type IndexShape,
  type Projection,
  projectedEntry,
  readCost,
  type TableShape,
  totalUnits,
  writeCost,
} from './capacity.ts';
import { type DossierLife, floorDossier } from './dossier-items.ts';
import { itemSize, readUnits, STORAGE_OVERHEAD_BYTES } from './item-size.ts';

/**
 * The life of one dossier as the requests it causes, each with its AWS calls and their capacity
 * units: what the web form and the officers' pages send, what the queues, streams and SES events
 * set off. `variant: 'floor'` is the same life with the fewest requests the features need (see
 * docs/cost-model.md for each difference); both are computed by the same functions below.
 */

type Item = Record<string, unknown>;

export type Call =
  | { service: 'DynamoDB'; op: string; table: string; read: number; write: number; indexWrite: number }
  | { service: 'S3'; op: 'PUT' | 'COPY' | 'POST' | 'GET' | 'HEAD' }
  | { service: 'KMS'; op: 'Sign' }
  | { service: 'SQS'; queue: 'fifo' | 'standard'; requests: number }
  | { service: 'SES'; mails: number };

export interface Step {
  name: string;
  /** How many times one dossier's life makes this request. */
  times: number;
  apiRequests: number;
  invocations: number;
  calls: Call[];
}

export type Variant = 'now' | 'floor';

/** What the model assumes about a province and its people; every figure is printed with the tables. */
export const ASSUMPTIONS = {
  dossiersPerYear: 1_000_000,
  /** Units (communes, departments, the province) in the registry, each a KPI row per period. */
  units: 180,
  /** Officers signing in at least once a month (Cognito bills the user pool per active user): ≈ 8 per unit. */
  officersActivePerMonth: 1_500,
  /** Procedures in the province's catalog (the form's list and the aggregator read them all). */
  procedures: 1_800,
  /** Dossiers an officer's queue page returns (the unit's open dossiers). */
  queueLength: 20,
  /**
   * What a queue page's counts read of the unit's day cells and entries (ADR 0023): the days with
   * dossiers counted down, late ones included, up to the end of "due soon", and the dossiers due on
   * each of the two edge days (≈ 5,500 dossiers a year per unit: about 22 a working day).
   */
  dueDaysRead: 30,
  dueEntriesPerDay: 22,
  /** Citizens' attachments (the form's two) and the officer's result file, bytes each. */
  attachmentBytes: 300 * 1024,
  resultBytes: 180 * 1024,
  /** A rendered, signed form 01 PDF with its embedded font subset. */
  formPdfBytes: 80 * 1024,
  /** Billed GB-seconds per invocation: the emulator run's 0.32 GB-s over 25 invocations (bench/README). */
  gbSecondsPerInvocation: 0.0127,
  /** CloudWatch Logs bytes per invocation: platform START/END/REPORT lines and 1–2 structured lines. */
  logBytesPerInvocation: 600,
  /** Lambda's SQS event source polls each queue with 5 long-polling connections (20 s each) when idle. */
  pollersPerQueue: 5,
  queues: 6,
  /**
   * New instances of the catalog function a day, each reading the catalog and the registry once (it
   * keeps them per published version): two instances replaced every hour, generously.
   */
  catalogInstanceStartsPerDay: 48,
  /** The aggregator's run time (512 MB), as measured at 110,000 dossiers in bench/README. */
  aggregatorSeconds: 1,
  daysPerMonth: 30,
};

/** An index of `shared/config/tables.ts` as the capacity rules read it. */
function indexShape(layout: IndexLayout): IndexShape {
  const projection: Projection =
    layout.projection === undefined
      ? 'ALL'
      : layout.projection === 'keys'
        ? 'KEYS_ONLY'
        : [...layout.projection];
  return {
    name: layout.name,
    keys: [layout.partitionKey.name, ...(layout.sortKey ? [layout.sortKey.name] : [])],
    projection,
  };
}

/** The Dossiers indexes as deployed: `TABLES.dossiers.indexes`, which the data stack creates. */
const DEPLOYED_INDEXES: readonly IndexShape[] = Object.values(
  DOSSIER_INDEXES as Record<string, IndexLayout>,
).map(indexShape);

/**
 * The floor's KPI indexes: keys, the other time and a small facts map without the times (see
 * `floorDossier`), the due date beside it; feedback is in the map.
 */
const FLOOR_KPI_PROJECTION: Record<string, readonly string[]> = {
  [KPI_INDEXES.received]: ['kpiFacts', 'dueAt', 'settledAt'],
  [KPI_INDEXES.settled]: ['kpiFacts', 'dueAt', 'receivedAt'],
};

/**
 * The Dossiers table and its indexes: `now` as deployed (derived from `shared/config/tables.ts`,
 * so it cannot drift from the layout), the floor's beside it. The floor keeps the deployed queue,
 * name and identifier indexes (the queue's tabs, counts and search read what they project), the
 * unrouted index, and its own KPI projections; it has neither index of open dossiers by deadline or
 * apology (its apology sweep reads the queue index per unit). The floor's entries are never larger than now's
 * (a unit test holds it to that).
 */
export function dossiersTable(variant: Variant): TableShape {
  const keys = [TABLE_LAYOUT.dossiers.partitionKey.name];
  if (variant === 'now') return { name: 'Dossiers', keys, indexes: DEPLOYED_INDEXES };
  return {
    name: 'Dossiers',
    keys,
    indexes: DEPLOYED_INDEXES.filter((index) => !SWEEP_INDEXES.has(index.name)).map((index) => {
      const kpi = FLOOR_KPI_PROJECTION[index.name];
      return kpi ? { ...index, projection: kpi } : index;
    }),
  };
}

const plain = (name: string, keys: string[]): TableShape => ({ name, keys, indexes: [] });
const TABLES = {
  idempotency: plain('Idempotency', ['id']),
  counters: plain('Counters', ['counterKey']),
  reference: plain('Reference', ['kind', 'code']),
  audit: plain('Audit', ['chain', 'seq']),
  pending: plain('AuditPending', ['shard', 'chain']),
  mail: plain('Mail', ['pk']),
  kpiCounters: plain('KpiCounters', ['bucket', 'cell']),
  kpiRows: plain('KpiRows', ['period', 'scopeKey']),
  officers: plain('Officers', ['officerId']),
  webhooks: plain('Webhooks', ['pk', 'sk']),
  documents: plain('Documents', ['pk', 'sk']),
  queueCounts: plain('QueueCounts', ['pk', 'sk']),
};

/** A counter cell as the KPI stream consumer leaves it: a unit's counts for one period and shard. */
/** The aggregator's fingerprints of the open periods it last wrote. */
const PUBLISHED_FINGERPRINTS: Item = {
  period: '_state',
  scopeKey: 'published',
  fingerprints: Object.fromEntries(
    ['2026-11-24', '2026-11', '2026-Q4', '2026'].map((p) => [p, 'x'.repeat(43)]),
  ),
};
/** What the open-dossier index returns: its keys and the table's. */
const DEADLINE_KEYS: Item = {
  dossierCode: '000.17.22.H56-261124-0001',
  deadlineShard: '3',
  nextDeadline: '2026-11-27T17:00:00+07:00',
};
/** What the index of dossiers awaiting an apology returns: its keys and the table's. */
const APOLOGY_KEYS: Item = {
  dossierCode: '000.17.22.H56-261124-0001',
  apologyShard: '3',
  apologyWatch: 'pending#2026-11-27T17:00:00+07:00',
};

/** What the queue counter reads of a stream image: the queue attributes the store writes with the item. */
function asStored(item: Item | undefined) {
  if (!item) return undefined;
  return {
    dossierCode: String(item.dossierCode),
    currentAgencyCode: item.currentAgencyCode as string | undefined,
    queueKey: item.queueKey as string | undefined,
    status: item.status as string | undefined,
    dueAt: item.dueAt as string | undefined,
    clock: item.clock,
    openAssignees: item.openAssignees as string[] | undefined,
  };
}

/**
 * The queue counter's items: a dossier's last counted version, a unit's tab counts (a day's count is
 * smaller), and a dossier's entry on the day of its appointment.
 */
const QUEUE_APPLIED: Item = { pk: 'dossier#000.17.22.H56-261124-0001', sk: 'applied', version: 7 };
const QUEUE_CELL: Item = { pk: 'unit#000.17.22.H56#3', sk: 'tabs', all: 1234, reception: 140 };
const QUEUE_DAY: Item = { pk: 'unit#000.17.22.H56#3', sk: 'due#2026-12-10', due: 12 };
const QUEUE_ENTRY: Item = {
  pk: 'due#000.17.22.H56#3#2026-12-10',
  sk: '2026-12-10T17:00:00+07:00#000.17.22.H56-261124-0001',
  dueAt: '2026-12-10T17:00:00+07:00',
};

const COUNTER_CELL: Item = {
  bucket: 'd2026-11-24#3',
  cell: '000.17.22.H56',
  tier: 'commune',
  received: 123,
  receivedOnline: 120,
  settled: 118,
  settledEarly: 60,
  settledOnTime: 55,
  settledLate: 3,
  receiptsSigned: 123,
  resultsIssued: 110,
  resultsSigned: 110,
  feedbackCount: 40,
  feedbackTotal: 187,
};

const read = (
  shape: TableShape,
  op: string,
  items: readonly Item[],
  mode: 'eventual' | 'strong' | 'transactional',
): Call => ({
  service: 'DynamoDB',
  op,
  table: shape.name,
  read: readCost(items, mode),
  write: 0,
  indexWrite: 0,
});

const write = (shape: TableShape, op: string, before: Item | undefined, after: Item | undefined): Call => {
  const cost = writeCost(shape, before, after);
  return {
    service: 'DynamoDB',
    op,
    table: shape.name,
    read: 0,
    write: cost.table,
    indexWrite: totalUnits(cost) - cost.table,
  };
};

/** One TransactWriteItems: every item billed twice, its indexes once. */
const transaction = (...writes: [TableShape, Item | undefined, Item | undefined][]): Call => {
  const costs = writes.map(([shape, before, after]) =>
    writeCost(shape, before, after, { transactional: true }),
  );
  const tableUnits = costs.reduce((sum, cost) => sum + cost.table, 0);
  return {
    service: 'DynamoDB',
    op: 'TransactWriteItems',
    table: writes.map(([shape]) => shape.name).join('+'),
    read: 0,
    write: tableUnits,
    indexWrite: costs.reduce((sum, cost) => sum + totalUnits(cost), 0) - tableUnits,
  };
};

const s3 = (op: Extract<Call, { service: 'S3' }>['op'], times = 1): Call[] =>
  Array.from({ length: times }, () => ({ service: 'S3', op }));
const kmsSign = (times = 1): Call[] => Array.from({ length: times }, () => ({ service: 'KMS', op: 'Sign' }));
/** A message sent, then received and deleted by its event source mapping. */
const message = (queue: 'fifo' | 'standard'): Call => ({ service: 'SQS', queue, requests: 3 });
const missing: Item[] = [];

/**
 * The whole life of one dossier, request by request. `documentSigning` is the deployment's setting
 * (ADR 0012, amendment): with `session`, forms and the result are signed by a session key, so the
 * life makes no KMS request of its own (the session's one per instance and hour is left out).
 */
export function dossierLife(
  life: DossierLife,
  variant: Variant,
  documentSigning: DocumentSigningMode = 'kms',
): Step[] {
  const floor = variant === 'floor';
  const sessionSigned = documentSigning === 'session';
  const d = dossiersTable(variant);
  const stage = (item: Item) => (floor ? floorDossier(item) : item);
  const s = Object.fromEntries(
    Object.entries(life.stages).map(([name, item]) => [name, stage(item)]),
  ) as Record<keyof DossierLife['stages'], Item>;
  const {
    audit: auditTable,
    pending,
    reference,
    idempotency,
    counters,
    mail,
    officers,
    kpiCounters,
    webhooks,
  } = TABLES;
  const auditItems = life.audit.map((a) => a.entry as unknown as Item);
  let appended = 0;
  /** The next audit entry with its pending mark, as one transaction (`AuditLog.putItems`). */
  const auditPair = (): [TableShape, Item | undefined, Item | undefined][] => {
    const next = life.audit[appended];
    appended += 1;
    if (!next) throw new Error('The life appends more audit entries than were built');
    return [
      [auditTable, undefined, next.entry as unknown as Item],
      [pending, undefined, next.mark],
    ];
  };
  /** The chain's head, read before an append (`AuditLog.head`: Query, Limit 1, consistent). */
  const head = () => read(auditTable, 'Query', [auditItems[appended - 1] ?? {}], 'strong');
  // Reference reads (ADR 0028): a request reads one copy of the pointer naming the published
  // versions, once; the registry, procedures and process sets of those versions are kept per function
  // instance. The floor keeps the pointer too, for a few minutes.
  const reference_ = (items: Item[], mode: 'eventual' | 'strong' = 'eventual') =>
    floor ? [] : items.map((item) => read(reference, 'GetItem', [item], mode));
  const pointerRead = () => reference_([life.catalogPointer], 'strong');
  const agencyRead = pointerRead;
  const officerAuth = () => [read(officers, 'GetItem', [life.officerRecord], 'eventual')];
  // Two lock items (the code, the caller's address), read consistently; neither exists as a rule.
  const lookupGate = () => [{ ...read(TABLES.counters, 'BatchGetItem', missing, 'strong'), read: 2 }];
  const dossierRead = (item: Item) => read(d, 'GetItem', [item], 'strong');

  const steps: Step[] = [];
  const step = (name: string, calls: Call[], { times = 1, apiRequests = 1, invocations = 1 } = {}) =>
    steps.push({ name, times, apiRequests, invocations, calls });

  step('Citizen page: GET /', []);
  step(
    'Form data: GET /procedures',
    // The floor publishes the catalog as a file at import: the browser reads it from S3. The
    // function reads the pointer naming the published versions; the lists it keeps per instance and
    // version are read when an instance starts (scheduled work below).
    floor ? s3('GET') : [read(reference, 'GetItem', [life.catalogPointer], 'strong')],
    floor ? { apiRequests: 0, invocations: 0 } : {},
  );
  step('Presign an upload: POST /attachments', [], { times: 2 });
  step('Upload: browser POST to S3', s3('POST'), { times: 2, apiRequests: 0, invocations: 0 });
  step('Intake: POST /dossiers (Idempotency-Key)', [
    // The idempotency library's record: in progress, then completed with the answer. The floor
    // answers replays from the intake claim the transaction already writes.
    ...(floor ? [] : [write(idempotency, 'PutItem', undefined, life.idempotency.inProgress)]),
    read(idempotency, 'GetItem', missing, 'strong'),
    ...pointerRead(),
    ...life.uploadClaims.map(() => read(idempotency, 'GetItem', missing, 'strong')),
    ...s3('GET', 2),
    write(counters, 'UpdateItem', life.sequenceCounter, life.sequenceCounter),
    ...s3('COPY', 2),
    transaction(
      [d, undefined, s.created],
      ...auditPair(),
      [idempotency, undefined, life.intakeClaim],
      ...life.uploadClaims.map((claim): [TableShape, Item | undefined, Item | undefined] => [
        idempotency,
        undefined,
        claim,
      ]),
    ),
    message('fifo'),
    // The floor does not mark the dossier queued: the tier consumer's arrival write clears the
    // re-send sweep's index entry, and the sweep waits its grace time before re-sending.
    ...(floor ? [] : [write(d, 'UpdateItem', s.created, s.queued)]),
    ...(floor
      ? []
      : [write(idempotency, 'UpdateItem', life.idempotency.inProgress, life.idempotency.completed)]),
  ]);
  const routedFrom = floor ? s.created : s.queued;
  step(
    'Routing: tier consumer records arrival, queues the submission mail',
    [write(d, 'UpdateItem', routedFrom, s.arrived), message('standard')],
    { apiRequests: 0 },
  );
  const mailSteps = (template: string) => {
    step(
      `Mail (${template}): mail sender`,
      [
        dossierRead(template === 'receipt' ? s.arrived : s.completed),
        write(mail, 'PutItem', undefined, life.mail.claim),
        read(mail, 'GetItem', missing, 'strong'),
        { service: 'SES', mails: 1 },
        write(mail, 'PutItem', life.mail.claim, life.mail.sent),
        write(mail, 'PutItem', undefined, life.mail.message),
      ],
      { apiRequests: 0 },
    );
    step(
      `Mail (${template}): SES send and delivery events`,
      [write(mail, 'UpdateItem', life.mail.message, life.mail.messageAfterEvents)],
      { times: 2, apiRequests: 0 },
    );
  };
  mailSteps('submission');
  step('Form 01: GET /dossiers/{code}/forms/01', [
    ...lookupGate(),
    dossierRead(s.arrived),
    ...s3('HEAD'),
    ...agencyRead(),
    // The floor signs forms with the session key, as receipts are signed: no KMS request.
    ...(floor || sessionSigned ? [] : kmsSign(2)),
    ...s3('PUT'),
    head(),
    transaction(...auditPair()),
  ]);
  step('Form 01: browser GET of the signed PDF', s3('GET'), { apiRequests: 0, invocations: 0 });
  // A queue page: entries of the queue index (`queuePage`), each what the index projects of a dossier,
  // read from each of the unit's partitions (ADR 0032): the unit's open dossiers spread over them (a
  // page asks each for its share and half again, more than a partition of this queue holds).
  const queueIndex = d.indexes.find((index) => index.name === QUEUE_INDEX);
  const queueEntry = queueIndex && projectedEntry(d, queueIndex, s.arrived);
  if (!queueEntry) throw new Error(`The dossier has no entry in ${QUEUE_INDEX}`);
  const partitionReads = (shape: TableShape, count: number, item: Item) =>
    Array.from({ length: QUEUE_SHARDS }, () =>
      read(
        shape,
        'Query',
        Array.from({ length: Math.ceil(count / QUEUE_SHARDS) }, () => item),
        'eventual',
      ),
    );
  step('Officer: GET /officer/queue', [
    ...officerAuth(),
    ...agencyRead(),
    ...partitionReads(d, ASSUMPTIONS.queueLength, queueEntry),
    // The counts, per partition: the tabs and the officer's cell, the day cells, the entries of two days.
    read(
      TABLES.queueCounts,
      'BatchGetItem',
      Array.from({ length: 2 * QUEUE_SHARDS }, () => QUEUE_CELL),
      'eventual',
    ),
    ...partitionReads(TABLES.queueCounts, ASSUMPTIONS.dueDaysRead, QUEUE_DAY),
    ...partitionReads(TABLES.queueCounts, ASSUMPTIONS.dueEntriesPerDay, QUEUE_ENTRY),
    ...partitionReads(TABLES.queueCounts, ASSUMPTIONS.dueEntriesPerDay, QUEUE_ENTRY),
  ]);
  step('Officer: GET /officer/dossiers/{code}', [
    ...officerAuth(),
    dossierRead(s.arrived),
    ...agencyRead(),
    head(),
    transaction(...auditPair()),
  ]);
  const action = (name: string, before: Item, after: Item, extra: Call[] = [], claim?: Item) =>
    step(`Officer: ${name}`, [
      ...officerAuth(),
      dossierRead(before),
      ...agencyRead(),
      ...extra,
      head(),
      transaction(
        [d, before, after],
        ...auditPair(),
        ...(claim
          ? [[idempotency, undefined, claim] as [TableShape, Item | undefined, Item | undefined]]
          : []),
      ),
    ]);
  // Reception queues the citizen's receipt mail (the submission's was queued at routing).
  action('accept', s.arrived, s.accepted, [message('standard')]);
  mailSteps('receipt');
  action('start processing', s.accepted, s.started);
  step('Officer: presign the result upload', []);
  step('Officer: browser POST of the result to S3', s3('POST'), { apiRequests: 0, invocations: 0 });
  action(
    'complete with the signed result',
    s.started,
    s.completed,
    [
      read(idempotency, 'GetItem', missing, 'strong'),
      ...s3('GET'),
      ...s3('COPY'),
      ...(sessionSigned ? [] : kmsSign(1)),
      message('standard'),
    ],
    life.resultClaim,
  );
  mailSteps('result_ready');
  action('return the result', s.completed, s.returned);
  step('Citizen: lookup page GET /lookup', []);
  step('Citizen: GET /dossiers/{code}', [
    ...lookupGate(),
    dossierRead(s.returned),
    head(),
    transaction(...auditPair()),
  ]);
  step('Citizen: POST /dossiers/{code}/feedback', [
    ...lookupGate(),
    dossierRead(s.returned),
    write(d, 'UpdateItem', s.returned, s.feedback),
  ]);

  // Every change of the dossier reaches the change counter (KPI counters and queue counts) and the
  // webhook dispatcher through the table's stream (Lambda's stream reads are free); at a province's
  // rate a batch holds one change. For the queue counts it writes, in one transaction, the version it applies, each cell the
  // change moves (the unit's tabs, an assignee's `mine`, the day of the appointment) and the day
  // entries it adds or removes; then deletes, if zero, each day cell it brought down.
  const changes: [string, Item | undefined, Item][] = [
    ['created', undefined, s.created],
    ...(floor ? [] : ([['marked queued', s.created, s.queued]] as [string, Item, Item][])),
    ['arrived', routedFrom, s.arrived],
    ['accepted', s.arrived, s.accepted],
    ['processing started', s.accepted, s.started],
    ['completed', s.started, s.completed],
    ['result returned', s.completed, s.returned],
    ['feedback', s.returned, s.feedback],
  ];
  for (const [change, before, after] of changes) {
    const deltas = streamDeltas([{ table: 'dossiers', before, after }]);
    const cells = deltas.flow.size + deltas.open.size;
    const events = dossierEvents(before as never, after as never);
    const queueMoves = counterMoves(asStored(before), asStored(after));
    const queueWrites = queueMoves.cells.length + queueMoves.put.length + queueMoves.remove.length;
    const emptiedDays = queueMoves.cells.filter((move) => (move.by.due ?? 0) < 0);
    step(
      `Stream: ${change} (${cells} KPI cells, ${events.length} webhook events, ${queueWrites} queue cells and entries)`,
      [
        ...Array.from({ length: cells }, () => write(kpiCounters, 'UpdateItem', COUNTER_CELL, COUNTER_CELL)),
        ...(events.length > 0 ? [read(webhooks, 'Query', missing, 'strong')] : []),
        ...(queueWrites > 0
          ? [
              transaction(
                [TABLES.queueCounts, QUEUE_APPLIED, QUEUE_APPLIED],
                ...queueMoves.cells.map((): [TableShape, Item, Item] => [
                  TABLES.queueCounts,
                  QUEUE_CELL,
                  QUEUE_CELL,
                ]),
                ...queueMoves.put.map((): [TableShape, undefined, Item] => [
                  TABLES.queueCounts,
                  undefined,
                  QUEUE_ENTRY,
                ]),
                ...queueMoves.remove.map((): [TableShape, Item, undefined] => [
                  TABLES.queueCounts,
                  QUEUE_ENTRY,
                  undefined,
                ]),
              ),
            ]
          : []),
        ...emptiedDays.map(() => write(TABLES.queueCounts, 'DeleteItem', QUEUE_DAY, undefined)),
      ],
      { apiRequests: 0, invocations: 2 },
    );
  }
  if (appended !== life.audit.length)
    throw new Error(`The life appended ${appended} of ${life.audit.length} audit entries`);
  return steps;
}

/** Scheduled work for one month of a province, and the Scan/Query reads that grow with dossiers kept. */
export interface MonthlyWork {
  name: string;
  runs: number;
  invocationsPerRun: number;
  calls: Call[];
  /** Read units per run per million dossiers kept (work that grows with the table). */
  readUnitsPerMillionKept?: number;
}

export function scheduledWork(life: DossierLife, variant: Variant, kpiRow: Item): MonthlyWork[] {
  const floor = variant === 'floor';
  const a = ASSUMPTIONS;
  const days = a.daysPerMonth;
  const runsEvery = (minutes: number) => Math.round((days * 24 * 60) / minutes);
  const perRun = runsEvery(15);
  const dossiersPerRun = a.dossiersPerYear / 12 / perRun;
  // Units whose counts change in a 15-minute run (each dossier changes about 8 times).
  const touched = a.units * (1 - Math.exp((-dossiersPerRun * 8) / a.units));
  const { reference, kpiCounters, kpiRows, webhooks, audit, pending } = TABLES;
  const cells = (count: number) => Array.from({ length: count }, () => COUNTER_CELL);
  // One item per open period (every unit's counts), rewritten only when a count changed, which in
  // a province of this size is every run. The floor is the same: it wrote only the changed rows.
  const kpiRowWrites = [
    read(kpiRows, 'GetItem', [PUBLISHED_FINGERPRINTS], 'eventual'),
    ...Array.from({ length: 4 }, () => write(kpiRows, 'PutItem', kpiRow, kpiRow)),
    write(kpiRows, 'PutItem', PUBLISHED_FINGERPRINTS, PUBLISHED_FINGERPRINTS),
  ];
  const auditHours = new Set(life.audit.map((entry) => entry.entry.at.slice(0, 13))).size;
  const dossiersPerMonth = a.dossiersPerYear / 12;
  const lastStage = floor ? floorDossier(life.stages.feedback) : life.stages.feedback;
  const d = dossiersTable(variant);
  const kpiEntry = (name: string) => {
    const index = d.indexes.find((i) => i.name === name);
    return (index && projectedEntry(d, index, lastStage)) ?? {};
  };
  const recountBytes = itemSize(kpiEntry(KPI_INDEXES.received)) + itemSize(kpiEntry(KPI_INDEXES.settled));
  // Dossiers late with form 04 drafted and not approved, which the sweep counts (keys only) at each
  // run: at most two days of intake, as many as were near or past a deadline before it read them.
  const lateAwaitingApproval = Math.round((a.dossiersPerYear / 365) * 2);
  // The sweep reads whole only the dossiers with something to do: a step past its deadline, an
  // appointment passed, a draft opened. At most one such action per dossier and run is assumed for
  // every dossier (on-time dossiers have none), so a run reads a run's intake.
  const sweepActions = Math.ceil(dossiersPerRun);
  const openStage = floor ? floorDossier(life.stages.started) : life.stages.started;
  return [
    {
      // The floor's form reads a file from S3 (in the life) and has no such reads.
      name: `Catalog and registry read by each new ListProcedures instance (${a.catalogInstanceStartsPerDay} a day)`,
      runs: floor ? 0 : days * a.catalogInstanceStartsPerDay,
      invocationsPerRun: 0,
      calls: [
        read(
          reference,
          'Query',
          Array.from({ length: a.procedures }, () => life.procedureItem),
          'eventual',
        ),
        read(
          reference,
          'Query',
          Array.from({ length: a.units }, () => life.agencyItem),
          'eventual',
        ),
      ],
    },
    {
      name: 'KPI aggregator (every 15 min): registry, catalog, counters, the changed item of each of 4 open periods',
      runs: perRun,
      invocationsPerRun: 1,
      calls: [
        read(
          reference,
          'Query',
          Array.from({ length: a.units }, () => life.agencyItem),
          'eventual',
        ),
        // The floor reads a per-unit summary of the catalog written at import, not every procedure.
        ...(floor
          ? [
              read(
                reference,
                'GetItem',
                [{ kind: 'catalog', code: 'summary', units: 'x'.repeat(a.units * 24) }],
                'eventual',
              ),
            ]
          : [
              read(reference, 'GetItem', [life.catalogPointer], 'strong'),
              read(
                reference,
                'Query',
                Array.from({ length: a.procedures }, () => life.procedureItem),
                'eventual',
              ),
            ]),
        // The open bucket and 4 periods, each over the shards written and, empty, up to the readers' reach.
        ...Array.from({ length: KPI_SHARDS }, () =>
          read(kpiCounters, 'Query', cells((a.units * 10) / KPI_SHARDS), 'eventual'),
        ),
        ...Array.from({ length: 4 * KPI_SHARDS }, () =>
          read(kpiCounters, 'Query', cells(a.units / KPI_SHARDS), 'eventual'),
        ),
        ...Array.from({ length: 5 * (MAX_KPI_COUNTER_SHARDS - KPI_SHARDS) }, () =>
          read(kpiCounters, 'Query', [], 'eventual'),
        ),
        ...kpiRowWrites,
        // The rows' stream: the dispatcher reads each changed unit's subscriptions once per batch.
        ...Array.from({ length: Math.ceil(touched) }, () => read(webhooks, 'Query', [], 'strong')),
      ],
    },
    {
      name: 'KPI rows stream: webhook dispatcher (50 records a batch)',
      runs: perRun,
      invocationsPerRun: 1,
      calls: [],
    },
    {
      name: 'KPI close: recount day, month, quarter, year from the two KPI indexes',
      runs: days,
      invocationsPerRun: 0,
      calls: [
        // Each dossier is read from both indexes once per closed period of each granularity.
        {
          service: 'DynamoDB',
          op: 'Query',
          table: 'Dossiers (KPI indexes)',
          read: readUnits(((dossiersPerMonth * 4) / days) * recountBytes, 'eventual'),
          write: 0,
          indexWrite: 0,
        },
        ...Array.from({ length: Math.ceil(a.units * (1 + 1 / 30 + 1 / 90 + 1 / 365)) }, () =>
          read(TABLES.documents, 'Query', [], 'eventual'),
        ),
      ],
    },
    {
      name: floor
        ? 'Apology sweep (every 15 min): overdue open dossiers, one queue-index query per unit'
        : 'Apology sweep (every 15 min): what is due (two key-only indexes), late drafts counted, those due read whole',
      runs: perRun,
      invocationsPerRun: 1,
      calls: floor
        ? Array.from({ length: a.units }, () => read(d, 'Query', [], 'eventual'))
        : [
            // Keys only, shard by shard: what is due by the clock, what awaits its draft, and the
            // late drafts awaiting approval counted (Select COUNT reads their entries all the same).
            ...Array.from({ length: KPI_INDEX_SHARDS }, (_, shard) => [
              read(
                d,
                'Query',
                Array.from({ length: Math.ceil(sweepActions / KPI_INDEX_SHARDS) }, () => DEADLINE_KEYS),
                'eventual',
              ),
              // The drafts opening in a run: about one a run, among the actions read whole below.
              read(d, 'Query', shard === 0 ? [APOLOGY_KEYS] : [], 'eventual'),
              read(
                d,
                'Query',
                Array.from(
                  { length: Math.ceil(lateAwaitingApproval / KPI_INDEX_SHARDS) },
                  () => APOLOGY_KEYS,
                ),
                'eventual',
              ),
            ]).flat(),
            // Eventually consistent: a change from a stale read is refused by its version condition.
            read(
              d,
              'BatchGetItem',
              Array.from({ length: sweepActions }, () => openStage),
              'eventual',
            ),
          ],
    },
    {
      name: 'Audit anchoring (hourly): heads of touched chains, a signed checkpoint, marks cleared',
      runs: runsEvery(60),
      invocationsPerRun: 1,
      calls: [
        ...Array.from({ length: PENDING_SHARDS }, () => read(pending, 'Query', [], 'eventual')),
        ...Array.from({ length: Math.round((dossiersPerMonth * auditHours) / runsEvery(60)) }, () => [
          read(audit, 'Query', [life.audit[0]?.entry as unknown as Item], 'strong'),
          write(pending, 'DeleteItem', life.audit[0]?.mark, undefined),
        ]).flat(),
        read(pending, 'GetItem', [{ shard: 'latest', chain: 'latest', number: 1 }], 'strong'),
        ...s3('GET'),
        ...kmsSign(1),
        ...s3('PUT'),
        write(pending, 'PutItem', undefined, { shard: 'latest', chain: 'latest', number: 1 }),
      ],
    },
    {
      name: 'Re-send sweep (every 5 min): the unrouted index, shard by shard',
      runs: runsEvery(5),
      invocationsPerRun: 1,
      calls: Array.from({ length: KPI_INDEX_SHARDS }, () =>
        read(dossiersTable(variant), 'Query', [], 'eventual'),
      ),
    },
    {
      name: `Idle polling of ${a.queues} queues by their event sources`,
      runs: 1,
      invocationsPerRun: 0,
      calls: [
        {
          service: 'SQS',
          queue: 'fifo',
          requests: a.queues * a.pollersPerQueue * 3 * 60 * 24 * days,
        },
      ],
    },
  ];
}

/** Bytes one dossier keeps, by table (items + 100 bytes each) and index, and in S3 by object. */
export interface KeptBytes {
  dynamodb: Record<string, number>;
  /** Of the DynamoDB bytes, those in tables with point-in-time recovery (indexes are not backed up). */
  pitr: number;
  /** What S3 keeps of a dossier, in `filesClass`; the floor moves files to Glacier Instant Retrieval. */
  files: Record<string, number>;
  uploads: number;
  filesClass: 'S3.StandardGbMonth' | 'S3.GlacierInstantGbMonth';
}

export function keptBytes(life: DossierLife, variant: Variant): KeptBytes {
  const floor = variant === 'floor';
  const last = floor ? floorDossier(life.stages.feedback) : life.stages.feedback;
  const d = dossiersTable(variant);
  const stored = (item: Item) => itemSize(item) + STORAGE_OVERHEAD_BYTES;
  const dynamodb: Record<string, number> = { Dossiers: stored(last) };
  for (const index of d.indexes) {
    const entry = projectedEntry(d, index, last);
    if (entry) dynamodb[`Dossiers index ${index.name}`] = stored(entry);
  }
  dynamodb.Audit = life.audit.reduce((sum, a) => sum + stored(a.entry as unknown as Item), 0);
  // Upload claims have no expiry; the intake claim and the idempotency record expire after a day.
  dynamodb['Idempotency (upload claims)'] = [...life.uploadClaims, life.resultClaim].reduce(
    (sum, c) => sum + stored(c),
    0,
  );
  dynamodb['Mail (2 sends, 2 messages)'] =
    2 * (stored(life.mail.sent) + stored(life.mail.messageAfterEvents));
  const pitr = Object.entries(dynamodb)
    .filter(([name]) => !name.includes(' index '))
    .reduce((sum, [, bytes]) => sum + bytes, 0);
  const a = ASSUMPTIONS;
  return {
    dynamodb,
    pitr,
    files: {
      'Attachments (the dossier’s copies)': 2 * a.attachmentBytes,
      'Result file (the dossier’s copy)': a.resultBytes,
      'Form 01 PDF': a.formPdfBytes,
    },
    // Uploads expire after 7 days: 7 days of a month of the three uploads, in S3 Standard.
    uploads: ((2 * a.attachmentBytes + a.resultBytes) * 7) / days(),
    filesClass: floor ? 'S3.GlacierInstantGbMonth' : 'S3.StandardGbMonth',
  };
}

const days = () => ASSUMPTIONS.daysPerMonth;
