import { DOSSIER_STATUSES } from '../../../shared/domain/lifecycle/dossier-status.ts';

export const CHANNELS: Record<string, [string, string]> = {
  online: ['Trực tuyến', 'Online'],
  counter: ['Tại quầy', 'At the counter'],
  postal: ['Bưu chính', 'By post'],
};

export function statusText(status: string | undefined): string {
  const known = Object.entries(DOSSIER_STATUSES).find(([name]) => name === status)?.[1];
  return known ? `${known.vi} / ${known.en}` : (status ?? '—');
}

export const STATUS_OPTIONS: [string, string][] = Object.entries(DOSSIER_STATUSES).map(([name, names]) => [
  name,
  `${names.vi} / ${names.en}`,
]);

export const channelText = (channel: string | undefined) => {
  const names = channel ? CHANNELS[channel] : undefined;
  return names ? `${names[0]} / ${names[1]}` : (channel ?? '—');
};

/** Working minutes in the "due soon" window: two working days of eight hours. */
const SOON_MINUTES = 2 * 8 * 60;

export type Timeliness = 'late' | 'soon' | 'ok' | 'none';

/** Within time, due soon or overdue, from the remaining working time the API computed. */
export function timelinessOf(remaining: unknown): Timeliness {
  if (typeof remaining !== 'object' || remaining === null) return 'none';
  const late = 'late' in remaining && remaining.late === true;
  const minutes = 'workingMinutes' in remaining ? Number(remaining.workingMinutes) : Number.NaN;
  if (late) return 'late';
  return Number.isFinite(minutes) && minutes <= SOON_MINUTES ? 'soon' : 'ok';
}

export const TIMELINESS_TEXT: Record<Timeliness, string> = {
  late: 'Quá hạn / Overdue',
  soon: 'Sắp đến hạn / Due soon',
  ok: 'Trong hạn / Within time',
  none: 'Chưa tính hạn / No deadline yet',
};
