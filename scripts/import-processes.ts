/**
 * Imports the internal process definitions from a JSON or CSV file. The whole set is checked against
 * the active catalog and the agency registry; the report lists line, field and reason, and nothing is
 * published unless the whole file is valid.
 *   npx tsx scripts/import-processes.ts <cdk-outputs.json> <processes.csv|json> [--dry-run]
 */
import { ReferenceStore } from '../shared/adapters/reference-store.ts';
import { tiersOf } from '../shared/domain/agencies/tiers.ts';
import { exitOnImportIssues, importArguments } from './lib/import-report.ts';
import { output, readOutputs } from './lib/outputs.ts';
import { importProcesses, readProcessFile } from './lib/process-file.ts';

const { outputsFile, file, dryRun } = importArguments(
  'tsx scripts/import-processes.ts <cdk-outputs.json> <processes.csv|json> [--dry-run]',
);
const outputs = readOutputs(outputsFile);
const tableName = output(outputs, 'Data', 'ReferenceTableName');
const tiers = tiersOf(output(outputs, 'Routing', 'TierProfile'));
const result = await importProcesses(
  new ReferenceStore(tableName),
  tableName,
  readProcessFile(file),
  tiers,
  dryRun,
);
exitOnImportIssues(result.issues);
console.log(
  dryRun
    ? `${result.processes} process definitions are valid (dry run: nothing written).`
    : `Imported ${result.processes} process definitions as process set version ${result.version}.`,
);
