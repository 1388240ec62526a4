/**
 * An operator's recount of the work queue's counts of some units: each unit code's open dossiers are
 * read from the queue index and its counters (the tabs, each officer's, each day of appointment) and
 * day entries set to what they give (what repairs a drift, e.g. after the queue counter parked records
 * it could not count, and what starts the day cells after an upgrade). Counts moved while it runs may
 * be off by those moves: run it when the units are quiet, or again. Prints each unit's counts before
 * and after.
 *   npx tsx scripts/recount-queue.ts <cdk-outputs.json> <unit code>...
 */
import { DossierStore } from '../shared/adapters/dossier-store.ts';
import { QueueCountStore } from '../shared/adapters/queue-count-store.ts';
import { recountQueue } from '../shared/app/officer-desk/count-queue.ts';
import { TABS_CELL } from '../shared/domain/officers/queue-counts.ts';
import { queuePartitions } from '../shared/domain/officers/work-queue.ts';
import { output, readOutputs } from './lib/outputs.ts';

const [outputsFile, ...units] = process.argv.slice(2);
if (!outputsFile || units.length === 0)
  throw new Error('usage: tsx scripts/recount-queue.ts <cdk-outputs.json> <unit code>...');
const outputs = readOutputs(outputsFile);
const dossiers = new DossierStore(output(outputs, 'Data', 'DossiersTableName'));
const counters = new QueueCountStore(output(outputs, 'Data', 'QueueCountsTableName'));
for (const unit of units) {
  const before = await counters.read(queuePartitions(unit), '');
  const { cells, entries } = await recountQueue(
    { openQueue: dossiers.openQueue.bind(dossiers), counters },
    unit,
  );
  const tabs = cells.filter((cell) => cell.cell === TABS_CELL);
  const sum = (field: 'all' | 'reception') => tabs.reduce((total, cell) => total + (cell.by[field] ?? 0), 0);
  const officers = new Set(cells.filter((cell) => cell.by.mine !== undefined).map((cell) => cell.cell)).size;
  const days = new Set(cells.filter((cell) => cell.by.due !== undefined).map((cell) => cell.cell)).size;
  console.log(
    `${unit}: all ${before.all} → ${sum('all')}, reception ${before.reception} → ${sum('reception')}, ${officers} officers' own counts set, ${entries.length} dossiers counted down on ${days} days`,
  );
}
