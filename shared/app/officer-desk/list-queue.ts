import type { OfficerQueueQuery, OfficerQueueSearch } from '../../contracts/lifecycle.ts';
import { addWorkingDays, type WorkingCalendar } from '../../domain/calendar/calendar.ts';
import { toVietnamIso } from '../../domain/calendar/time.ts';
import { type QueueSource, queueEntry, unitCodes } from '../../domain/officers/officer-view.ts';
import {
  compareQueue,
  countTabs,
  DUE_SOON_WORKING_DAYS,
  decodeCursor,
  dueMatches,
  dueRange,
  encodeCursor,
  foldName,
  inTab,
  matchesFilters,
  matchesSearch,
  normalizeIdentifier,
  QUEUE_PAGE_DEFAULT,
  type QueueAttributes,
  type QueueKeyRange,
  type QueuePosition,
  type QueueTab,
  type SearchAttributes,
  type TabContext,
  type TabFacts,
  tabRange,
  urgency,
} from '../../domain/officers/work-queue.ts';

/** A dossier as the queue index holds it; items stored before the search existed lack its attributes. */
export type QueueItem = QueueSource &
  QueueAttributes &
  Partial<SearchAttributes> & {
    currentAgencyCode: string;
  };

export interface QueuePorts {
  dossiers: {
    /**
     * Up to `limit` items of one unit code's partition of the queue index, in its order, within
     * `range` (all of it when absent) and after `after`; `more` when the read stopped before the end.
     */
    queuePage(
      code: string,
      range: QueueKeyRange | undefined,
      after: QueuePosition | undefined,
      limit: number,
    ): Promise<{ items: QueueItem[]; more: boolean }>;
    /** The open dossiers of one unit code's partition (bands 0 and 1), with what the counts read. */
    openQueue(code: string): Promise<TabFacts[]>;
  };
  calendar: WorkingCalendar;
  now(): Date;
}

export interface SearchPorts extends QueuePorts {
  /** The keyed digest the intake stored of each applicant identifier. */
  identifiers: { digest(identifier: string): Promise<string> };
}

type Unit = { code: string; aliases?: string[] | undefined };
type Officer = { username: string };

/**
 * Items asked per request after the first, when filters leave out most of what is read: DynamoDB
 * stops a page at 1 MB anyway (≈ 2,500 slim entries), so this only bounds what one request returns.
 */
const READ_PAGE = 2000;

/** How old the counts per tab may be: they read the open part of the unit's index. */
export const COUNTS_TTL_MS = 30_000;

/**
 * One page of the unit's queue (its current code and former ones) under a tab, filtered, with the
 * counts per tab of the whole unit. Only pages are read for the lines; the counts read the open part
 * of the index, which holds nothing but the slim attributes.
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
 * The queue searched by a dossier code, an applicant's name (folded) or an identifier (by its keyed
 * digest): the text comes in a request body, never in a URL, and is neither logged nor stored.
 */
export async function searchQueue(
  ports: SearchPorts,
  unit: Unit,
  officer: Officer,
  request: OfficerQueueSearch,
) {
  const text = request.text.trim();
  const identifier = normalizeIdentifier(text);
  const terms = {
    code: text,
    name: foldName(text),
    idDigest: /^[0-9A-Z]{6,20}$/.test(identifier) ? await ports.identifiers.digest(identifier) : undefined,
  };
  return readQueue(ports, unit, officer, {
    tab: request.tab ?? 'all',
    limit: request.limit,
    cursor: request.cursor,
    range: (tab, context) => tabRange(tab, context.now, context.until),
    keep: (item) => matchesSearch(item, terms),
  });
}

interface Reading {
  tab: QueueTab;
  limit: number | undefined;
  cursor: string | undefined;
  range(tab: QueueTab, context: TabContext): QueueKeyRange | undefined;
  keep(item: QueueItem, context: TabContext): boolean;
}

async function readQueue(ports: QueuePorts, unit: Unit, officer: Officer, reading: Reading) {
  const now = ports.now();
  const context: TabContext = {
    now: toVietnamIso(now),
    until: toVietnamIso(addWorkingDays(now, DUE_SOON_WORKING_DAYS, ports.calendar)),
    username: officer.username,
  };
  const { tab } = reading;
  const limit = reading.limit ?? QUEUE_PAGE_DEFAULT;
  const range = reading.range(tab, context);
  const after = reading.cursor === undefined ? undefined : decodeCursor(reading.cursor, range);
  const keep = (item: QueueItem) => inTab(item, tab, context) && reading.keep(item, context);
  const codes = unitCodes(unit);
  const [found, open] = await Promise.all([
    Promise.all(codes.map((code) => firstMatches(ports, code, range, after, limit + 1, keep))),
    Promise.all(codes.map((code) => ports.dossiers.openQueue(code))),
  ]);
  // Each code gave its first `limit + 1` matches, so the first `limit + 1` of all are among them.
  const merged = found.flat().sort(compareQueue);
  const page = merged.slice(0, limit);
  const last = page.at(-1);
  return {
    agencyCode: unit.code,
    tab,
    counts: countTabs(open.flat(), context),
    dossiers: page.map((item) => ({
      ...queueEntry({ ...item, followsProcess: item.openSteps !== undefined }, now, ports.calendar),
      applicantName: item.applicantName,
      urgency: urgency(item, context),
      openSteps: item.openSteps,
      openAssignees: item.openAssignees,
    })),
    ...(merged.length > limit && last ? { nextCursor: encodeCursor(last) } : {}),
  };
}

/** The first `wanted` items of one partition that `keep` keeps, read page by page. */
async function firstMatches(
  ports: QueuePorts,
  code: string,
  range: QueueKeyRange | undefined,
  after: QueuePosition | undefined,
  wanted: number,
  keep: (item: QueueItem) => boolean,
): Promise<QueueItem[]> {
  const found: QueueItem[] = [];
  let position = after;
  let size = wanted;
  for (;;) {
    const { items, more } = await ports.dossiers.queuePage(code, range, position, size);
    for (const item of items) {
      if (keep(item)) found.push(item);
      if (found.length === wanted) return found;
    }
    const last = items.at(-1);
    if (!more || !last) return found;
    position = { queueKey: last.queueKey, dossierCode: last.dossierCode };
    size = Math.max(size, READ_PAGE);
  }
}
