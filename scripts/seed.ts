/**
 * Loads the reference data (agency registry, procedures catalog, the sample internal processes, the
 * yearly calendar decisions) into the deployed Reference table.
 */
import { readFileSync } from 'node:fs';
import * as z from 'zod';
import { CalendarStore } from '../shared/adapters/calendar-store.ts';
import { ReferenceStore } from '../shared/adapters/reference-store.ts';
import { importCalendarDecision } from '../shared/app/calendar/change-calendar.ts';
import { AgencySchema } from '../shared/contracts/catalog.ts';
import { validateRegistry } from '../shared/domain/agencies/agency-registry.ts';
import { tiersOf } from '../shared/domain/agencies/tiers.ts';
import { readCalendarSeed } from './lib/calendar-file.ts';
import { importCatalog, readCatalogFile } from './lib/catalog-file.ts';
import { output, readOutputs } from './lib/outputs.ts';
import { importProcesses, readProcessFile } from './lib/process-file.ts';
import { reassignmentsOf, reassignProcedures, seedFile } from './lib/seed-profile.ts';

const outputsFile = process.argv[2];
if (!outputsFile) throw new Error('usage: tsx scripts/seed.ts <cdk-outputs.json>');

const outputs = readOutputs(outputsFile);
const profile = output(outputs, 'Routing', 'TierProfile');
const agencies = z
  .array(AgencySchema)
  .parse(JSON.parse(readFileSync(seedFile(profile, 'agencies.json'), 'utf8')));
const registryIssues = validateRegistry(agencies, tiersOf(profile));
if (registryIssues.length > 0) {
  throw new Error(
    `Agency registry refused:\n${registryIssues.map((i) => `${i.code} ${i.field}: ${i.reason.en}`).join('\n')}`,
  );
}
const referenceTable = output(outputs, 'Data', 'ReferenceTableName');
const store = new ReferenceStore(referenceTable);
await store.putAgencies(agencies);

// The catalog goes through the operators' import path: validated whole, published as one version.
const rows = reassignProcedures(
  readCatalogFile(seedFile(profile, 'procedures.json')),
  reassignmentsOf(profile),
  (code) => agencies.find((agency) => agency.code === code)?.tier,
);
const result = await importCatalog(store, rows);
if (result.issues.length > 0) {
  throw new Error(
    `Seed catalog refused:\n${result.issues.map((i) => `${i.line} ${i.field}: ${i.reason.en}`).join('\n')}`,
  );
}

// The sample processes go through the operators' import too, checked against the catalog just published.
const processes = await importProcesses(
  store,
  referenceTable,
  readProcessFile(seedFile(profile, 'processes.json')),
  tiersOf(profile),
);
if (processes.issues.length > 0) {
  throw new Error(
    `Seed processes refused:\n${processes.issues.map((i) => `${i.line} ${i.field}: ${i.reason.en}`).join('\n')}`,
  );
}

// The calendar goes through the operators' import too: each decision validated with what is stored.
const calendar = {
  store: new CalendarStore(output(outputs, 'Data', 'ReferenceTableName')),
  now: () => new Date(),
};
const { decisions } = readCalendarSeed();
for (const decision of decisions) await importCalendarDecision(calendar, decision, 'seed');
console.error(
  `[motcua] seeded ${agencies.length} agencies (${profile}), ${result.procedures} procedures (catalog v${result.version}), ${processes.processes} processes (process set v${processes.version}) and ${decisions.length} calendar decisions`,
);
