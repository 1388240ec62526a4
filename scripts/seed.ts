/** Loads the reference data (agencies, procedures catalog) into the deployed Reference table. */
import { readFileSync } from 'node:fs';
import * as z from 'zod';
import { ReferenceStore } from '../shared/adapters/reference-store.ts';
import { AgencySchema, ProcedureSchema } from '../shared/contracts/catalog.ts';
import { validateRegistry } from '../shared/domain/agency-registry.ts';
import { tiersOf } from '../shared/domain/tiers.ts';
import { output, readOutputs } from './lib/outputs.ts';

const outputsFile = process.argv[2];
if (!outputsFile) throw new Error('usage: tsx scripts/seed.ts <cdk-outputs.json>');

const load = <S extends z.ZodType>(file: string, schema: S) =>
  z.array(schema).parse(JSON.parse(readFileSync(new URL(`./seed-data/${file}`, import.meta.url), 'utf8')));

const agencies = load('agencies.json', AgencySchema);
const procedures = load('procedures.json', ProcedureSchema);
const known = new Set(agencies.map((agency) => agency.code));
const orphans = procedures.filter((procedure) => !known.has(procedure.agencyCode));
if (orphans.length > 0)
  throw new Error(`Procedures name unknown agencies: ${orphans.map((p) => p.code).join(', ')}`);

const outputs = readOutputs(outputsFile);
const registryIssues = validateRegistry(agencies, tiersOf(output(outputs, 'Routing', 'TierProfile')));
if (registryIssues.length > 0) {
  throw new Error(
    `Agency registry refused:\n${registryIssues.map((i) => `${i.code} ${i.field}: ${i.reason.en}`).join('\n')}`,
  );
}
const store = new ReferenceStore(output(outputs, 'Data', 'ReferenceTableName'));
await store.putAgencies(agencies);
await store.putAll('procedure', procedures);
console.error(`[motcua] seeded ${agencies.length} agencies and ${procedures.length} procedures`);
