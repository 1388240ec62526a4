import * as z from 'zod';
import { TIMELINESS_LABELS } from '../calendar/calendar.ts';
import { toVietnamIso } from '../calendar/time.ts';
import { csvLine } from '../common/csv.ts';
import { DomainError } from '../common/errors.ts';
import { applicantName } from '../intake/applicant.ts';
import type { DossierRecord } from '../lifecycle/dossier.ts';
import { DOSSIER_STATUSES } from '../lifecycle/dossier-status.ts';

/**
 * The register of dossiers (Sổ theo dõi hồ sơ): form 07 of Circular 03/2025/TT-VPCP Annex I, form
 * 06 of Circular 01/2018/TT-VPCP before it. One line per dossier the unit received in the period.
 */
export const REGISTER_TITLE = 'Sổ theo dõi hồ sơ';

export const REGISTER_COLUMNS = [
  'STT',
  'Mã hồ sơ',
  'Tên tổ chức, cá nhân',
  'Địa chỉ',
  'Thủ tục hành chính',
  'Ngày, giờ nhận hồ sơ',
  'Ngày, giờ hẹn trả kết quả',
  'Chuyển hồ sơ đến cơ quan giải quyết',
  'Ngày, giờ có kết quả',
  'Trước hạn / đúng hạn / quá hạn',
  'Ngày, giờ trả kết quả',
  'Ghi chú',
] as const;

/** A register covers at most a month, so one request reads a bounded part of the index. */
export const REGISTER_MAX_DAYS = 31;

const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'must be a date YYYY-MM-DD' })
  .refine((value) => !Number.isNaN(Date.parse(`${value}T00:00:00+07:00`)) && isCalendarDay(value), {
    message: 'must be a real calendar day',
  });

export const RegisterQuerySchema = z
  .object({
    from: day.optional().meta({
      description:
        'First day received (Vietnam time), YYYY-MM-DD; by default the first of the month of `to`.',
    }),
    to: day.optional().meta({
      description: `Last day received, inclusive, at most ${REGISTER_MAX_DAYS} days after from; by default today.`,
    }),
    format: z.enum(['pdf', 'csv']).default('pdf'),
  })
  .meta({ id: 'RegisterQuery' });

export type RegisterQuery = z.infer<typeof RegisterQuerySchema>;

function isCalendarDay(value: string): boolean {
  return new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) === value;
}

const DAY_MS = 86_400_000;

/** The period's first and last day: by default this month up to today (Vietnam time). */
export function registerPeriod(
  query: Pick<RegisterQuery, 'from' | 'to'>,
  now: Date,
): { from: string; to: string } {
  const to = query.to ?? toVietnamIso(now).slice(0, 10);
  return { from: query.from ?? `${to.slice(0, 8)}01`, to };
}

/** The period as the index's keys: [first day 00:00, the day after the last 00:00), Vietnam ISO times. */
export function registerWindow(query: { from: string; to: string }): { from: string; to: string } {
  const start = Date.parse(`${query.from}T00:00:00+07:00`);
  const end = Date.parse(`${query.to}T00:00:00+07:00`) + DAY_MS;
  const days = (end - start) / DAY_MS;
  if (days < 1 || days > REGISTER_MAX_DAYS) {
    const message = {
      vi: `Kỳ của sổ theo dõi phải từ 1 đến ${REGISTER_MAX_DAYS} ngày, ngày bắt đầu không sau ngày kết thúc.`,
      en: `The register's period must be 1 to ${REGISTER_MAX_DAYS} days, from no later than to.`,
    };
    throw new DomainError('VALIDATION_FAILED', message, [{ field: 'to', message }]);
  }
  return { from: toVietnamIso(new Date(start)), to: toVietnamIso(new Date(end)) };
}

/** "24/11/2026 09:15" in Vietnam time: the register's columns are narrow. */
export function shortDateTime(iso: string | undefined): string {
  if (!iso) return '';
  const time = Date.parse(iso);
  if (Number.isNaN(time)) return '';
  const local = toVietnamIso(new Date(time));
  const [year, month, dayOfMonth] = local.slice(0, 10).split('-');
  return `${dayOfMonth}/${month}/${year} ${local.slice(11, 16)}`;
}

const lastAt = (dossier: DossierRecord, status: string) =>
  [...dossier.history].reverse().find((entry) => entry.status === status)?.at;

/** One dossier's line, numbered `index + 1`, every value as printed (no stored codes). */
export function registerRow(dossier: DossierRecord, index: number): string[] {
  const handedTo = [...new Set(dossier.controlSlip.map((row) => row.to.name))];
  const notes = [
    DOSSIER_STATUSES[dossier.status]?.vi ?? '',
    dossier.extendedDueAt ? `Hẹn lại: ${shortDateTime(dossier.extendedDueAt)}` : '',
    dossier.outcome?.reason ? `Lý do: ${dossier.outcome.reason}` : '',
  ].filter(Boolean);
  return [
    String(index + 1),
    dossier.dossierCode,
    applicantName(dossier.applicant),
    dossier.applicant.address,
    dossier.procedure.name,
    shortDateTime(dossier.receivedAt),
    shortDateTime(dossier.dueAt),
    handedTo.join('; '),
    shortDateTime(dossier.settledAt),
    dossier.result ? TIMELINESS_LABELS[dossier.result.timeliness].vi : '',
    shortDateTime(lastAt(dossier, 'result_returned')),
    notes.join('. '),
  ];
}

/** The register's lines, by time received. */
export function registerRows(dossiers: readonly DossierRecord[]): string[][] {
  return [...dossiers]
    .sort(
      (a, b) =>
        Date.parse(a.receivedAt ?? '') - Date.parse(b.receivedAt ?? '') ||
        a.dossierCode.localeCompare(b.dossierCode),
    )
    .map(registerRow);
}

/** RFC 4180 CSV with a byte-order mark, so that spreadsheets read the Vietnamese text as UTF-8. */
export function registerCsv(rows: readonly string[][]): string {
  return `\uFEFF${[csvLine(REGISTER_COLUMNS), ...rows.map((row) => csvLine(row))].join('\r\n')}\r\n`;
}

/** What the register's PDF prints. */
export interface RegisterDocument {
  title: string;
  unit: { code: string; name: string };
  /** "Từ ngày 01/11/2026 đến ngày 30/11/2026". */
  period: string;
  generatedAt: string;
  columns: readonly string[];
  rows: string[][];
}

export function registerPeriodWording(query: { from: string; to: string }): string {
  const wording = (value: string) => value.split('-').reverse().join('/');
  return `Từ ngày ${wording(query.from)} đến ngày ${wording(query.to)}`;
}
