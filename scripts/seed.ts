/** Loads the reference data (agencies, procedures catalog) into the deployed Reference table. */
import { readFileSync } from 'node:fs';
import * as z from 'zod';
import { ReferenceStore } from '../shared/adapters/reference-store.ts';
import { AgencySchema, ProcedureSchema } from '../shared/contracts/catalog.ts';
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

const store = new ReferenceStore(output(readOutputs(outputsFile), 'Data', 'ReferenceTableName'));
await store.putAll('agency', agencies);
await store.putAll('procedure', procedures);
console.error(`[motcua] seeded ${agencies.length} agencies and ${procedures.length} procedures`);
