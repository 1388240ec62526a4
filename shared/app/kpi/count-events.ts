import type { CounterDeltas } from '../../domain/kpi/kpi.ts';
import { streamDeltas } from '../../domain/kpi/kpi-events.ts';
import type { Log } from '../log.ts';
import type { TableChange } from '../table-change.ts';

export interface EventCountingPorts {
  /** Adds the deltas to the counters; answers how many writes that took. */
  counters: { apply(deltas: CounterDeltas): Promise<number> };
  /** The Documents table's name; every other change comes from the Dossiers table. */
  documentsTable: string;
  log: Log;
}

/**
 * Dossier and document changes become counter deltas, merged over the batch into one ADD per cell.
 * A failed batch is retried whole, so a cell can be counted twice; the aggregator's recount finds
 * and corrects that drift when the period closes.
 */
export async function countKpiEvents(ports: EventCountingPorts, changes: readonly TableChange[]) {
  const deltas = streamDeltas(
    changes.map((change) => ({
      table: change.table === ports.documentsTable ? 'documents' : 'dossiers',
      before: change.before,
      after: change.after,
    })),
  );
  const writes = await ports.counters.apply(deltas);
  ports.log.info('KPI counters updated', { records: changes.length, writes });
  return { writes };
}
