/**
 * Renames or merges agencies in the deployed registry. Old codes stay resolvable as aliases, and
 * dossiers keep the code they were received under.
 *   npx tsx scripts/agencies.ts <cdk-outputs.json> merge <from-code> <into-code>
 *   npx tsx scripts/agencies.ts <cdk-outputs.json> rename <old-code> <new-code> [new name]
 */
import { ReferenceStore } from '../shared/adapters/reference-store.ts';
import { tiersOf } from '../shared/domain/agencies/tiers.ts';
import { output, readOutputs } from './lib/outputs.ts';
import { changeRegistry } from './lib/registry.ts';

const [outputsFile, verb, from, to, ...name] = process.argv.slice(2);
if (!outputsFile || !from || !to || (verb !== 'merge' && verb !== 'rename')) {
  console.error(
    'usage: tsx scripts/agencies.ts <cdk-outputs.json> merge <from> <into> | rename <old> <new> [name]',
  );
  process.exit(2);
}
const outputs = readOutputs(outputsFile);
const store = new ReferenceStore(output(outputs, 'Data', 'ReferenceTableName'));
const tiers = tiersOf(output(outputs, 'Routing', 'TierProfile'));
const after = await changeRegistry(
  store,
  tiers,
  verb === 'merge'
    ? { kind: 'merge', from, into: to }
    : { kind: 'rename', from, to, name: name.join(' ') || undefined },
);
console.log(`${verb} done: ${after.length} agencies in the registry`);
