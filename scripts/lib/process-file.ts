import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { publishProcesses } from '../../shared/adapters/process-catalog.ts';
import type { ReferenceStore } from '../../shared/adapters/reference-store.ts';
import type { Tier } from '../../shared/domain/agencies/tiers.ts';
import type { ImportIssue } from '../../shared/domain/intake/catalog-import.ts';
import { processSourcesFromCsv, processSourcesFromJson } from '../../shared/domain/process/process-import.ts';
import { type ProcessSource, validateProcesses } from '../../shared/domain/process/process-validation.ts';

/** Reads a process file: a JSON array of definitions, or CSV with one row per step (editor lines). */
export function readProcessFile(path: string): ProcessSource[] {
  const text = readFileSync(path, 'utf8').replace(/^\uFEFF/, '');
  if (!path.toLowerCase().endsWith('.csv')) return processSourcesFromJson(JSON.parse(text));
  const records = parse(text, { columns: true, skip_empty_lines: true, trim: true, info: true }) as {
    record: Record<string, string>;
    info: { lines: number };
  }[];
  return processSourcesFromCsv(records.map(({ record, info }) => ({ line: info.lines, values: record })));
}

export interface ProcessImportResult {
  issues: ImportIssue[];
  version?: number;
  processes: number;
}

/**
 * Validates the whole set against the active catalog, the registry and the tier profile; publishes
 * it as the next process-set version only when nothing is wrong.
 */
export async function importProcesses(
  store: ReferenceStore,
  tableName: string,
  sources: readonly ProcessSource[],
  tiers: readonly Tier[],
  dryRun = false,
): Promise<ProcessImportResult> {
  const [procedures, agencies] = await Promise.all([store.listProcedures(), store.listAgencies()]);
  const { definitions, issues } = validateProcesses(sources, { procedures, agencies, tiers });
  if (issues.length > 0 || dryRun) return { issues, processes: sources.length };
  return { issues, version: await publishProcesses(tableName, definitions), processes: definitions.length };
}
