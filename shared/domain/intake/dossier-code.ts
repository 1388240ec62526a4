import { isAgencyCode } from '../agencies/agency.ts';
import { toLocalDate } from '../calendar/calendar.ts';

/** `<agency code>-<YYMMDD>-<NNNN>`: receiving agency, local date received, daily sequence. */
const DOSSIER_CODE = /^(?<agency>[0-9A-Z.]{3,35})-(?<date>\d{6})-(?<sequence>\d{4,})$/;

export function dossierDay(receivedAt: Date): string {
  const { year, month, day } = toLocalDate(receivedAt);
  return `${String(year % 100).padStart(2, '0')}${String(month).padStart(2, '0')}${String(day).padStart(2, '0')}`;
}

/** The key of the per-agency, per-day counter that hands out sequence numbers. */
export function dailySequenceKey(agencyCode: string, receivedAt: Date): string {
  return `dossier-seq#${agencyCode}#${dossierDay(receivedAt)}`;
}

export function formatDossierCode(agencyCode: string, receivedAt: Date, sequence: number): string {
  if (!isAgencyCode(agencyCode)) throw new RangeError(`Not an agency code: ${agencyCode}`);
  if (!Number.isInteger(sequence) || sequence < 1)
    throw new RangeError(`Sequence must be ≥ 1, got ${sequence}`);
  return `${agencyCode}-${dossierDay(receivedAt)}-${String(sequence).padStart(4, '0')}`;
}

export interface ParsedDossierCode {
  agencyCode: string;
  day: string;
  sequence: number;
}

export function parseDossierCode(code: string): ParsedDossierCode | undefined {
  const match = DOSSIER_CODE.exec(code);
  const groups = match?.groups;
  if (!groups?.agency || !groups.date || !groups.sequence || !isAgencyCode(groups.agency)) return undefined;
  return { agencyCode: groups.agency, day: groups.date, sequence: Number(groups.sequence) };
}
