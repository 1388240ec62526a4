import type { QueuePorts } from '../app/officer-desk/list-queue.ts';

type QueueRange = QueuePorts['dossiers']['queueRange'];

/**
 * The due range of a unit code (what `soon` and `late` are counted from), kept per function instance
 * for `ttlMs`: at 10,000 open dossiers it holds about 2,000 slim entries, which every page view of
 * every officer of the unit would read again. The tabs are still worked out at each call from the kept
 * facts (the clock moves "soon" and "late"; the use case reads a little past the end of "soon" for
 * that); what a change made meanwhile moves in these two tabs shows within `ttlMs`.
 */
export function cachedQueueRange(read: QueueRange, ttlMs: number, now: () => number = Date.now): QueueRange {
  const kept = new Map<string, { at: number; facts: ReturnType<QueueRange> }>();
  return (code, range) => {
    const hit = kept.get(code);
    if (hit && now() - hit.at < ttlMs) return hit.facts;
    const facts = read(code, range);
    kept.set(code, { at: now(), facts });
    // A failed read is not kept: the next call tries again.
    facts.catch(() => kept.delete(code));
    return facts;
  };
}
