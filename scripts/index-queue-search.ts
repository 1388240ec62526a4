/**
 * Once, when upgrading a deployment whose dossiers were stored before the work queue's partitions
 * (ADR 0032) or its search indexes (`queueNameByPartition`, `byIdDigest`, `bySecondIdDigest`): gives
 * each dossier the queue partition (`queuePartition`, its unit's code and its shard) and the search
 * attributes intake now writes (its folded name and the keyed digests of its applicant's identifiers,
 * under the `SearchKeyId` KMS key the functions use), so the officers' queue lists it and the search by
 * name and by ID number finds it. Also what moves the dossiers when `QUEUE_SHARDS` changes. Reads the
 * whole table once, a page at a time; `--dry-run` only counts. Each update is conditional on the
 * version read, so a concurrent change wins and the dossier is counted and left for a second run.
 * Needs `kms:GenerateMac` on the key. Recount the units' counters afterwards (`recount-queue.ts`).
 *   npx tsx scripts/index-queue-search.ts <cdk-outputs.json> [--dry-run]
 */
import { isDeepStrictEqual } from 'node:util';
import { IdentifierDigest } from '../shared/adapters/identifier-digest.ts';
import { StoredDossierPartSchema } from '../shared/adapters/stored-items.ts';
import { digestedSearchAttributes } from '../shared/app/intake/search-attributes.ts';
import { queuePartition } from '../shared/domain/officers/work-queue.ts';
import { scanDossiers, setUnlessChanged } from './lib/dossier-backfill.ts';
import { output, readOutputs } from './lib/outputs.ts';

const args = process.argv.slice(2);
const dryRun = args.includes('--dry-run');
const [outputsFile] = args.filter((arg) => arg !== '--dry-run');
if (!outputsFile) throw new Error('usage: tsx scripts/index-queue-search.ts <cdk-outputs.json> [--dry-run]');
const outputs = readOutputs(outputsFile);
const table = output(outputs, 'Data', 'DossiersTableName');
const identifiers = new IdentifierDigest(output(outputs, 'Data', 'SearchKeyId'));
const SEARCH_FIELDS = ['applicantName', 'searchName', 'idDigests', 'idDigest', 'secondIdDigest'] as const;
const FIELDS = [...SEARCH_FIELDS, 'queuePartition'] as const;
const PROGRESS_EVERY = 1000;

if (dryRun) console.log('dry run: nothing is written');
let read = 0;
let indexed = 0;
let changedMeanwhile = 0;
let skipped = 0;
for await (const item of scanDossiers(table, [
  'dossierCode',
  'version',
  'applicant',
  'currentAgencyCode',
  ...FIELDS,
])) {
  if (read > 0 && read % PROGRESS_EVERY === 0)
    console.log(`… ${read} read: ${indexed} indexed, ${changedMeanwhile} changed meanwhile`);
  read += 1;
  const dossier = StoredDossierPartSchema.safeParse(item).data;
  if (!dossier?.dossierCode || dossier.version === undefined || !dossier.applicant) {
    skipped += 1;
    continue;
  }
  const computed = await digestedSearchAttributes(dossier.applicant, identifiers);
  // A dossier with one identifier has no second digest: absent, as intake leaves it.
  const attributes: Record<string, unknown> = {
    ...Object.fromEntries(Object.entries(computed).filter(([, value]) => value !== undefined)),
    ...(dossier.currentAgencyCode
      ? { queuePartition: queuePartition(dossier.currentAgencyCode, dossier.dossierCode) }
      : {}),
  };
  if (FIELDS.every((field) => isDeepStrictEqual(item[field], attributes[field]))) continue;
  if (dryRun) indexed += 1;
  else if (await setUnlessChanged(table, dossier.dossierCode, dossier.version, attributes)) indexed += 1;
  else changedMeanwhile += 1;
}
console.log(
  `${indexed} dossiers ${dryRun ? 'would be ' : ''}given their queue partition and search attributes, ${changedMeanwhile} changed meanwhile ` +
    `(run again for them), ${skipped} unreadable or without an applicant skipped, ${read} read`,
);
