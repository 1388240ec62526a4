import { resolveAgency } from '../agencies/agency-registry.ts';
import { fieldIssuesOf } from '../common/field-issues.ts';
import {
  type AgencyRecord,
  DOCUMENT_FORM_LABELS,
  type DocumentComponent,
  type Procedure,
  ProcedureSchema,
} from './catalog.ts';

/** One problem in an import file: where (line), what (field) and why, in both languages. */
export interface ImportIssue {
  line: number;
  field: string;
  reason: { vi: string; en: string };
}

export interface SourceRow {
  line: number;
  values: Record<string, unknown>;
}

const BOOLEAN_TEXT: Record<string, boolean> = {
  true: true,
  false: false,
  '1': true,
  '0': false,
  có: true,
  không: false,
  yes: true,
  no: false,
};

/** Clock kinds as a catalog spreadsheet may write them in Vietnamese. */
const PROCESSING_UNIT_TEXT: Record<string, string> = {
  'ngày làm việc': 'working_days',
  'giờ làm việc': 'working_hours',
  'trong ngày': 'same_day',
};

const FORM_BY_LABEL = new Map(
  Object.entries(DOCUMENT_FORM_LABELS).map(([form, label]) => [label.toLowerCase(), form]),
);

const booleanOf = (text: string | undefined, fallback: boolean) => {
  const key = (text || String(fallback)).toLowerCase();
  return key in BOOLEAN_TEXT ? BOOLEAN_TEXT[key] : text;
};

/**
 * One document component from its CSV piece `CODE|Tên|form|copies|mandatory|ALT1,ALT2|English name`:
 * form is a key (`original`) or its printed wording ("Bản chính"); copies defaults to 1, mandatory
 * to true; alternates and the English name may be left out.
 */
function documentFromCsv(piece: string): Record<string, unknown> {
  const [code, name, form, copies, mandatory, alternates, nameEn] = piece
    .split('|')
    .map((part) => part.trim());
  return {
    code,
    name,
    ...(nameEn && { nameEn }),
    form: FORM_BY_LABEL.get((form ?? '').toLowerCase()) ?? form,
    copies: copies ? Number(copies) : 1,
    mandatory: booleanOf(mandatory, true),
    alternates: (alternates ?? '')
      .split(',')
      .map((alternate) => alternate.trim())
      .filter(Boolean),
  };
}

/** The CSV cell that `fromCsvCells` reads back to these components. */
export function documentsToCsv(components: readonly DocumentComponent[]): string {
  return components
    .map((d) =>
      [d.code, d.name, d.form, d.copies, d.mandatory, d.alternates.join(','), d.nameEn ?? ''].join('|'),
    )
    .join('; ');
}

/**
 * CSV cells are text: numbers and booleans are converted, and `requiredDocuments` is written as
 * `CODE|Tên giấy tờ|original|1|true|ALT1,ALT2|Name; CODE2|…` (see `documentFromCsv`). JSON rows are
 * taken as they are. `processingUnit` may be written "ngày làm việc", "giờ làm việc" or "trong ngày".
 */
export function fromCsvCells(values: Record<string, unknown>): Record<string, unknown> {
  const cell = (name: string) => {
    const value = values[name];
    return typeof value === 'string' ? value.trim() : value;
  };
  const number = (name: string) =>
    cell(name) === '' || cell(name) === undefined ? undefined : Number(cell(name));
  const bool = (name: string) => {
    const text = String(cell(name) ?? '').toLowerCase();
    return text in BOOLEAN_TEXT ? BOOLEAN_TEXT[text] : cell(name);
  };
  const documents = String(cell('requiredDocuments') ?? '')
    .split(';')
    .map((part) => part.trim())
    .filter(Boolean)
    .map(documentFromCsv);
  return {
    ...values,
    processingTime: number('processingTime'),
    processingUnit:
      PROCESSING_UNIT_TEXT[String(cell('processingUnit') ?? '').toLowerCase()] ?? cell('processingUnit'),
    legacyLevel: number('legacyLevel'),
    feeVnd: number('feeVnd'),
    resultSigned: bool('resultSigned'),
    countsFromNextDayAfter15h: bool('countsFromNextDayAfter15h'),
    // An empty column means "no" (the default), not a value to refuse.
    pausesForPayment:
      cell('pausesForPayment') === undefined || cell('pausesForPayment') === ''
        ? undefined
        : bool('pausesForPayment'),
    requiredDocuments: documents,
  };
}

/**
 * Validates every row against the procedure contract and the agency registry. The import is
 * all-or-nothing: any issue means nothing is written.
 */
export function validateCatalog(rows: readonly SourceRow[], agencies: readonly AgencyRecord[]) {
  const issues: ImportIssue[] = [];
  const procedures: Procedure[] = [];
  const seen = new Map<string, number>();
  for (const row of rows) {
    const parsed = ProcedureSchema.safeParse(row.values);
    if (!parsed.success) {
      for (const issue of fieldIssuesOf(parsed.error))
        issues.push({ line: row.line, field: issue.field, reason: issue.message });
      continue;
    }
    const procedure = parsed.data;
    const firstLine = seen.get(procedure.code);
    if (firstLine !== undefined) {
      issues.push({
        line: row.line,
        field: 'code',
        reason: {
          vi: `Mã thủ tục trùng với dòng ${firstLine}.`,
          en: `Duplicate procedure code (first on line ${firstLine}).`,
        },
      });
      continue;
    }
    seen.set(procedure.code, row.line);
    const agency = resolveAgency(agencies, procedure.agencyCode);
    if (!agency) {
      issues.push({
        line: row.line,
        field: 'agencyCode',
        reason: {
          vi: `Không có cơ quan ${procedure.agencyCode}.`,
          en: `Unknown agency ${procedure.agencyCode}.`,
        },
      });
      continue;
    }
    if (agency.tier !== procedure.tier) {
      issues.push({
        line: row.line,
        field: 'tier',
        reason: {
          vi: `Cơ quan ${agency.code} thuộc cấp ${agency.tier}, không phải ${procedure.tier}.`,
          en: `Agency ${agency.code} is at the ${agency.tier} tier, not ${procedure.tier}.`,
        },
      });
      continue;
    }
    procedures.push(procedure);
  }
  if (rows.length === 0) {
    issues.push({
      line: 0,
      field: '(file)',
      reason: { vi: 'Tệp không có thủ tục nào.', en: 'The file has no procedures.' },
    });
  }
  return { procedures, issues };
}
