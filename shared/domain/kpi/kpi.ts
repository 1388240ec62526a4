import * as z from 'zod';
import { TierSchema } from '../agencies/tier-schema.ts';
import type { Tier } from '../agencies/tiers.ts';
import {
  formatLocalDate,
  TIMELINESS_LABELS,
  type Timeliness,
  toLocalDate,
  WORKING_DAY_MINUTES,
} from '../calendar/calendar.ts';
import { fnv1a } from '../common/fnv1a.ts';
import { keysOf, recordOf } from '../common/keys.ts';
import { type DossierStatus, SETTLED_STATUSES } from '../lifecycle/dossier-status.ts';
import { type Channel, ChannelSchema, DossierStatusSchema } from '../lifecycle/status-schemas.ts';
import { dayParts, periodsOfLocalDate } from './kpi-periods.ts';

export { DEFAULT_SIGNING_TARGETS, SigningTargetsSchema } from './signing-targets.ts';

import {
  isStepCountName,
  ProcessImageSchema,
  type StepCountName,
  type StepFacts,
  stepCounts,
  storedStepFactsOf,
} from './step-kpi.ts';

/**
 * The indicators provinces report (Circular 01/2020/TT-VPCP report layout, Decision 766/QĐ-TTg
 * index), as counts that events add to and rates computed from them.
 *
 * A dossier's contribution to the counters is a pure function of its stored record, so the stream
 * consumer adds `contributions(new) − contributions(old)` for every change and a recount sums
 * `contributions` over the dossiers of a period: both must agree, whatever the order of changes.
 */
export const FLOW_COUNT_NAMES = [
  'received',
  'receivedOnline',
  'receivedCounter',
  'receivedPostal',
  'digitisedDossiers',
  'settled',
  'settledEarly',
  'settledOnTime',
  'settledLate',
  'electronicResults',
  'resultsSigned',
  'receiptsIssued',
  'receiptsSigned',
  'documentsSent',
  'documentsSentSigned',
  'processingWorkingMinutes',
  'settledTimed',
  'feedbackCount',
  'feedbackRatingSum',
  'feedbackSatisfied',
  'feedbackNegative',
] as const;
/** Snapshots taken when a period is aggregated (at its end once closed), not sums of events. */
export const SNAPSHOT_COUNT_NAMES = [
  'pendingWithinTime',
  'pendingOverdue',
  'proceduresOffered',
  'proceduresOnline',
  'proceduresFullOnline',
  'onlineServicesUsed',
] as const;
export const KPI_COUNT_NAMES = [...FLOW_COUNT_NAMES, ...SNAPSHOT_COUNT_NAMES] as const;

export type FlowCountName = (typeof FLOW_COUNT_NAMES)[number];
export type SnapshotCountName = (typeof SNAPSHOT_COUNT_NAMES)[number];
export type KpiCounts = Record<(typeof KPI_COUNT_NAMES)[number], number>;
export type FlowCounts = Record<FlowCountName, number>;

/**
 * Besides the named counts, a unit's cell counts its online dossiers per procedure (`online#<code>`):
 * indicator 3.2 asks how many online services received at least one dossier in the period, which
 * no sum of per-dossier counts can tell. It also counts the process steps it finished (`step#…`,
 * see step-kpi.ts).
 */
export const ONLINE_PROCEDURE_PREFIX = 'online#';
export type ProcedureCountName = `${typeof ONLINE_PROCEDURE_PREFIX}${string}`;
export type CellCountName = FlowCountName | ProcedureCountName | StepCountName;
export type CellCounts = Partial<Record<FlowCountName, number>> & {
  [name: ProcedureCountName]: number;
  [name: StepCountName]: number;
};

const FLOW_COUNT_SET: ReadonlySet<string> = new Set(FLOW_COUNT_NAMES);

export function isCellCountName(name: string): name is CellCountName {
  return (
    FLOW_COUNT_SET.has(name) ||
    (name.startsWith(ONLINE_PROCEDURE_PREFIX) && name.length > ONLINE_PROCEDURE_PREFIX.length) ||
    isStepCountName(name)
  );
}

/** The counts of a cell, named ones and per-procedure ones; anything else on a stored cell is left out. */
export function cellCountEntries(counts: Readonly<Record<string, unknown>>): [CellCountName, number][] {
  const entries: [CellCountName, number][] = [];
  for (const [name, value] of Object.entries(counts)) {
    if (isCellCountName(name) && typeof value === 'number') entries.push([name, value]);
  }
  return entries;
}

export const onlineCountName = (procedureCode: string): ProcedureCountName =>
  `${ONLINE_PROCEDURE_PREFIX}${procedureCode}`;

/** A cell's online dossiers per procedure code (a unit's shards are summed before any is judged). */
export function onlineCountsByProcedure(counts: Readonly<Record<string, unknown>>): [string, number][] {
  return cellCountEntries(counts)
    .filter(([name]) => name.startsWith(ONLINE_PROCEDURE_PREFIX))
    .map(([name, value]) => [name.slice(ONLINE_PROCEDURE_PREFIX.length), value]);
}

export const emptyCounts = (): KpiCounts => recordOf(KPI_COUNT_NAMES, () => 0);

export const OPEN_STATUSES: ReadonlySet<DossierStatus> = new Set([
  'submitted',
  'accepted',
  'in_progress',
  'supplement_requested',
  'payment_requested',
]);

/** The fields of a stored dossier that the indicators read. */
export interface DossierFacts {
  agencyCode: string;
  tier: Tier;
  procedureCode?: string | undefined;
  receivedAt: Date;
  channel: Channel;
  attachments: number;
  status: DossierStatus;
  dueAt: Date;
  /** The clock stands still while the citizen completes the dossier. */
  clockPaused: boolean;
  settledAt?: Date | undefined;
  timeliness?: Timeliness | undefined;
  supplementRequests: number;
  receiptSigned: boolean;
  resultIssued: boolean;
  resultSigned: boolean;
  /** Working minutes from receipt to settlement, pauses for the applicant left out (kept at settlement). */
  processingWorkingMinutes?: number | undefined;
  feedbackRating?: number | undefined;
  /** The finished steps of its internal process, each counted for the unit that held it. */
  steps?: StepFacts[] | undefined;
}

/**
 * How many partitions the indexes read by time (`byReceivedAt`, `bySettledAt`, `openByDeadline`,
 * `awaitingRoutingSince`, `awaitingApology`) spread dossiers over. 64 keeps the busiest,
 * `byReceivedAt`, at about 12,800 dossiers a second (1,000 write units a partition; 8 shards bound
 * it at 1,600). A dossier keeps the shard it was given at intake, and readers query every shard below
 * this count, so raising it needs no backfill; lowering it would hide the dossiers of the shards
 * dropped.
 */
export const KPI_INDEX_SHARDS = 64;

/**
 * The shard a dossier is given at intake and keeps. FNV-1a: the earlier hash (× 31 per character)
 * spread a day's sequential codes evenly over 8 shards but from 2 to 226 per 100 over 64.
 */
export function kpiShardOf(dossierCode: string): string {
  return String(fnv1a(dossierCode) % KPI_INDEX_SHARDS);
}

/**
 * What the recount indexes project besides their keys and `receivedAt`/`settledAt`: the small
 * `kpiFacts` map the store writes with every change of its inputs, and the citizen's feedback, kept
 * apart because it is written without the lifecycle's `version`, so a lifecycle change racing it
 * would otherwise overwrite the rating with the one it read.
 */
export const KPI_INDEX_ATTRIBUTES = ['kpiFacts', 'feedback'];

/**
 * What `factsOfDossier` reads of a stored dossier or a stream image of one, which are untyped: the
 * attributes it needs must be there, the others are checked only when present.
 */
const DossierFactsImageSchema = z.looseObject({
  agency: z.looseObject({ code: z.string(), tier: TierSchema }),
  procedure: z.looseObject({ code: z.string().min(1) }).nullish(),
  receivedAt: z.string().min(1),
  dueAt: z.string().min(1),
  channel: ChannelSchema,
  status: DossierStatusSchema,
  attachments: z.array(z.unknown()).nullish(),
  clock: z.unknown().optional(),
  settledAt: z.string().nullish(),
  result: z
    .looseObject({
      timeliness: z.enum(keysOf(TIMELINESS_LABELS)).nullish(),
      documentKey: z.unknown().optional(),
      documentSignature: z.unknown().optional(),
      processingWorkingMinutes: z.number().min(0).nullish(),
    })
    .nullish(),
  supplementRequests: z.number().nullish(),
  receipt: z.looseObject({ signature: z.looseObject({ value: z.unknown().optional() }).nullish() }).nullish(),
  feedback: z.looseObject({ rating: z.number().nullish() }).nullish(),
  // A malformed process loses its steps only, never the dossier's other counts.
  process: ProcessImageSchema.nullish().catch(undefined),
});
type DossierFactsImage = z.infer<typeof DossierFactsImageSchema>;

/** A finished step as `kpiFacts` keeps it (times as stored, not parsed). */
const StoredStepFactsSchema = z.object({
  process: z.string().min(1),
  step: z.string().min(1),
  agencyCode: z.string().min(1),
  tier: TierSchema,
  finishedAt: z.string().min(1),
  timeliness: z.enum(keysOf(TIMELINESS_LABELS)),
  workingMinutes: z.number().min(0),
});

/** The facts of a dossier the recount indexes carry, besides `receivedAt`, `settledAt` and `feedback`. */
export const KpiFactsSchema = z.object({
  agencyCode: z.string(),
  tier: TierSchema,
  procedureCode: z.string().min(1).optional(),
  channel: ChannelSchema,
  attachments: z.number().int().min(0),
  status: DossierStatusSchema,
  dueAt: z.string().min(1),
  clockPaused: z.boolean(),
  timeliness: z.enum(keysOf(TIMELINESS_LABELS)).optional(),
  supplementRequests: z.number(),
  receiptSigned: z.boolean(),
  resultIssued: z.boolean(),
  resultSigned: z.boolean(),
  processingWorkingMinutes: z.number().min(0).optional(),
  steps: z.array(StoredStepFactsSchema),
});
export type KpiFacts = z.infer<typeof KpiFactsSchema>;

/** An entry of a recount index: its keys, `receivedAt`/`settledAt`, `kpiFacts` and `feedback`. */
const KpiIndexImageSchema = z.looseObject({
  receivedAt: z.string().min(1),
  settledAt: z.string().nullish(),
  kpiFacts: KpiFactsSchema,
  feedback: z.looseObject({ rating: z.number().nullish() }).nullish(),
});

function kpiFactsOfImage(item: DossierFactsImage): KpiFacts {
  const facts: KpiFacts = {
    agencyCode: item.agency.code,
    tier: item.agency.tier,
    channel: item.channel,
    attachments: item.attachments?.length ?? 0,
    status: item.status,
    dueAt: item.dueAt,
    clockPaused: item.clock !== undefined && item.clock !== null,
    supplementRequests: item.supplementRequests ?? 0,
    receiptSigned: Boolean(item.receipt?.signature?.value),
    resultIssued: Boolean(item.result?.documentKey),
    resultSigned: Boolean(item.result?.documentSignature),
    steps: storedStepFactsOf(item.process),
  };
  // Absent rather than undefined: DynamoDB stores no undefined member of a map.
  if (item.procedure?.code) facts.procedureCode = item.procedure.code;
  if (item.result?.timeliness) facts.timeliness = item.result.timeliness;
  const minutes = item.result?.processingWorkingMinutes;
  if (minutes !== undefined && minutes !== null) facts.processingWorkingMinutes = minutes;
  return facts;
}

/**
 * The `kpiFacts` map of a dossier as it is after a write (undefined for an incomplete one, such as
 * a draft): the store writes it with every change of what it is computed from.
 */
export function kpiFactsOf(dossier: unknown): KpiFacts | undefined {
  const parsed = DossierFactsImageSchema.safeParse(dossier);
  return parsed.success ? kpiFactsOfImage(parsed.data) : undefined;
}

function factsOf(
  facts: KpiFacts,
  times: { receivedAt: string; settledAt?: string | null | undefined },
  feedbackRating: number | null | undefined,
): DossierFacts {
  return {
    agencyCode: facts.agencyCode,
    tier: facts.tier,
    procedureCode: facts.procedureCode,
    receivedAt: new Date(times.receivedAt),
    channel: facts.channel,
    attachments: facts.attachments,
    status: facts.status,
    dueAt: new Date(facts.dueAt),
    clockPaused: facts.clockPaused,
    settledAt: times.settledAt ? new Date(times.settledAt) : undefined,
    timeliness: facts.timeliness,
    supplementRequests: facts.supplementRequests,
    receiptSigned: facts.receiptSigned,
    resultIssued: facts.resultIssued,
    resultSigned: facts.resultSigned,
    processingWorkingMinutes: facts.processingWorkingMinutes,
    feedbackRating: feedbackRating ?? undefined,
    steps: facts.steps.map((step) => ({
      ...step,
      finishedAt: new Date(step.finishedAt),
      workingMinutes: Math.round(step.workingMinutes),
    })),
  };
}

/**
 * The facts of a stored dossier or a stream image of one (computed from the whole item), or of an
 * entry of a recount index (read from its `kpiFacts`); undefined for an incomplete item.
 */
export function factsOfDossier(image: unknown): DossierFacts | undefined {
  const whole = DossierFactsImageSchema.safeParse(image);
  if (whole.success) return factsOf(kpiFactsOfImage(whole.data), whole.data, whole.data.feedback?.rating);
  const entry = KpiIndexImageSchema.safeParse(image);
  if (entry.success) return factsOf(entry.data.kpiFacts, entry.data, entry.data.feedback?.rating);
  return undefined;
}

/** Counts a change adds for one unit on one local day of one event (receipt, settlement, sending). */
export interface FlowContribution {
  kind: 'flow';
  agencyCode: string;
  tier: Tier;
  day: string;
  counts: CellCounts;
}

/** An open dossier, by the local day it is due (or `paused`): what "still within time / overdue" counts. */
export interface OpenContribution {
  kind: 'open';
  agencyCode: string;
  tier: Tier;
  dueDay: string;
  count: number;
}

export type Contribution = FlowContribution | OpenContribution;

export const localDay = (instant: Date) => formatLocalDate(toLocalDate(instant));
export const PAUSED_DUE_DAY = 'paused';

/** Decision 766 indicator 2.1: more than one supplement request counts as late. */
export function timelinessOf(facts: DossierFacts): Timeliness | undefined {
  if (!SETTLED_STATUSES.has(facts.status) || !facts.settledAt) return undefined;
  if (facts.supplementRequests > 1) return 'late';
  if (facts.timeliness) return facts.timeliness;
  if (facts.settledAt.getTime() > facts.dueAt.getTime()) return 'late';
  return localDay(facts.settledAt) < localDay(facts.dueAt) ? 'early' : 'on_time';
}

const CHANNEL_COUNT: Record<Channel, FlowCountName> = {
  online: 'receivedOnline',
  counter: 'receivedCounter',
  postal: 'receivedPostal',
};
const TIMELINESS_COUNT: Record<Timeliness, FlowCountName> = {
  early: 'settledEarly',
  on_time: 'settledOnTime',
  late: 'settledLate',
};

/**
 * What one dossier adds: its receipt on the day received (an online one also under its procedure,
 * for 3.2); its settlement, processing time, result and the citizen's rating on the day settled
 * (satisfaction is reported with the settlement it rates); its place among the open dossiers while
 * it is open, attributed throughout to the receiving unit; each finished step of its internal process
 * on the day it finished, for the unit that held it. The receipt (form 01) the platform signs
 * by itself is counted apart: it is not a document the unit signs (see `signedRate`).
 */
export function contributions(facts: DossierFacts): Contribution[] {
  const unit = { agencyCode: facts.agencyCode, tier: facts.tier };
  const received: CellCounts = {
    received: 1,
    [CHANNEL_COUNT[facts.channel]]: 1,
    receiptsIssued: 1,
  };
  if (facts.attachments > 0) received.digitisedDossiers = 1;
  if (facts.receiptSigned) received.receiptsSigned = 1;
  if (facts.channel === 'online' && facts.procedureCode) {
    received[onlineCountName(facts.procedureCode)] = 1;
  }
  const result: Contribution[] = [
    { kind: 'flow', ...unit, day: localDay(facts.receivedAt), counts: received },
  ];
  const timeliness = timelinessOf(facts);
  if (timeliness && facts.settledAt) {
    const settled: CellCounts = { settled: 1, [TIMELINESS_COUNT[timeliness]]: 1 };
    if (facts.processingWorkingMinutes !== undefined) {
      settled.settledTimed = 1;
      settled.processingWorkingMinutes = Math.round(facts.processingWorkingMinutes);
    }
    if (facts.resultIssued) {
      settled.electronicResults = 1;
      if (facts.resultSigned) settled.resultsSigned = 1;
    }
    if (facts.feedbackRating !== undefined) {
      settled.feedbackCount = 1;
      settled.feedbackRatingSum = facts.feedbackRating;
      if (facts.feedbackRating >= 4) settled.feedbackSatisfied = 1;
      if (facts.feedbackRating <= 2) settled.feedbackNegative = 1;
    }
    result.push({ kind: 'flow', ...unit, day: localDay(facts.settledAt), counts: settled });
  }
  if (OPEN_STATUSES.has(facts.status)) {
    const dueDay = facts.clockPaused ? PAUSED_DUE_DAY : localDay(facts.dueAt);
    result.push({ kind: 'open', ...unit, dueDay, count: 1 });
  }
  for (const step of facts.steps ?? []) {
    result.push({
      kind: 'flow',
      agencyCode: step.agencyCode,
      tier: step.tier,
      day: localDay(step.finishedAt),
      counts: stepCounts(step),
    });
  }
  return result;
}

/** A document an agency sent through the exchange, counted on the day it was sent. */
export function documentSentContribution(document: {
  senderOrganId: string;
  senderTier: Tier;
  sentAt: string;
  signed: boolean;
}): FlowContribution {
  return {
    kind: 'flow',
    agencyCode: document.senderOrganId,
    tier: document.senderTier,
    day: localDay(new Date(document.sentAt)),
    counts: { documentsSent: 1, ...(document.signed ? { documentsSentSigned: 1 } : {}) },
  };
}

/**
 * Counter cells are kept per unit (tiers and the province are summed from them when a period is
 * aggregated): `period|agencyCode` → counts, and `agencyCode|dueDay` → open dossiers.
 */
export interface FlowCell {
  agencyCode: string;
  tier: Tier;
  period: string;
  counts: CellCounts;
}
export interface OpenCell {
  agencyCode: string;
  tier: Tier;
  dueDay: string;
  count: number;
}
export interface CounterDeltas {
  flow: Map<string, FlowCell>;
  open: Map<string, OpenCell>;
}

export const emptyDeltas = (): CounterDeltas => ({ flow: new Map(), open: new Map() });

function addCounts(target: CellCounts, counts: CellCounts, sign: number): void {
  for (const [name, value] of cellCountEntries(counts)) {
    target[name] = (target[name] ?? 0) + sign * value;
  }
}

/** Adds contributions (sign +1) or takes them away (−1), over the day, month, quarter and year. */
export function accumulate(deltas: CounterDeltas, items: readonly Contribution[], sign: 1 | -1): void {
  for (const item of items) {
    if (item.kind === 'open') {
      const key = `${item.agencyCode}|${item.dueDay}`;
      const cell = deltas.open.get(key) ?? { ...item, count: 0 };
      cell.count += sign * item.count;
      deltas.open.set(key, cell);
      continue;
    }
    const [year, month, day] = dayParts(item.day);
    for (const period of Object.values(periodsOfLocalDate({ year, month, day }))) {
      const key = `${period}|${item.agencyCode}`;
      const cell = deltas.flow.get(key) ?? {
        agencyCode: item.agencyCode,
        tier: item.tier,
        period,
        counts: {},
      };
      addCounts(cell.counts, item.counts, sign);
      deltas.flow.set(key, cell);
    }
  }
}

/** The net change between two versions of a record: only the cells that really changed. */
export function changeDeltas(before: readonly Contribution[], after: readonly Contribution[]): CounterDeltas {
  const deltas = emptyDeltas();
  accumulate(deltas, before, -1);
  accumulate(deltas, after, 1);
  return prune(deltas);
}

export function prune(deltas: CounterDeltas): CounterDeltas {
  for (const [key, cell] of deltas.flow) {
    for (const [name, value] of cellCountEntries(cell.counts)) {
      if (value === 0) delete cell.counts[name];
    }
    if (Object.keys(cell.counts).length === 0) deltas.flow.delete(key);
  }
  for (const [key, cell] of deltas.open) if (cell.count === 0) deltas.open.delete(key);
  return deltas;
}

/** Merges `more` into `into`, so a batch of stream records becomes one write per cell. */
export function mergeDeltas(into: CounterDeltas, more: CounterDeltas): CounterDeltas {
  for (const [key, cell] of more.flow) {
    const target = into.flow.get(key) ?? { ...cell, counts: {} };
    addCounts(target.counts, cell.counts, 1);
    into.flow.set(key, target);
  }
  for (const [key, cell] of more.open) {
    const target = into.open.get(key) ?? { ...cell, count: 0 };
    target.count += cell.count;
    into.open.set(key, target);
  }
  return prune(into);
}

/** A unit's open dossiers gathered from due days long past: before every day a run splits at. */
export const OVERDUE_DUE_DAY = '0000-00-00';

/**
 * Whether a unit's open dossiers due on `dueDay` may be gathered into its overdue cell: due before
 * the first day of `today`'s month, they are overdue at every day a run splits at (today, or the
 * day after a period that has just closed, which is never before that first day). Gathering them
 * keeps what a run reads to this month's and later due days, however long the history.
 */
export function foldsIntoOverdue(dueDay: string, today: string): boolean {
  return dueDay !== PAUSED_DUE_DAY && dueDay !== OVERDUE_DUE_DAY && dueDay < `${today.slice(0, 7)}-01`;
}

/** Open dossiers split at `today`: due before it is overdue; due today or later, or paused, is within time. */
export function pendingOf(openByDueDay: Iterable<[string, number]>, today: string) {
  let pendingWithinTime = 0;
  let pendingOverdue = 0;
  for (const [dueDay, count] of openByDueDay) {
    if (dueDay !== PAUSED_DUE_DAY && dueDay < today) pendingOverdue += count;
    else pendingWithinTime += count;
  }
  return { pendingWithinTime, pendingOverdue };
}

export interface Rate {
  numerator: number;
  denominator: number;
  value: number | null;
}

export function rate(numerator: number, denominator: number): Rate {
  return {
    numerator,
    denominator,
    value: denominator <= 0 ? null : Math.min(1, Math.max(0, numerator / denominator)),
  };
}

export type TargetedRate = Rate & { target?: number; targetMet?: boolean | null };

const withTarget = (value: Rate, target: number | undefined): TargetedRate =>
  target === undefined
    ? value
    : { ...value, target, targetMet: value.value === null ? null : value.value >= target };

/**
 * Indicator 2.1: dossiers settled in the period early or on time plus those still open within time,
 * over all dossiers settled in the period or still open at its end ("đã và đang xử lý").
 */
export const onTimeRateOf = (counts: KpiCounts): Rate =>
  rate(
    counts.settledEarly + counts.settledOnTime + counts.pendingWithinTime,
    counts.settled + counts.pendingWithinTime + counts.pendingOverdue,
  );

/** Indicator 2.2 in working days (8 working hours each); null when no settled dossier has a time. */
export const averageProcessingDaysOf = (counts: KpiCounts): number | null =>
  counts.settledTimed === 0
    ? null
    : counts.processingWorkingMinutes / counts.settledTimed / WORKING_DAY_MINUTES;

/**
 * The documents a unit's signing target counts: results it issued electronically and documents it
 * sent through the exchange. The receipt (form 01) the platform signs by itself is not one of them.
 */
export const signedRateOf = (counts: KpiCounts): Rate =>
  rate(counts.resultsSigned + counts.documentsSentSigned, counts.electronicResults + counts.documentsSent);

/** Every rate of a row, with its numerator and denominator; `tier` chooses the signing target. */
export function indicatorsOf(counts: KpiCounts, tier: Tier | undefined, targets: Record<string, number>) {
  const target = tier === undefined ? undefined : targets[tier];
  return {
    onTimeRate: onTimeRateOf(counts),
    onlineProcedureRate: rate(counts.proceduresOnline, counts.proceduresOffered),
    onlineServiceRate: rate(counts.onlineServicesUsed, counts.proceduresOnline),
    onlineRate: rate(counts.receivedOnline, counts.received),
    digitisationRate: rate(counts.electronicResults, counts.settled),
    digitisedDossierRate: rate(counts.digitisedDossiers, counts.received),
    signedRate: withTarget(signedRateOf(counts), target),
    exchangeSignedRate: withTarget(rate(counts.documentsSentSigned, counts.documentsSent), target),
    fullOnlineProcedureRate: rate(counts.proceduresFullOnline, counts.proceduresOffered),
    satisfactionRate: rate(counts.feedbackSatisfied, counts.feedbackCount),
    averageProcessingDays: averageProcessingDaysOf(counts),
    averageRating: counts.feedbackCount === 0 ? null : counts.feedbackRatingSum / counts.feedbackCount,
  };
}

export type KpiIndicators = ReturnType<typeof indicatorsOf>;

/** Formula of each indicator, shown next to it (and in the CSV export). */
export const KPI_FORMULAS = {
  onTimeRate: {
    name: { vi: 'Tỷ lệ hồ sơ xử lý trước hạn, đúng hạn', en: 'Dossiers handled early or on time' },
    formula:
      '(settledEarly + settledOnTime + pendingWithinTime) / (settled + pendingWithinTime + pendingOverdue)',
    source: 'Decision 766 indicator 2.1, settled and still open; a 2nd supplement request is late',
  },
  averageProcessingDays: {
    name: {
      vi: 'Thời gian giải quyết trung bình (ngày làm việc)',
      en: 'Average processing time (working days)',
    },
    formula:
      'processingWorkingMinutes / settledTimed / 480 (receipt to settlement, applicant waits left out)',
    source: 'Decision 766 indicator 2.2; not scored',
  },
  onlineProcedureRate: {
    name: { vi: 'Tỷ lệ TTHC cung cấp dịch vụ công trực tuyến', en: 'Procedures offered online' },
    formula: 'proceduresOnline (partial or full) / proceduresOffered (catalog)',
    source: 'Decision 766 indicator 3.1',
  },
  onlineServiceRate: {
    name: {
      vi: 'Tỷ lệ dịch vụ công trực tuyến có phát sinh hồ sơ',
      en: 'Online services that received dossiers',
    },
    formula: 'onlineServicesUsed (with an online dossier received in the period) / proceduresOnline',
    source: 'Decision 766 indicator 3.2',
  },
  onlineRate: {
    name: { vi: 'Tỷ lệ hồ sơ trực tuyến', en: 'Dossiers filed online' },
    formula: 'receivedOnline / received',
    source: 'Decision 766 indicator 3.3',
  },
  digitisationRate: {
    name: { vi: 'Tỷ lệ cấp kết quả điện tử', en: 'Results issued electronically' },
    formula: 'electronicResults / settled',
    source: 'Decision 766 indicator 4.1',
  },
  digitisedDossierRate: {
    name: { vi: 'Tỷ lệ hồ sơ số hóa', en: 'Digitised dossiers' },
    formula: 'digitisedDossiers / received (dossiers received with electronic documents)',
    source: 'Decision 766 indicator 4.2',
  },
  signedRate: {
    name: { vi: 'Tỷ lệ văn bản, kết quả được ký số', en: 'Results and documents sent, signed' },
    formula:
      '(resultsSigned + documentsSentSigned) / (electronicResults + documentsSent), against the tier target',
    source: 'Seeds: 80% district-level units, 60% communes; receipts (form 01) not counted',
  },
  exchangeSignedRate: {
    name: { vi: 'Tỷ lệ văn bản điện tử gửi đi có ký số', en: 'Exchanged documents signed' },
    formula: 'documentsSentSigned / documentsSent, against the tier target',
    source: 'Seeds: 80% district-level units, 60% communes',
  },
  fullOnlineProcedureRate: {
    name: {
      vi: 'Tỷ lệ thủ tục cung cấp trực tuyến toàn trình',
      en: 'Procedures offered full-process online',
    },
    formula: 'proceduresFullOnline / proceduresOffered (catalog at aggregation time)',
    source: 'Seeds (full-process online services per unit); shown beside 3.1, not scored',
  },
  satisfactionRate: {
    name: { vi: 'Tỷ lệ hài lòng', en: 'Satisfied citizens' },
    formula: 'feedbackSatisfied (rating ≥ 4) / feedbackCount',
    source: 'Citizen feedback channel (seeds)',
  },
  averageRating: {
    name: { vi: 'Điểm đánh giá trung bình', en: 'Average rating' },
    formula: 'feedbackRatingSum / feedbackCount (1–5)',
    source: 'Citizen feedback channel (seeds)',
  },
  pending: {
    name: { vi: 'Hồ sơ đang giải quyết (trong hạn / quá hạn)', en: 'Open dossiers (within time / overdue)' },
    formula:
      'open dossiers at the end of the period (now for the current one); overdue when due on an earlier day; paused clocks are within time',
    source: 'Circular 01/2020/TT-VPCP report layout',
  },
  score766: {
    name: { vi: 'Bộ chỉ số 766 (thang 100 điểm)', en: 'Decision 766 index (out of 100)' },
    formula: 'threshold scoring: full points at or above the threshold, else rate × points ÷ threshold',
    source: 'Decision 766/QĐ-TTg (2022); points per indicator are configuration (verify)',
  },
} as const;
