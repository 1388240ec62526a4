import { existsSync, readFileSync } from 'node:fs';
import * as z from 'zod';
import type { SourceRow } from '../../shared/domain/intake/catalog-import.ts';

/**
 * The sample reference data of a tier profile: the four-tier files at the top of `seed-data/`, and per
 * other profile a folder with its own agency registry and the new owners of the procedures whose
 * agencies that profile no longer has (the district level, abolished on 1 July 2025).
 */
const seedDataDir = new URL('../seed-data/', import.meta.url).pathname;
const ReassignmentsSchema = z.object({ reassign: z.record(z.string(), z.string()) });

export function seedFile(profile: string, name: string): string {
  const own = `${seedDataDir}${profile}/${name}`;
  return existsSync(own) ? own : `${seedDataDir}${name}`;
}

/** The catalog rows with each reassigned procedure moved to its new agency and that agency's tier. */
export function reassignProcedures(
  rows: readonly SourceRow[],
  reassign: Readonly<Record<string, string>>,
  tierOf: (agencyCode: string) => string | undefined,
): SourceRow[] {
  return rows.map((row) => {
    const agencyCode = reassign[String(row.values.code)];
    if (!agencyCode) return row;
    return { ...row, values: { ...row.values, agencyCode, tier: tierOf(agencyCode) ?? row.values.tier } };
  });
}

export function reassignmentsOf(profile: string): Record<string, string> {
  const file = `${seedDataDir}${profile}/procedure-agencies.json`;
  if (!existsSync(file)) return {};
  return ReassignmentsSchema.parse(JSON.parse(readFileSync(file, 'utf8'))).reassign;
}
