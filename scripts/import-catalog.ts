/**
 * Imports the procedures catalog from a JSON or CSV file. Every row is checked first; the report
 * lists line, field and reason, and nothing is written unless the whole file is valid.
 *   npx tsx scripts/import-catalog.ts <cdk-outputs.json> <procedures.csv|json> [--dry-run]
 */
import { ReferenceStore } from '../shared/adapters/reference-store.ts';
import { importCatalog, readCatalogFile } from './lib/catalog-file.ts';
import { output, readOutputs } from './lib/outputs.ts';

const args = process.argv.slice(2);
const dryRun = args.includes('--dry-run');
const [outputsFile, file] = args.filter((arg) => arg !== '--dry-run');
if (!outputsFile || !file) {
  console.error('usage: tsx scripts/import-catalog.ts <cdk-outputs.json> <procedures.csv|json> [--dry-run]');
  process.exit(2);
}
const store = new ReferenceStore(output(readOutputs(outputsFile), 'Data', 'ReferenceTableName'));
const result = await importCatalog(store, readCatalogFile(file), dryRun);
if (result.issues.length > 0) {
  console.log('line\tfield\treason');
  for (const issue of result.issues)
    console.log(`${issue.line}\t${issue.field}\t${issue.reason.vi} / ${issue.reason.en}`);
  console.log(`${result.issues.length} problems: nothing was imported.`);
  process.exit(1);
}
console.log(
  dryRun
    ? `${result.procedures} procedures are valid (dry run: nothing written).`
    : `Imported ${result.procedures} procedures as catalog version ${result.version}.`,
);
