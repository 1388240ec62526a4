/**
 * Imports the procedures catalog from a JSON or CSV file. Every row is checked first; the report
 * lists line, field and reason, and nothing is written unless the whole file is valid.
 *   npx tsx scripts/import-catalog.ts <cdk-outputs.json> <procedures.csv|json> [--dry-run]
 */
import { ReferenceStore } from '../shared/adapters/reference-store.ts';
import { importCatalog, readCatalogFile } from './lib/catalog-file.ts';
import { exitOnImportIssues, importArguments } from './lib/import-report.ts';
import { output, readOutputs } from './lib/outputs.ts';

const { outputsFile, file, dryRun } = importArguments(
  'tsx scripts/import-catalog.ts <cdk-outputs.json> <procedures.csv|json> [--dry-run]',
);
const store = new ReferenceStore(output(readOutputs(outputsFile), 'Data', 'ReferenceTableName'));
const result = await importCatalog(store, readCatalogFile(file), dryRun);
exitOnImportIssues(result.issues);
console.log(
  dryRun
    ? `${result.procedures} procedures are valid (dry run: nothing written).`
    : `Imported ${result.procedures} procedures as catalog version ${result.version}.`,
);
