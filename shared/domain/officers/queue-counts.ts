import { bandOf, countsDown, queuePartition } from './work-queue.ts';

/**
 * The work queue's counts per queue partition (a unit code's shard, see `queuePartition`; a unit's
 * counts are the sums over its partitions), kept as counters that each change of a dossier moves, so that
 * the queue never reads a unit's partition to count it. `all`, `reception` and `mine` are cells of
 * their own. `soon` and `late` depend on the clock: the counter keeps how many dossiers are counted
 * down per day of their appointment (a cell per day) and, for each such dossier, an entry in its
 * day's own small partition; a count sums the whole days of its range and counts the entries of the
 * days at its edges (today, and the last day of "due soon") one by one against the clock.
 */

/** What a change of a dossier is counted from: its holder, its place in the queue, its appointment and assignees. */
export interface CountedFacts {
  dossierCode: string;
  currentAgencyCode?: string | undefined;
  queueKey?: string | undefined;
  status?: string | undefined;
  dueAt?: string | undefined;
  clock?: unknown;
  openAssignees?: string[] | undefined;
}

/** The counters one queue partition keeps: the tabs, one cell per officer, one per day of appointment. */
export type CounterField = 'all' | 'reception' | 'mine' | 'due';

/** One counter cell moved by a change: `tabs`, `mine#<username>` or `due#<day>` of a queue partition. */
export interface CounterMove {
  /** The queue partition (`<unit code>#<shard>`). */
  unit: string;
  cell: string;
  by: Partial<Record<CounterField, number>>;
}

/** A dossier counted down in a unit: one entry in the partition of its appointment's day. */
export interface DueEntry {
  /** The queue partition (`<unit code>#<shard>`). */
  unit: string;
  dossierCode: string;
  dueAt: string;
}

/** What one change moves: counter cells, and the day entries it adds and removes. */
export interface QueueCountMoves {
  cells: CounterMove[];
  put: DueEntry[];
  remove: DueEntry[];
}

export const TABS_CELL = 'tabs';
export const mineCell = (username: string) => `mine#${username}`;
export const DUE_CELL_PREFIX = 'due#';
export const dueCell = (day: string) => `${DUE_CELL_PREFIX}${day}`;

/**
 * The day of an appointment as the counts group it: the date part of the Vietnam ISO time. The
 * grouping is by prefix, so a whole day before (after) the day of an instant holds only appointments
 * before (after) that instant, whatever the times are written with.
 */
export const dueDay = (instant: string) => instant.slice(0, 10);

/**
 * Where a dossier counts: the queue partition of the unit holding it while it is open (`partition`
 * when the caller knows it), with its assignees and appointment.
 */
function countedIn(facts: CountedFacts | undefined, partition?: string) {
  if (!facts?.queueKey || bandOf(facts.queueKey) === '2') return undefined;
  const unit =
    partition ?? (facts.currentAgencyCode && queuePartition(facts.currentAgencyCode, facts.dossierCode));
  if (!unit) return undefined;
  const tabFacts = {
    queueKey: facts.queueKey,
    status: facts.status ?? '',
    dueAt: facts.dueAt,
    clock: facts.clock,
  };
  return {
    unit,
    reception: bandOf(facts.queueKey) === '0',
    assignees: [...new Set(facts.openAssignees ?? [])],
    entry: countsDown(tabFacts) ? { unit, dossierCode: facts.dossierCode, dueAt: tabFacts.dueAt } : undefined,
  };
}

const sameEntry = (a: DueEntry | undefined, b: DueEntry | undefined) =>
  a?.unit === b?.unit && a?.dossierCode === b?.dossierCode && a?.dueAt === b?.dueAt;

/**
 * The moves a change from `before` to `after` makes: the dossier taken out of where it counted and
 * added where it counts now; moves that cancel out are left out, so a change that moves nothing (most
 * writes) gives none.
 */
export function counterMoves(
  before: CountedFacts | undefined,
  after: CountedFacts | undefined,
): QueueCountMoves {
  const moves = new Map<string, CounterMove>();
  const add = (unit: string, cell: string, field: CounterField, by: number) => {
    const key = `${unit}\n${cell}`;
    const move = moves.get(key) ?? { unit, cell, by: {} };
    move.by[field] = (move.by[field] ?? 0) + by;
    moves.set(key, move);
  };
  const [was, is] = [countedIn(before), countedIn(after)];
  for (const [facts, sign] of [
    [was, -1],
    [is, 1],
  ] as const) {
    if (!facts) continue;
    add(facts.unit, TABS_CELL, 'all', sign);
    if (facts.reception) add(facts.unit, TABS_CELL, 'reception', sign);
    for (const username of facts.assignees) add(facts.unit, mineCell(username), 'mine', sign);
    if (facts.entry) add(facts.unit, dueCell(dueDay(facts.entry.dueAt)), 'due', sign);
  }
  const unchanged = sameEntry(was?.entry, is?.entry);
  return {
    cells: [...moves.values()]
      .map((move) => ({
        ...move,
        by: Object.fromEntries(Object.entries(move.by).filter(([, by]) => by !== 0)),
      }))
      .filter((move) => Object.keys(move.by).length > 0),
    put: is?.entry && !unchanged ? [is.entry] : [],
    remove: was?.entry && !unchanged ? [was.entry] : [],
  };
}

/** Whether a change moves nothing the counter keeps. */
export const movesNothing = (moves: QueueCountMoves) =>
  moves.cells.length === 0 && moves.put.length === 0 && moves.remove.length === 0;

/** The exact counters and day entries of one queue partition, from its open dossiers: what a recount writes. */
export function recounted(
  unit: string,
  open: Iterable<CountedFacts>,
): { cells: CounterMove[]; entries: DueEntry[] } {
  const tabs: CounterMove = { unit, cell: TABS_CELL, by: { all: 0, reception: 0 } };
  const mine = new Map<string, number>();
  const days = new Map<string, number>();
  const entries: DueEntry[] = [];
  for (const facts of open) {
    const counted = countedIn(facts, unit);
    if (!counted) continue;
    tabs.by.all = (tabs.by.all ?? 0) + 1;
    if (counted.reception) tabs.by.reception = (tabs.by.reception ?? 0) + 1;
    for (const username of counted.assignees) mine.set(username, (mine.get(username) ?? 0) + 1);
    if (!counted.entry) continue;
    const day = dueDay(counted.entry.dueAt);
    days.set(day, (days.get(day) ?? 0) + 1);
    entries.push(counted.entry);
  }
  return {
    cells: [
      tabs,
      ...[...mine].map(([username, count]) => ({ unit, cell: mineCell(username), by: { mine: count } })),
      ...[...days].map(([day, count]) => ({ unit, cell: dueCell(day), by: { due: count } })),
    ],
    entries,
  };
}

/** Instants as the tabs compare them (see `TabContext`). */
export interface DueWindow {
  now: string;
  /** The end of "due soon". */
  until: string;
}

/** The days whose entries a count reads one by one: today and the last day of "due soon". */
export function edgeDays(window: DueWindow): string[] {
  return [...new Set([dueDay(window.now), dueDay(window.until)])];
}

/**
 * `soon` and `late` of one queue partition from its day cells (any days; those after the last day of "due
 * soon" add nothing) and the appointments of the entries of its edge days (`edgeDays`): whole days
 * before today are late, whole days between today and the last day are due soon, and each entry of an
 * edge day is judged against the clock as `inTab` judges it.
 */
export function dueTabCounts(
  days: Iterable<{ day: string; due: number }>,
  edges: ReadonlyMap<string, readonly string[]>,
  window: DueWindow,
): { soon: number; late: number } {
  const [today, last] = [dueDay(window.now), dueDay(window.until)];
  let soon = 0;
  let late = 0;
  for (const { day, due } of days) {
    if (day < today) late += due;
    else if (day > today && day < last) soon += due;
  }
  for (const day of edgeDays(window))
    for (const dueAt of edges.get(day) ?? []) {
      if (dueAt <= window.now) late += 1;
      else if (dueAt <= window.until) soon += 1;
    }
  return { soon, late };
}
