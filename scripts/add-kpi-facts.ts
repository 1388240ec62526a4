/**
 * Once, when upgrading a deployment whose dossiers were stored before the recount indexes projected
 * `kpiFacts`: gives each received dossier the map its next write would give it, so the KPI close and
 * an operator's recount count it again. Reads the whole table once. A dossier changed meanwhile keeps
 * what its change wrote (each update is conditional on the version read).
 *   npx tsx scripts/add-kpi-facts.ts <cdk-outputs.json>
 */
import { isDeepStrictEqual } from 'node:util';
import { StoredDossierPartSchema } from '../shared/adapters/stored-items.ts';
import { kpiFactsOf } from '../shared/domain/kpi/kpi.ts';
import { scanDossiers, setUnlessChanged } from './lib/dossier-backfill.ts';
import { output, readOutputs } from './lib/outputs.ts';

const [outputsFile] = process.argv.slice(2);
if (!outputsFile) throw new Error('usage: tsx scripts/add-kpi-facts.ts <cdk-outputs.json>');
const table = output(readOutputs(outputsFile), 'Data', 'DossiersTableName');
// What `kpiFactsOf` reads, and what tells whether the item already has it.
const fields = [
  'dossierCode',
  'version',
  'agency',
  'procedure',
  'receivedAt',
  'dueAt',
  'channel',
  'status',
  'attachments',
  'clock',
  'result',
  'supplementRequests',
  'receipt',
  'process',
  'kpiFacts',
];
let read = 0;
let added = 0;
let changedMeanwhile = 0;
for await (const item of scanDossiers(table, fields)) {
  read += 1;
  const dossier = StoredDossierPartSchema.safeParse(item).data;
  if (!dossier?.dossierCode || dossier.version === undefined) continue;
  const kpiFacts = kpiFactsOf(item);
  if (!kpiFacts || isDeepStrictEqual(item.kpiFacts, kpiFacts)) continue;
  if (await setUnlessChanged(table, dossier.dossierCode, dossier.version, { kpiFacts })) added += 1;
  else changedMeanwhile += 1;
}
console.log(
  `${added} dossiers given their KPI facts, ${changedMeanwhile} changed meanwhile (their change wrote them), ${read} read`,
);
