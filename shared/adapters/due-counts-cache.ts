import type { QueuePorts } from '../app/officer-desk/list-queue.ts';

type DueCounts = QueuePorts['dossiers']['dueCounts'];

/**
 * The `soon` and `late` counts of a unit code, kept per function instance for `ttlMs`: they are counted
 * in key ranges of the unit's partition (about 2,000 entries at 10,000 open dossiers), which every page
 * view of every officer of the unit would count again. What the clock or a change moves in these two
 * tabs shows within `ttlMs`; the other counts are read at each call.
 */
export function cachedDueCounts(read: DueCounts, ttlMs: number, now: () => number = Date.now): DueCounts {
  const kept = new Map<string, { at: number; counts: ReturnType<DueCounts> }>();
  return (code, context) => {
    const hit = kept.get(code);
    if (hit && now() - hit.at < ttlMs) return hit.counts;
    const counts = read(code, context);
    kept.set(code, { at: now(), counts });
    // A failed count is not kept: the next call tries again.
    counts.catch(() => kept.delete(code));
    return counts;
  };
}
