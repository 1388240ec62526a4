import { toVietnamIso } from '../calendar/time.ts';
import { DomainError } from '../common/errors.ts';
import { fnv1a } from '../common/fnv1a.ts';
import { type Applicant, applicantName } from '../intake/applicant.ts';
import { SETTLED_STATUSES } from '../lifecycle/dossier-status.ts';
import type { LifecycleState } from '../lifecycle/lifecycle.ts';

/**
 * The officers' work queue: which dossiers a unit holds, in which order, under which tab, and what a
 * search matches. The queue index carries only what is here, never the applicant's identifiers.
 */

export const QUEUE_TABS = ['all', 'reception', 'soon', 'late', 'mine'] as const;
export type QueueTab = (typeof QUEUE_TABS)[number];

/** Statuses after which the unit has nothing more to do with a dossier. */
export const CLOSED_STATUSES: ReadonlySet<string> = new Set([
  'not_accepted',
  'withdrawn',
  'stopped',
  ...SETTLED_STATUSES,
]);

/** Lines per page of the queue: unless asked otherwise, and at most. */
export const QUEUE_PAGE_DEFAULT = 50;
export const QUEUE_PAGE_MAX = 200;

/**
 * Where the unit's work on a dossier has ended: the queue lists these last. A completed dossier
 * (`done`) is not among them, since the desk still has to hand the result over.
 */
export const FINISHED_STATUSES: ReadonlySet<string> = new Set([
  'not_accepted',
  'withdrawn',
  'stopped',
  'result_returned',
]);

/** "Due soon": the appointment falls within this many working days. */
export const DUE_SOON_WORKING_DAYS = 2;

/**
 * The partitions each unit code's queue is spread over (ADR 0032). A partition of an index or of the
 * counts takes about 1,000 writes a second, about 125 dossiers a second through their whole life; a
 * unit takes this many times that. Every read of a unit's queue reads this many partitions, merged.
 * Raising it needs the dossiers already stored moved to their new partition
 * (`scripts/index-queue-search.ts`) and the counts recounted.
 */
export const QUEUE_SHARDS = 8;

/** A dossier's shard: FNV-1a of its code, so that a unit's dossiers spread evenly and stay put. */
export function queueShardOf(dossierCode: string): number {
  return fnv1a(dossierCode) % QUEUE_SHARDS;
}

const partitionName = (unitCode: string, shard: number) => `${unitCode}#${shard}`;

/**
 * The queue partition a dossier is in while `unitCode` holds it: the partition key of the queue
 * indexes and of the counts (`<unit code>#<shard>`).
 */
export function queuePartition(unitCode: string, dossierCode: string): string {
  return partitionName(unitCode, queueShardOf(dossierCode));
}

/** Every queue partition of a unit code. */
export function queuePartitions(unitCode: string): string[] {
  return Array.from({ length: QUEUE_SHARDS }, (_, shard) => partitionName(unitCode, shard));
}

/**
 * Attributes the queue index projects besides its keys (`queuePartition`, `queueKey`,
 * `dossierCode`): what a queue line, the filters, the counts and the search read.
 */
export const QUEUE_INDEX_ATTRIBUTES = [
  'currentAgencyCode',
  'procedure',
  'status',
  'channel',
  'submittedAt',
  'receivedAt',
  'dueAt',
  'extendedDueAt',
  'clock',
  'apology',
  'supplement',
  'openSteps',
  'openAssignees',
  'applicantName',
  'searchName',
  'idDigests',
] as const;

/** Written with every change of the lifecycle, so the index orders and filters without the item. */
export interface QueueAttributes {
  /** The index's partition key: the holding unit's code and the dossier's shard (`queuePartition`). */
  queuePartition: string;
  /**
   * The index's sort key: `0#submittedAt#code` while awaiting reception (oldest first),
   * `1#dueAt#code` once received, `2#…` once closed, so that one range read gives a tab and open
   * dossiers come first. The code makes every key unique: pages across a unit's codes merge exactly.
   */
  queueKey: string;
  /** The ids of the process steps open now; absent when the dossier follows no process. */
  openSteps?: string[] | undefined;
  /** The usernames the open steps are assigned to. */
  openAssignees?: string[] | undefined;
}

/** Written once, at intake, for the search: nothing here gives the identifiers back. */
export interface SearchAttributes {
  applicantName: string;
  /** The applicant's name folded (lower case, no diacritics, "đ" as "d"). */
  searchName: string;
  /** Keyed digests (HMAC) of the applicant's identifiers: a match needs the key, a leak gives no number. */
  idDigests: string[];
  /** The first and the second of `idDigests` on their own, as the identifier indexes' keys. */
  idDigest?: string | undefined;
  secondIdDigest?: string | undefined;
}

export type QueueBand = '0' | '1' | '2';

export function queueAttributes(
  state: Pick<LifecycleState, 'status' | 'receivedAt' | 'dueAt' | 'process'> & {
    dossierCode: string;
    currentAgencyCode: string;
    submittedAt?: string | undefined;
  },
): QueueAttributes {
  const band: QueueBand = FINISHED_STATUSES.has(state.status)
    ? '2'
    : state.receivedAt === undefined
      ? '0'
      : '1';
  const at = band === '0' ? state.submittedAt : (state.dueAt ?? state.receivedAt ?? state.submittedAt);
  const active = state.process?.active;
  return {
    queuePartition: queuePartition(state.currentAgencyCode, state.dossierCode),
    queueKey: `${band}#${at ?? ''}#${state.dossierCode}`,
    openSteps: active?.map((step) => step.step),
    openAssignees: active?.flatMap((step) => (step.assignee ? [step.assignee] : [])),
  };
}

export function bandOf(queueKey: string): QueueBand {
  const band = queueKey.charAt(0);
  return band === '0' || band === '1' ? band : '2';
}

/** The dossiers a queue read needs to see: a range of `queueKey` (inclusive), or the whole partition. */
export interface QueueKeyRange {
  from: string;
  to: string;
}

/** Greater than every character of an ISO time: the end of a band. */
const END = '~';

/** The narrowest key range holding every dossier of the tab; `until` is the end of "due soon". */
export function tabRange(tab: QueueTab, now: string, until: string): QueueKeyRange | undefined {
  switch (tab) {
    case 'reception':
      return { from: '0#', to: `0#${END}` };
    case 'soon':
      return { from: `1#${now}#${END}`, to: `1#${until}#${END}` };
    case 'late':
      return { from: '1#', to: `1#${now}#${END}` };
    case 'mine':
      return { from: '0#', to: `1#${END}` };
    default:
      return undefined;
  }
}

/** Bands 0 and 1: the dossiers the unit still has work on, which the counts read. */
export const OPEN_RANGE: QueueKeyRange = { from: '0#', to: `1#${END}` };

/** What the tab predicates read of a queue item. */
export interface TabFacts {
  queueKey: string;
  status: string;
  dueAt?: string | undefined;
  clock?: unknown;
  openAssignees?: string[] | undefined;
}

/** Instants as Vietnam ISO strings, and the officer asking. */
export interface TabContext {
  now: string;
  /** The end of "due soon": two working days from now. */
  until: string;
  username: string;
}

/** Received, not settled and with the clock running: the dossiers whose appointment is counted down. */
export const countsDown = (item: TabFacts): item is TabFacts & { dueAt: string } =>
  bandOf(item.queueKey) === '1' &&
  !CLOSED_STATUSES.has(item.status) &&
  !item.clock &&
  item.dueAt !== undefined;

/**
 * Whether a dossier belongs to a tab. "soon" and "late" judge the statutory appointment (`dueAt`),
 * as timeliness does, and leave out dossiers whose clock stands still; "soon" leaves out the late.
 */
export function inTab(item: TabFacts, tab: QueueTab, context: TabContext): boolean {
  switch (tab) {
    case 'reception':
      return bandOf(item.queueKey) === '0';
    case 'soon':
      return countsDown(item) && item.dueAt > context.now && item.dueAt <= context.until;
    case 'late':
      return countsDown(item) && item.dueAt <= context.now;
    case 'mine':
      return bandOf(item.queueKey) !== '2' && (item.openAssignees ?? []).includes(context.username);
    default:
      return true;
  }
}

/** How pressing an open, counting dossier is: for the colour of its line. */
export function urgency(item: TabFacts, context: TabContext): 'late' | 'soon' | 'on_time' | undefined {
  if (!countsDown(item)) return undefined;
  if (item.dueAt <= context.now) return 'late';
  return item.dueAt <= context.until ? 'soon' : 'on_time';
}

export type QueueCounts = Record<QueueTab, number>;

/** The unit's count per tab, over its open dossiers; `all` counts the open ones. */
export function countTabs(items: Iterable<TabFacts>, context: TabContext): QueueCounts {
  const counts: QueueCounts = { all: 0, reception: 0, soon: 0, late: 0, mine: 0 };
  for (const item of items) {
    if (bandOf(item.queueKey) === '2') continue;
    for (const tab of QUEUE_TABS) if (inTab(item, tab, context)) counts[tab] += 1;
  }
  return counts;
}

/** Filters of the query string; all must hold. Dates are Vietnam calendar days, inclusive. */
export interface QueueFilters {
  status?: string | undefined;
  step?: string | undefined;
  procedure?: string | undefined;
  channel?: string | undefined;
  receivedFrom?: string | undefined;
  receivedTo?: string | undefined;
}

export interface FilterFacts {
  status: string;
  channel: string;
  procedure: { code: string };
  receivedAt?: string | undefined;
  openSteps?: string[] | undefined;
}

export function matchesFilters(item: FilterFacts, filters: QueueFilters): boolean {
  const day = item.receivedAt && toVietnamIso(new Date(item.receivedAt)).slice(0, 10);
  return (
    (!filters.status || item.status === filters.status) &&
    (!filters.channel || item.channel === filters.channel) &&
    (!filters.procedure || item.procedure.code === filters.procedure) &&
    (!filters.step || (item.openSteps ?? []).includes(filters.step)) &&
    (!filters.receivedFrom || (day !== undefined && day >= filters.receivedFrom)) &&
    (!filters.receivedTo || (day !== undefined && day <= filters.receivedTo))
  );
}

/**
 * A name as the search compares it: decomposed, marks dropped, "đ" as "d", lower case, single spaces.
 * "Nguyễn Văn An", "NGUYEN VAN AN" and "nguyen  van an" are the same.
 */
export function foldName(value: string): string {
  return value
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * The key a folded name is indexed and searched by: the given name (its last word) first, then the
 * rest in order. Vietnamese registers sort and look people up by their given name, so "Đào" finds
 * "Đặng Thị Đào", and the full name typed in its usual order finds it too.
 */
export function nameSearchKey(folded: string): string {
  const words = folded.split(' ').filter(Boolean);
  const given = words.pop();
  return given === undefined ? '' : [given, ...words].join(' ');
}

/** An identifier as digested: no spaces, upper case (passport numbers have letters). */
export function normalizeIdentifier(value: string): string {
  return value.replace(/\s+/g, '').toUpperCase();
}

/** The applicant's own identifier and their representative's, if one submitted for them. */
export function applicantIdentifiers(applicant: Applicant): string[] {
  const own =
    applicant.kind === 'organisation'
      ? applicant.taxCode
      : applicant.kind === 'foreigner'
        ? applicant.passportNumber
        : applicant.idNumber;
  return [...new Set([own, applicant.representative?.idNumber].filter((id) => !!id).map(String))].map(
    normalizeIdentifier,
  );
}

/** The search attributes of a new dossier, given the keyed digests of `applicantIdentifiers`. */
export function searchAttributes(applicant: Applicant, idDigests: string[]): SearchAttributes {
  const name = applicantName(applicant);
  const [idDigest, secondIdDigest] = idDigests;
  return {
    applicantName: name,
    searchName: nameSearchKey(foldName(name)),
    idDigests,
    idDigest,
    secondIdDigest,
  };
}

/** The position after the last line of a page: where the next page starts. */
export interface QueuePosition {
  queueKey: string;
  dossierCode: string;
}

/** The order of the queue across the partitions of a unit's codes: the index's own (keys are unique). */
export function compareQueue(a: QueuePosition, b: QueuePosition): number {
  return a.queueKey < b.queueKey ? -1 : a.queueKey > b.queueKey ? 1 : 0;
}

/** The former `due` filter, kept: "soon" holds the late ones too. */
export function dueMatches(item: TabFacts, due: 'soon' | 'late', context: TabContext): boolean {
  return inTab(item, 'late', context) || (due === 'soon' && inTab(item, 'soon', context));
}

export function dueRange(due: 'soon' | 'late', context: TabContext): QueueKeyRange {
  return { from: '1#', to: `1#${due === 'late' ? context.now : context.until}#${END}` };
}

const CURSOR_PREFIX = 'q1.';
const QUEUE_KEY_PATTERN = /^[012]#[^#]*#([^#]+)$/;

/**
 * A page's cursor is the index key of its last line. It names no unit: the next read is made in the
 * partitions of the caller's own unit, so a cursor copied from elsewhere can only move within them.
 */
export function encodeCursor(position: QueuePosition): string {
  return CURSOR_PREFIX + Buffer.from(position.queueKey, 'utf8').toString('base64url');
}

/** The position a cursor names, if it is one this queue gave out for the range read now. */
export function decodeCursor(cursor: string, range: QueueKeyRange | undefined): QueuePosition {
  const queueKey = cursor.startsWith(CURSOR_PREFIX)
    ? Buffer.from(cursor.slice(CURSOR_PREFIX.length), 'base64url').toString('utf8')
    : '';
  const dossierCode = QUEUE_KEY_PATTERN.exec(queueKey)?.[1];
  const inRange = !range || (queueKey >= range.from && queueKey <= range.to);
  if (!dossierCode || !inRange) throw badCursor();
  return { queueKey, dossierCode };
}

export const badCursor = () =>
  new DomainError(
    'VALIDATION_FAILED',
    {
      vi: 'Con trỏ trang không hợp lệ; hãy tải lại danh sách từ trang đầu.',
      en: 'The page cursor is not valid; load the list again from its first page.',
    },
    [
      {
        field: 'cursor',
        message: {
          vi: 'Chỉ dùng giá trị nextCursor của trang trước, với cùng thẻ và bộ lọc.',
          en: 'Use the nextCursor of the previous page, with the same tab and filters.',
        },
      },
    ],
  );

/** A position in the name index: the folded name and the code of the last line given. */
export interface NamePosition {
  searchName: string;
  dossierCode: string;
}

export const namePosition = (item: {
  searchName?: string | undefined;
  dossierCode: string;
}): NamePosition => ({
  searchName: item.searchName ?? '',
  dossierCode: item.dossierCode,
});

/** The order of name matches across a unit's codes: the name index's own, by name then code. */
export function compareName(
  a: { searchName?: string | undefined; dossierCode: string },
  b: { searchName?: string | undefined; dossierCode: string },
): number {
  const [x, y] = [namePosition(a), namePosition(b)];
  if (x.searchName !== y.searchName) return x.searchName < y.searchName ? -1 : 1;
  return x.dossierCode < y.dossierCode ? -1 : x.dossierCode > y.dossierCode ? 1 : 0;
}

const NAME_CURSOR_PREFIX = 's1.';

/**
 * A search page's cursor: the name index position of its last line, or none when the page ended on
 * the exact matches (the names follow from their start). Like the queue's, it names no unit.
 */
export function encodeNameCursor(position: NamePosition | undefined): string {
  const text = position ? `${position.searchName}\n${position.dossierCode}` : '\n';
  return NAME_CURSOR_PREFIX + Buffer.from(text, 'utf8').toString('base64url');
}

/** Where a search resumes: only a cursor this search gave, for the same text. */
export function decodeNameCursor(cursor: string, name: string): { after: NamePosition | undefined } {
  const text = cursor.startsWith(NAME_CURSOR_PREFIX)
    ? Buffer.from(cursor.slice(NAME_CURSOR_PREFIX.length), 'base64url').toString('utf8')
    : '';
  const [searchName, dossierCode, ...rest] = text.split('\n');
  if (searchName === undefined || dossierCode === undefined || rest.length > 0) throw badCursor();
  if (searchName === '' && dossierCode === '') return { after: undefined };
  if (!dossierCode || !searchName.startsWith(name)) throw badCursor();
  return { after: { searchName, dossierCode } };
}
