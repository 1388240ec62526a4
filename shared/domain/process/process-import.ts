import type { ImportIssue, SourceRow } from '../intake/catalog-import.ts';
import type { ProcessSource } from './process-validation.ts';

/** The columns of a process CSV: one row per step, the process columns repeated or left empty. */
export const PROCESS_CSV_COLUMNS = [
  'processCode',
  'processName',
  'procedureCodes',
  'defaultForTier',
  'stepCode',
  'stepName',
  'stepNameEn',
  'role',
  'unit',
  'budget',
  'actions',
  'next',
  'join',
  'sendBackTo',
  'preconditions',
  'produces',
] as const;

const BUDGET_UNITS: Record<string, 'working_days' | 'working_hours'> = {
  ngày: 'working_days',
  'ngày làm việc': 'working_days',
  working_days: 'working_days',
  working_day: 'working_days',
  giờ: 'working_hours',
  'giờ làm việc': 'working_hours',
  working_hours: 'working_hours',
  working_hour: 'working_hours',
};

const JOIN_TEXT: Record<string, boolean> = {
  '': false,
  true: true,
  false: false,
  '1': true,
  '0': false,
  có: true,
  không: false,
  x: true,
};

/** `0.5 ngày`, `4 giờ`, `0,5 working_days` or `share:0.1` (a decimal comma is read as a point). */
export function parseBudget(text: string): { amount: number; unit: string } | undefined {
  const cell = text.trim().toLowerCase();
  const share = /^share\s*:\s*(\d+(?:[.,]\d+)?)$/.exec(cell);
  if (share?.[1]) return { amount: Number(share[1].replace(',', '.')), unit: 'share' };
  const match = /^(\d+(?:[.,]\d+)?)\s*(.+)$/.exec(cell);
  const unit = match?.[2] && BUDGET_UNITS[match[2].trim()];
  if (!match?.[1] || !unit) return undefined;
  return { amount: Number(match[1].replace(',', '.')), unit };
}

/** `receiving`, `current`, `parent`, `agency:<code>` or `tier:<tier>`. */
export function parseUnit(text: string): unknown {
  const cell = text.trim();
  const [kind, ...rest] = cell.split(':');
  const value = rest.join(':').trim();
  if (kind?.trim() === 'agency' && value) return { agency: value };
  if (kind?.trim() === 'tier' && value) return { tier: value };
  return cell;
}

const list = (text: string, separator: string) =>
  text
    .split(separator)
    .map((part) => part.trim())
    .filter(Boolean);

/**
 * Groups the CSV rows (one per step) into definitions by `processCode`, in the order of their first
 * row. The process columns are read from the first row that fills them; each step keeps its row's
 * line so that an issue points at the row to fix.
 */
export function processSourcesFromCsv(rows: readonly SourceRow[]): ProcessSource[] {
  const groups = new Map<string, { line: number; rows: SourceRow[] }>();
  for (const row of rows) {
    const code = cellOf(row, 'processCode');
    const group = groups.get(code) ?? { line: row.line, rows: [] };
    group.rows.push(row);
    groups.set(code, group);
  }
  return [...groups.entries()].map(([code, group]) => {
    const first = (column: string) =>
      group.rows.map((row) => cellOf(row, column)).find((value) => value !== '') ?? '';
    const cellIssues: ImportIssue[] = [];
    const steps = group.rows.map((row, at) => {
      const budgetText = cellOf(row, 'budget');
      const budget = parseBudget(budgetText);
      if (!budget) {
        cellIssues.push({
          line: row.line,
          field: `steps[${at}].budget`,
          reason: {
            vi: `Không đọc được thời hạn "${budgetText}"; viết như 0.5 ngày, 4 giờ hoặc share:0.1.`,
            en: `Cannot read the budget "${budgetText}"; write e.g. 0.5 ngày, 4 giờ or share:0.1.`,
          },
        });
      }
      const joinText = cellOf(row, 'join').toLowerCase();
      const produces = cellOf(row, 'produces');
      const nameEn = cellOf(row, 'stepNameEn');
      return {
        code: cellOf(row, 'stepCode'),
        name: cellOf(row, 'stepName'),
        ...(nameEn && { nameEn }),
        role: cellOf(row, 'role'),
        unit: parseUnit(cellOf(row, 'unit')),
        budget: budget ?? budgetText,
        actions: list(cellOf(row, 'actions'), ','),
        next: list(cellOf(row, 'next'), ','),
        join: joinText in JOIN_TEXT ? JOIN_TEXT[joinText] : cellOf(row, 'join'),
        sendBackTo: list(cellOf(row, 'sendBackTo'), ','),
        preconditions: list(cellOf(row, 'preconditions'), ','),
        ...(produces && { produces }),
      };
    });
    const defaultForTier = first('defaultForTier');
    return {
      line: group.line,
      stepLines: group.rows.map((row) => row.line),
      values: {
        code,
        name: first('processName'),
        procedureCodes: list(first('procedureCodes'), ';'),
        ...(defaultForTier && { defaultForTier }),
        steps,
      },
      cellIssues,
    };
  });
}

function cellOf(row: SourceRow, column: string): string {
  const value = row.values[column];
  return typeof value === 'string' ? value.trim() : value === undefined ? '' : String(value);
}

/** JSON files are an array of definitions; the line of each is its position (1 for the first). */
export function processSourcesFromJson(data: unknown): ProcessSource[] {
  if (!Array.isArray(data)) throw new Error('A JSON process file must be an array of definitions');
  return data.map((values: unknown, index) => ({ line: index + 1, values }));
}
