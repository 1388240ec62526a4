import * as z from 'zod';
import {
  type CountedFacts,
  type CounterMove,
  counterMoves,
  type DueEntry,
  movesNothing,
  type QueueCountMoves,
  recounted,
} from '../../domain/officers/queue-counts.ts';
import { queuePartitions } from '../../domain/officers/work-queue.ts';

/** What the counter reads of a Dossiers stream image (an untyped item). */
const CountedImageSchema = z.object({
  dossierCode: z.string(),
  version: z.number().int().optional(),
  currentAgencyCode: z.string().optional(),
  queueKey: z.string().optional(),
  status: z.string().optional(),
  dueAt: z.string().optional(),
  clock: z.unknown().optional(),
  openAssignees: z.array(z.string()).optional(),
});

export interface QueueCountPorts {
  counters: {
    /** Applies a dossier version's moves in one write, once: false when that version was applied. */
    apply(dossierCode: string, version: number, moves: QueueCountMoves): Promise<boolean>;
  };
}

/**
 * Moves the queue's counters by one change of a dossier (a stream record's old and new images). A
 * change counts under the dossier's new version, so a record delivered again is not counted twice.
 */
export async function countQueueChange(
  ports: QueueCountPorts,
  change: { before?: unknown; after?: unknown },
): Promise<void> {
  const before = change.before === undefined ? undefined : CountedImageSchema.parse(change.before);
  const after = change.after === undefined ? undefined : CountedImageSchema.parse(change.after);
  const moves = counterMoves(before, after);
  const dossier = after ?? before;
  if (movesNothing(moves) || !dossier) return;
  // A removed dossier has no new version: its removal counts as the one after its last.
  const version = after ? (after.version ?? 0) : (before?.version ?? 0) + 1;
  await ports.counters.apply(dossier.dossierCode, version, moves);
}

export interface QueueRecountPorts {
  /** The open dossiers of one queue partition, as the queue index holds them. */
  openQueue(partition: string): Promise<CountedFacts[]>;
  counters: {
    /** Sets the partition's cells and day entries to these, and empties the ones they do not name. */
    replace(partition: string, cells: readonly CounterMove[], entries: readonly DueEntry[]): Promise<void>;
  };
}

/**
 * Sets a unit code's counters and day entries to what its open dossiers give, partition by partition:
 * what repairs a drift. Returns what was written, every partition's cells and entries together.
 */
export async function recountQueue(ports: QueueRecountPorts, unitCode: string) {
  const written: { cells: CounterMove[]; entries: DueEntry[] } = { cells: [], entries: [] };
  for (const partition of queuePartitions(unitCode)) {
    const { cells, entries } = recounted(partition, await ports.openQueue(partition));
    await ports.counters.replace(partition, cells, entries);
    written.cells.push(...cells);
    written.entries.push(...entries);
  }
  return written;
}
