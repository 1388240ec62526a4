import * as z from 'zod';
import { WORKING_DAY_MINUTES } from '../calendar/calendar.ts';
import { toVietnameseWording } from '../calendar/time.ts';
import { type MailContent, plainTextMail } from './mail-templates.ts';

/**
 * An alert to a unit's officers about a dossier's deadline: a step of its internal process running
 * late (to the officer holding it and the unit's leaders), or the dossier late without an approved
 * apology (to the leaders). It names the dossier by its code only, never the applicant.
 */
export const OfficerAlertMessageSchema = z.object({
  type: z.literal('officer-alert'),
  kind: z.enum(['step_overdue', 'late_without_apology']),
  /** What the alert is about, once: the dossier, and the step and when it opened. */
  alertId: z.string().min(1).max(300),
  to: z.email(),
  dossierCode: z.string().min(1),
  procedure: z.object({ code: z.string(), name: z.string() }),
  unit: z.object({ code: z.string(), name: z.string() }),
  step: z.object({ code: z.string(), name: z.object({ vi: z.string(), en: z.string() }) }).optional(),
  /** The step's own deadline, or the dossier's statutory appointment. */
  dueAt: z.string(),
  lateWorkingMinutes: z.number().int().min(0),
});
export type OfficerAlertMessage = z.infer<typeof OfficerAlertMessageSchema>;

/** "1 ngày 2 giờ 30 phút làm việc" / "1 working day 2 h 30 min". */
export function lateWording(minutes: number): { vi: string; en: string } {
  const days = Math.floor(minutes / WORKING_DAY_MINUTES);
  const hours = Math.floor((minutes % WORKING_DAY_MINUTES) / 60);
  const rest = minutes % 60;
  const vi = [days && `${days} ngày`, hours && `${hours} giờ`, (rest || minutes === 0) && `${rest} phút`];
  const en = [
    days && `${days} working day${days > 1 ? 's' : ''}`,
    hours && `${hours} h`,
    (rest || minutes === 0) && `${rest} min`,
  ];
  return {
    vi: `${vi.filter(Boolean).join(' ')} làm việc`,
    en: en.filter(Boolean).join(' '),
  };
}

/** The alert in Vietnamese, with an English version below it. */
export function officerAlertMail(alert: Omit<OfficerAlertMessage, 'type' | 'to'>): MailContent {
  const late = lateWording(alert.lateWorkingMinutes);
  const due = toVietnameseWording(new Date(alert.dueAt));
  const step = alert.step;
  const vi = step
    ? [
        `Bước "${step.name.vi}" (${step.code}) của hồ sơ ${alert.dossierCode} tại ${alert.unit.name} đã quá hạn xử lý của bước.`,
        `Thủ tục: ${alert.procedure.name} (${alert.procedure.code})`,
        `Hạn của bước: ${due}`,
        `Đã quá hạn: ${late.vi}`,
        'Đề nghị người đang xử lý hoàn thành bước và lãnh đạo đơn vị đôn đốc, để hồ sơ được giải quyết trước hạn trả kết quả.',
      ]
    : [
        `Hồ sơ ${alert.dossierCode} tại ${alert.unit.name} đã quá hạn trả kết quả mà chưa có văn bản xin lỗi và hẹn lại (mẫu 04) được phê duyệt.`,
        `Thủ tục: ${alert.procedure.name} (${alert.procedure.code})`,
        `Hạn trả kết quả: ${due}`,
        `Đã quá hạn: ${late.vi}`,
        'Đề nghị lãnh đạo đơn vị chỉ đạo giải quyết và phê duyệt văn bản xin lỗi, hẹn lại thời gian trả kết quả.',
      ];
  const en = step
    ? [
        `Step "${step.name.en}" (${step.code}) of dossier ${alert.dossierCode} at ${alert.unit.name} is past its own deadline.`,
        `Procedure: ${alert.procedure.code}. Step deadline: ${alert.dueAt}. Late by ${late.en}.`,
      ]
    : [
        `Dossier ${alert.dossierCode} at ${alert.unit.name} is past its appointment without an approved apology (form 04).`,
        `Procedure: ${alert.procedure.code}. Appointment: ${alert.dueAt}. Late by ${late.en}.`,
      ];
  const subject = step
    ? `Bước xử lý quá hạn: ${alert.dossierCode} / Step overdue`
    : `Hồ sơ quá hạn chưa có văn bản xin lỗi: ${alert.dossierCode} / Dossier late without apology`;
  return plainTextMail(subject, [...vi, '', '---', ...en].join('\n'));
}
