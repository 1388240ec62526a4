import { VIETNAM_UTC_OFFSET_MINUTES } from './calendar.ts';

/** ISO 8601 in Vietnam's civil time, e.g. `2026-11-24T17:05:00+07:00`, as printed on receipts. */
export function toVietnamIso(instant: Date): string {
  const shifted = new Date(instant.getTime() + VIETNAM_UTC_OFFSET_MINUTES * 60_000);
  return `${shifted.toISOString().slice(0, 19)}+07:00`;
}

/** "HH giờ mm phút, ngày dd tháng MM năm yyyy", the wording of forms 01 and 06. */
export function toVietnameseWording(instant: Date): string {
  const iso = toVietnamIso(instant);
  const [date = '', time = ''] = iso.split('T');
  const [year, month, day] = date.split('-');
  const [hour, minute] = time.split(':');
  return `${hour} giờ ${minute} phút, ngày ${day} tháng ${month} năm ${year}`;
}

/** The same with milliseconds, for document exchange steps whose durations are measured. */
export function toVietnamIsoPrecise(instant: Date): string {
  const shifted = new Date(instant.getTime() + VIETNAM_UTC_OFFSET_MINUTES * 60_000);
  return `${shifted.toISOString().slice(0, 23)}+07:00`;
}
