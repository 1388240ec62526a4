import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import type { ReferenceStore } from '../../shared/adapters/reference-store.ts';
import {
  fromCsvCells,
  type ImportIssue,
  type SourceRow,
  validateCatalog,
} from '../../shared/domain/intake/catalog-import.ts';

/** Reads a procedures file: a JSON array, or CSV with a header row (line numbers as an editor shows them). */
export function readCatalogFile(path: string): SourceRow[] {
  const text = readFileSync(path, 'utf8').replace(/^\uFEFF/, '');
  if (path.toLowerCase().endsWith('.csv')) {
    const records = parse(text, { columns: true, skip_empty_lines: true, trim: true, info: true }) as {
      record: Record<string, string>;
      info: { lines: number };
    }[];
    return records.map(({ record, info }) => ({ line: info.lines, values: fromCsvCells(record) }));
  }
  const data = JSON.parse(text) as unknown;
  if (!Array.isArray(data)) throw new Error('A JSON catalog must be an array of procedures');
  return data.map((values, index) => ({ line: index + 1, values: values as Record<string, unknown> }));
}

export interface ImportResult {
  issues: ImportIssue[];
  version?: number;
  procedures: number;
}

/** Validates the whole file against the contract and the deployed registry; publishes only if clean. */
export async function importCatalog(
  store: ReferenceStore,
  rows: readonly SourceRow[],
  dryRun = false,
): Promise<ImportResult> {
  const { procedures, issues } = validateCatalog(rows, await store.listAgencies());
  if (issues.length > 0 || dryRun) return { issues, procedures: procedures.length };
  return { issues, version: await store.publishCatalog(procedures), procedures: procedures.length };
}
