import { bandOf } from './work-queue.ts';

/**
 * The counts per tab that do not depend on the clock (`all`, `reception`, `mine`), kept per unit code
 * as counters that each change of a dossier moves, so that the queue never reads a unit's partition to
 * count it. `soon` and `late` depend on the clock and are read as a key range instead.
 */

/** What a change of a dossier is counted from: its holder, its place in the queue and its assignees. */
export interface CountedFacts {
  currentAgencyCode?: string | undefined;
  queueKey?: string | undefined;
  openAssignees?: string[] | undefined;
}

/** The counters one unit code keeps: one cell for the unit, one per officer with open assignments. */
export type CounterField = 'all' | 'reception' | 'mine';

/** One counter cell moved by a change: `tabs` for the unit's counts, `mine#<username>` for an officer's. */
export interface CounterMove {
  unit: string;
  cell: string;
  by: Partial<Record<CounterField, number>>;
}

export const TABS_CELL = 'tabs';
export const mineCell = (username: string) => `mine#${username}`;

/** Where a dossier counts: the unit holding it while it is open, with its assignees; nowhere once closed. */
function countedIn(facts: CountedFacts | undefined) {
  if (!facts?.currentAgencyCode || !facts.queueKey || bandOf(facts.queueKey) === '2') return undefined;
  return {
    unit: facts.currentAgencyCode,
    reception: bandOf(facts.queueKey) === '0',
    assignees: [...new Set(facts.openAssignees ?? [])],
  };
}

/**
 * The counter moves a change from `before` to `after` makes: the dossier taken out of where it
 * counted and added where it counts now; moves that cancel out are left out, so a change that moves
 * nothing (most writes) gives none.
 */
export function counterMoves(
  before: CountedFacts | undefined,
  after: CountedFacts | undefined,
): CounterMove[] {
  const moves = new Map<string, CounterMove>();
  const add = (unit: string, cell: string, field: CounterField, by: number) => {
    const key = `${unit}\n${cell}`;
    const move = moves.get(key) ?? { unit, cell, by: {} };
    move.by[field] = (move.by[field] ?? 0) + by;
    moves.set(key, move);
  };
  for (const [facts, sign] of [
    [countedIn(before), -1],
    [countedIn(after), 1],
  ] as const) {
    if (!facts) continue;
    add(facts.unit, TABS_CELL, 'all', sign);
    if (facts.reception) add(facts.unit, TABS_CELL, 'reception', sign);
    for (const username of facts.assignees) add(facts.unit, mineCell(username), 'mine', sign);
  }
  return [...moves.values()]
    .map((move) => ({
      ...move,
      by: Object.fromEntries(Object.entries(move.by).filter(([, by]) => by !== 0)),
    }))
    .filter((move) => Object.keys(move.by).length > 0);
}

/** The exact counters of one unit code, from its open dossiers: what a recount writes. */
export function recountedCells(unit: string, open: Iterable<CountedFacts>): CounterMove[] {
  const tabs: CounterMove = { unit, cell: TABS_CELL, by: { all: 0, reception: 0 } };
  const mine = new Map<string, number>();
  for (const facts of open) {
    const counted = countedIn({ ...facts, currentAgencyCode: unit });
    if (!counted) continue;
    tabs.by.all = (tabs.by.all ?? 0) + 1;
    if (counted.reception) tabs.by.reception = (tabs.by.reception ?? 0) + 1;
    for (const username of counted.assignees) mine.set(username, (mine.get(username) ?? 0) + 1);
  }
  return [
    tabs,
    ...[...mine].map(([username, count]) => ({ unit, cell: mineCell(username), by: { mine: count } })),
  ];
}
