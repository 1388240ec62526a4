/**
 * CSV cells the platform writes (KPI exports and any later register or report).
 *
 * Spreadsheets run a cell as a formula when it starts with `=`, `+`, `-` or `@`, also after
 * leading spaces, and some when it starts with a tab or a carriage return (and, in East-Asian
 * locales, with their full-width forms). Following OWASP's advice on CSV injection, such text is
 * prefixed with a single quote, which the spreadsheet shows as text, and the cell is quoted.
 *
 * Numbers the platform computed itself (counts, numerators, rates, scores) are passed as numbers
 * and stay numeric, so that a negative value remains a number a spreadsheet can add up; only text
 * (names, codes, anything a person or an agency system typed) is neutralised.
 */
const FORMULA_START = /^\s*[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/u;

export type CsvValue = string | number | boolean | null | undefined;

export function isFormulaLike(text: string): boolean {
  return FORMULA_START.test(text);
}

/** One RFC 4180 cell. */
export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'boolean') return String(value);
  if (typeof value === 'number') {
    if (Number.isFinite(value)) return String(value);
    throw new RangeError(`CSV cell: ${value} is not a finite number`);
  }
  const neutralised = isFormulaLike(value);
  const text = neutralised ? `'${value}` : value;
  return neutralised || /[",\n\r;]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One line of cells, without its line break. */
export function csvLine(values: readonly CsvValue[]): string {
  return values.map(csvCell).join(',');
}
