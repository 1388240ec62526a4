import type { OfficerQueueQuery, OfficerQueueSearch } from '../../contracts/lifecycle.ts';
import { addWorkingDays, type WorkingCalendar } from '../../domain/calendar/calendar.ts';
import { toVietnamIso } from '../../domain/calendar/time.ts';
import { type QueueSource, queueEntry, unitCodes } from '../../domain/officers/officer-view.ts';
import { dueDay, dueTabCounts, edgeDays } from '../../domain/officers/queue-counts.ts';
import {
  compareName,
  compareQueue,
  DUE_SOON_WORKING_DAYS,
  decodeCursor,
  decodeNameCursor,
  dueMatches,
  dueRange,
  encodeCursor,
  encodeNameCursor,
  foldName,
  inTab,
  matchesFilters,
  type NamePosition,
  namePosition,
  nameSearchKey,
  normalizeIdentifier,
  QUEUE_PAGE_DEFAULT,
  type QueueAttributes,
  type QueueCounts,
  type QueueKeyRange,
  type QueuePosition,
  type QueueTab,
  queuePartitions,
  type SearchAttributes,
  type TabContext,
  tabRange,
  urgency,
} from '../../domain/officers/work-queue.ts';
import { firstMerged } from './merge-pages.ts';

/** A dossier as the queue index holds it; items stored before the search existed lack its attributes. */
export type QueueItem = QueueSource &
  Omit<QueueAttributes, 'queuePartition'> &
  Partial<SearchAttributes> & {
    currentAgencyCode: string;
  };

export interface QueuePorts {
  dossiers: {
    /**
     * Up to `limit` items of one queue partition (a unit code's shard) of the queue index, in its
     * order, within `range` (all of it when absent) and after `after`; `more` when the read stopped
     * before the end.
     */
    queuePage(
      partition: string,
      range: QueueKeyRange | undefined,
      after: QueuePosition | undefined,
      limit: number,
    ): Promise<{ items: QueueItem[]; more: boolean }>;
  };
  /** The counts kept per queue partition from the dossiers' changes (see `queue-counts.ts`). */
  counters: {
    /** `all`, `reception` and the officer's `mine`, summed over the queue partitions given. */
    read(
      partitions: readonly string[],
      username: string,
    ): Promise<{ all: number; reception: number; mine: number }>;
    /** One partition's dossiers counted down per day of their appointment, for the days up to `through`. */
    dueDays(partition: string, through: string): Promise<{ day: string; due: number }[]>;
    /** The appointments of one partition's dossiers counted down whose appointment falls on `day`. */
    dueEntries(partition: string, day: string): Promise<string[]>;
  };
  calendar: WorkingCalendar;
  now(): Date;
}

export interface SearchPorts extends QueuePorts {
  /** The keyed digest the intake stored of each applicant identifier. */
  identifiers: { digest(identifier: string): Promise<string> };
  search: {
    /** The queue items of these dossier codes, in any unit; unknown codes are left out. */
    byCodes(codes: readonly string[]): Promise<QueueItem[]>;
    /** The queue items of the dossiers whose applicant has this identifier digest, in any unit. */
    byIdentifierDigest(digest: string): Promise<QueueItem[]>;
    /** Up to `limit` items of one queue partition whose folded name begins with `prefix`, by name, after `after`. */
    namePage(
      partition: string,
      prefix: string,
      after: NamePosition | undefined,
      limit: number,
    ): Promise<{ items: QueueItem[]; more: boolean }>;
  };
}

type Unit = { code: string; aliases?: string[] | undefined };
type Officer = { username: string };

/**
 * One page of the unit's queue (its current code and former ones) under a tab, filtered, with the
 * counts per tab of the whole unit. Only pages are read for the lines; the counts are the unit's
 * counters and, for `soon` and `late`, counts of their key ranges.
 */
export async function listQueue(ports: QueuePorts, unit: Unit, officer: Officer, query: OfficerQueueQuery) {
  const { due } = query;
  return readQueue(ports, unit, officer, {
    tab: query.tab ?? 'all',
    limit: query.limit,
    cursor: query.cursor,
    range: (tab, context) =>
      due && tab === 'all' ? dueRange(due, context) : tabRange(tab, context.now, context.until),
    keep: (item, context) => matchesFilters(item, query) && (!due || dueMatches(item, due, context)),
  });
}

/**
 * The queue searched by a dossier code (exact, one key), an identifier (by its keyed digest, on the
 * identifier indexes) or the beginning of an applicant's folded name (on the name index), so that a
 * search reads what matches and never the unit's partition. The exact matches come first, on the first
 * page; the names follow by name. The text comes in a request body, never in a URL, and is neither
 * logged nor stored.
 */
export async function searchQueue(
  ports: SearchPorts,
  unit: Unit,
  officer: Officer,
  request: OfficerQueueSearch,
) {
  const text = request.text.trim();
  const name = nameSearchKey(foldName(text));
  const identifier = normalizeIdentifier(text);
  const context = tabContext(ports, officer);
  const tab = request.tab ?? 'all';
  const limit = request.limit ?? QUEUE_PAGE_DEFAULT;
  const resumed = request.cursor === undefined ? undefined : decodeNameCursor(request.cursor, name);
  const codes = unitCodes(unit);
  const partitions = codes.flatMap(queuePartitions);
  const keep = (item: QueueItem) => codes.includes(item.currentAgencyCode) && inTab(item, tab, context);
  const [exact, named, counts] = await Promise.all([
    resumed ? [] : exactMatches(ports, text, identifier),
    /\p{L}/u.test(name)
      ? firstMerged<QueueItem, NamePosition>(
          partitions.map(
            (partition) => (position: NamePosition | undefined, size: number) =>
              ports.search.namePage(partition, name, position, size),
          ),
          { positionOf: namePosition, after: resumed?.after, wanted: limit + 1, keep, compare: compareName },
        )
      : [],
    countQueue(ports, partitions, context),
  ]);
  const lead = exact.filter(keep).sort(compareQueue);
  const leading = new Set(lead.map((item) => item.dossierCode));
  const merged = [...lead, ...named.filter((item) => !leading.has(item.dossierCode))];
  return queueAnswer(ports, { unit, tab, counts, context }, merged, limit, (last) =>
    encodeNameCursor(leading.has(last.dossierCode) ? undefined : namePosition(last)),
  );
}

/** Dossiers whose code is the text, or whose applicant has the identifier the text is, in any unit. */
async function exactMatches(ports: SearchPorts, text: string, identifier: string): Promise<QueueItem[]> {
  const byCode = /^\S+$/.test(text) ? ports.search.byCodes([text]) : Promise.resolve([]);
  // Identifiers have digits: a name is never digested (no key operation for it).
  const byIdentifier =
    /^[0-9A-Z]{6,20}$/.test(identifier) && /\d/.test(identifier)
      ? ports.identifiers.digest(identifier).then((digest) => ports.search.byIdentifierDigest(digest))
      : Promise.resolve([]);
  const found = (await Promise.all([byCode, byIdentifier])).flat();
  return [...new Map(found.map((item) => [item.dossierCode, item])).values()];
}

interface Reading {
  tab: QueueTab;
  limit: number | undefined;
  cursor: string | undefined;
  range(tab: QueueTab, context: TabContext): QueueKeyRange | undefined;
  keep(item: QueueItem, context: TabContext): boolean;
}

function tabContext(ports: QueuePorts, officer: Officer): TabContext & { at: Date } {
  const now = ports.now();
  return {
    at: now,
    now: toVietnamIso(now),
    until: toVietnamIso(addWorkingDays(now, DUE_SOON_WORKING_DAYS, ports.calendar)),
    username: officer.username,
  };
}

/**
 * The counts per tab of a unit's queue partitions: `all`, `reception` and `mine` from the counters kept
 * per partition;
 * `soon` and `late` from the cells per day of appointment and, for today and the last day of "due
 * soon", the day's entries judged against the clock (no change of the dossier marks the moment one
 * becomes late): a few small reads, whatever the unit holds.
 */
async function countQueue(
  ports: QueuePorts,
  partitions: readonly string[],
  context: TabContext,
): Promise<QueueCounts> {
  const dueCounts = async (partition: string) => {
    const [days, ...edges] = await Promise.all([
      ports.counters.dueDays(partition, dueDay(context.until)),
      ...edgeDays(context).map(
        async (day): Promise<[string, string[]]> => [day, await ports.counters.dueEntries(partition, day)],
      ),
    ]);
    return dueTabCounts(days, new Map(edges), context);
  };
  const [kept, due] = await Promise.all([
    ports.counters.read(partitions, context.username),
    Promise.all(partitions.map(dueCounts)),
  ]);
  const sum = (tab: 'soon' | 'late') => due.reduce((total, counts) => total + counts[tab], 0);
  return { all: kept.all, reception: kept.reception, soon: sum('soon'), late: sum('late'), mine: kept.mine };
}

function queueLine(ports: QueuePorts, item: QueueItem, context: TabContext & { at: Date }) {
  return {
    ...queueEntry({ ...item, followsProcess: item.openSteps !== undefined }, context.at, ports.calendar),
    applicantName: item.applicantName,
    urgency: urgency(item, context),
    openSteps: item.openSteps,
    openAssignees: item.openAssignees,
  };
}

/** The first `limit` of `merged` as the API answers them, with a cursor when more follow. */
function queueAnswer<Counts, Tab extends string>(
  ports: QueuePorts,
  {
    unit,
    tab,
    counts,
    context,
  }: { unit: Unit; tab: Tab; counts: Counts; context: TabContext & { at: Date } },
  merged: QueueItem[],
  limit: number,
  cursorAfter: (last: QueueItem) => string,
) {
  const page = merged.slice(0, limit);
  const last = page.at(-1);
  return {
    agencyCode: unit.code,
    tab,
    counts,
    dossiers: page.map((item) => queueLine(ports, item, context)),
    ...(merged.length > limit && last ? { nextCursor: cursorAfter(last) } : {}),
  };
}

async function readQueue(ports: QueuePorts, unit: Unit, officer: Officer, reading: Reading) {
  const context = tabContext(ports, officer);
  const { tab } = reading;
  const limit = reading.limit ?? QUEUE_PAGE_DEFAULT;
  const range = reading.range(tab, context);
  const after = reading.cursor === undefined ? undefined : decodeCursor(reading.cursor, range);
  const keep = (item: QueueItem) => inTab(item, tab, context) && reading.keep(item, context);
  const partitions = unitCodes(unit).flatMap(queuePartitions);
  const [merged, counts] = await Promise.all([
    firstMerged<QueueItem, QueuePosition>(
      partitions.map(
        (partition) => (position: QueuePosition | undefined, size: number) =>
          ports.dossiers.queuePage(partition, range, position, size),
      ),
      {
        positionOf: (item): QueuePosition => ({ queueKey: item.queueKey, dossierCode: item.dossierCode }),
        after,
        wanted: limit + 1,
        keep,
        compare: compareQueue,
      },
    ),
    countQueue(ports, partitions, context),
  ]);
  return queueAnswer(ports, { unit, tab, counts, context }, merged, limit, encodeCursor);
}
