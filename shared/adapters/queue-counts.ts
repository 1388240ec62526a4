import type { QueuePorts } from '../app/officer-desk/list-queue.ts';

type OpenQueue = QueuePorts['dossiers']['openQueue'];

/**
 * The open part of a unit's queue, kept per function instance for `ttlMs`: the counts per tab read the
 * whole open range (≈ 4 MB at 10,000 open dossiers), so every page view of every officer of the unit
 * reading it again would cost more than the page itself. The tabs are still worked out at each call
 * from the kept facts (the clock moves "soon" and "late"); what a change made meanwhile moves shows
 * within `ttlMs`.
 */
export function cachedOpenQueue(read: OpenQueue, ttlMs: number, now: () => number = Date.now): OpenQueue {
  const kept = new Map<string, { at: number; facts: ReturnType<OpenQueue> }>();
  return (code) => {
    const hit = kept.get(code);
    if (hit && now() - hit.at < ttlMs) return hit.facts;
    const facts = read(code);
    kept.set(code, { at: now(), facts });
    // A failed read is not kept: the next call tries again.
    facts.catch(() => kept.delete(code));
    return facts;
  };
}
