/**
 * Once, when upgrading a deployment that holds open dossiers to the `openByDeadline` and
 * `awaitingApology` indexes (or from a version whose `nextDeadline` still followed the appointment
 * after the leaders were told): gives each received, open dossier the indexes' keys
 * (`deadlineShard`, `nextDeadline`, `apologyShard`, `apologyWatch`) as every lifecycle write now sets
 * them, so the deadline sweep and the KPI close see it before its next change. Reads
 * the whole table once, which neither of them does. A dossier changed meanwhile keeps what its change
 * wrote (each update is conditional on the version read).
 *   npx tsx scripts/index-open-dossiers.ts <cdk-outputs.json>
 */
import { StoredDossierPartSchema } from '../shared/adapters/stored-items.ts';
import { deadlineWatch } from '../shared/domain/lifecycle/deadline-alerts.ts';
import { scanDossiers, setUnlessChanged } from './lib/dossier-backfill.ts';
import { output, readOutputs } from './lib/outputs.ts';

const WATCH_KEYS = ['deadlineShard', 'nextDeadline', 'apologyShard', 'apologyWatch'] as const;

const [outputsFile] = process.argv.slice(2);
if (!outputsFile) throw new Error('usage: tsx scripts/index-open-dossiers.ts <cdk-outputs.json>');
const table = output(readOutputs(outputsFile), 'Data', 'DossiersTableName');
const fields = [
  'dossierCode',
  'version',
  'kpiShard',
  'status',
  'receivedAt',
  'dueAt',
  'apology',
  'process',
  'clock',
  'leaderAlertedAt',
  ...WATCH_KEYS,
];
let read = 0;
let indexed = 0;
let changedMeanwhile = 0;
for await (const item of scanDossiers(table, fields)) {
  read += 1;
  const dossier = StoredDossierPartSchema.safeParse(item).data;
  if (!dossier?.dossierCode || dossier.version === undefined || !dossier.status || !dossier.kpiShard)
    continue;
  const { dossierCode, version, status, kpiShard } = dossier;
  const watch = deadlineWatch({ ...dossier, status, kpiShard });
  if (!watch.deadlineShard || !watch.nextDeadline) continue;
  if (WATCH_KEYS.every((key) => item[key] === watch[key])) continue;
  // Only keys a lifecycle write of this version would set: a dossier indexed before has none to drop.
  const keys = Object.fromEntries(
    WATCH_KEYS.flatMap((key) => (watch[key] === undefined ? [] : [[key, watch[key]]])),
  );
  const set = await setUnlessChanged(table, dossierCode, version, keys);
  if (set) indexed += 1;
  else changedMeanwhile += 1;
}
console.log(
  `${indexed} open dossiers indexed, ${changedMeanwhile} changed meanwhile (their change indexed them), ${read} read`,
);
