import * as z from 'zod';
import type { WorkingCalendar } from './calendar.ts';
import {
  type CalendarOverrides,
  holidaysWithCompensation,
  tetDays,
  vietnameseCivilServiceCalendar,
} from './holidays.ts';

/**
 * The yearly decisions as data: each entry turns one date into a day off or a working day, with the
 * reason and the decision that ordered it. A swap (a working day moved onto a Saturday) is two
 * entries of one decision: the weekday `day_off` and the Saturday `working_day`. A day off that
 * moves no working day (a day granted outright) says so with `extra: true` and needs no make-up day.
 */
export const CALENDAR_ENTRY_KINDS = ['day_off', 'working_day'] as const;
export type CalendarEntryKind = (typeof CALENDAR_ENTRY_KINDS)[number];

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');

/** What an operator gives for one date; the decision is given once per command or import. */
export const CalendarEntryInputSchema = z.object({
  date: isoDate,
  kind: z.enum(CALENDAR_ENTRY_KINDS),
  reason: z.string().trim().min(1).max(300),
  extra: z.boolean().optional(),
});
export type CalendarEntryInput = z.infer<typeof CalendarEntryInputSchema>;

export const CalendarEntrySchema = CalendarEntryInputSchema.extend({
  /** The decision's number and title, e.g. "Thông báo 6150/TB-BLĐTBXH". */
  decision: z.string().trim().min(1).max(200),
  recordedBy: z.string().min(1),
  recordedAt: z.string().min(1),
});
export type CalendarEntry = z.infer<typeof CalendarEntrySchema>;

/** A decision imported whole: its number and its entries. */
export const CalendarDecisionSchema = z.object({
  decision: z.string().trim().min(1).max(200),
  /** Where the decision's text was read, for whoever checks it again. */
  source: z.string().optional(),
  entries: z.array(CalendarEntryInputSchema).min(1),
});
export type CalendarDecision = z.infer<typeof CalendarDecisionSchema>;

export type CalendarIssueCode =
  | 'invalid_date'
  | 'duplicate_date'
  | 'working_day_in_tet'
  | 'working_day_on_holiday'
  | 'already_working_day'
  | 'already_day_off'
  | 'unbalanced_swap';

export interface CalendarIssue {
  code: CalendarIssueCode;
  /** The date concerned, or the decision for an unbalanced swap. */
  subject: string;
  message: { vi: string; en: string };
}

/** A real calendar date, not only one of the right shape. */
export function isValidDate(date: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return false;
  const parsed = new Date(`${date}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === date;
}

/** What the rules alone (weekends, Art. 112 holidays, Art. 111.3 compensation) make of a date. */
export function ruleDay(date: string): 'working' | 'weekend' | 'holiday' {
  const year = Number(date.slice(0, 4));
  const holidays = new Set(
    [...holidaysWithCompensation(year - 1), ...holidaysWithCompensation(year)].map((h) => h.date),
  );
  if (holidays.has(date)) return 'holiday';
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  return weekday === 0 || weekday === 6 ? 'weekend' : 'working';
}

/**
 * Everything wrong with a set of entries taken as a whole (the stored set after a change): dates
 * that do not exist, one date twice, a working day inside Tết or on a holiday, an entry that changes
 * nothing, and a decision whose moved days off and make-up days do not pair up.
 */
export function calendarIssues(
  entries: readonly Omit<CalendarEntry, 'recordedBy' | 'recordedAt'>[],
): CalendarIssue[] {
  const issues: CalendarIssue[] = [];
  const seen = new Set<string>();
  const swaps = new Map<string, { off: number; worked: number }>();
  for (const entry of entries) {
    const { date } = entry;
    if (!isValidDate(date)) {
      issues.push({
        code: 'invalid_date',
        subject: date,
        message: { vi: `Ngày ${date} không tồn tại`, en: `${date} is not a calendar date` },
      });
      continue;
    }
    if (seen.has(date)) {
      issues.push({
        code: 'duplicate_date',
        subject: date,
        message: { vi: `Ngày ${date} được ghi hai lần`, en: `${date} is given twice` },
      });
      continue;
    }
    seen.add(date);
    const rule = ruleDay(date);
    const swap = swaps.get(entry.decision) ?? { off: 0, worked: 0 };
    swaps.set(entry.decision, swap);
    if (entry.kind === 'working_day') {
      if (tetDays(Number(date.slice(0, 4))).includes(date))
        issues.push({
          code: 'working_day_in_tet',
          subject: date,
          message: {
            vi: `Ngày ${date} là ngày nghỉ Tết Âm lịch theo luật, không thể là ngày làm việc`,
            en: `${date} is a statutory Tết day and cannot be a working day`,
          },
        });
      else if (rule === 'holiday')
        issues.push({
          code: 'working_day_on_holiday',
          subject: date,
          message: {
            vi: `Ngày ${date} là ngày nghỉ lễ (hoặc nghỉ bù) theo luật, không thể là ngày làm việc`,
            en: `${date} is a statutory holiday (or its compensatory day) and cannot be a working day`,
          },
        });
      else if (rule === 'working')
        issues.push({
          code: 'already_working_day',
          subject: date,
          message: {
            vi: `Ngày ${date} đã là ngày làm việc`,
            en: `${date} is a working day already`,
          },
        });
      else swap.worked += 1;
    } else if (rule !== 'working') {
      issues.push({
        code: 'already_day_off',
        subject: date,
        message: { vi: `Ngày ${date} đã là ngày nghỉ`, en: `${date} is a day off already` },
      });
    } else if (!entry.extra) swap.off += 1;
  }
  for (const [decision, { off, worked }] of swaps) {
    if (off === worked) continue;
    issues.push({
      code: 'unbalanced_swap',
      subject: decision,
      message: {
        vi: `${decision}: ${off} ngày làm việc được chuyển thành ngày nghỉ nhưng có ${worked} ngày làm bù; ngày nghỉ không hoán đổi phải ghi rõ là nghỉ thêm (extra)`,
        en: `${decision}: ${off} working days moved off but ${worked} make-up days; a day off that swaps nothing must be marked extra`,
      },
    });
  }
  return issues;
}

export function overridesOf(entries: readonly Pick<CalendarEntry, 'date' | 'kind'>[]): CalendarOverrides {
  return {
    daysOff: entries.filter((entry) => entry.kind === 'day_off').map((entry) => entry.date),
    workingDays: entries.filter((entry) => entry.kind === 'working_day').map((entry) => entry.date),
  };
}

/** The working calendar: the rules with the stored decisions' entries over them. */
export function calendarFromEntries(
  entries: readonly Pick<CalendarEntry, 'date' | 'kind'>[],
): WorkingCalendar {
  return vietnameseCivilServiceCalendar(overridesOf(entries));
}

/**
 * The stored set after one decision is imported: that decision's earlier entries are replaced by the
 * new ones, other decisions' entries are kept.
 */
export function withDecision(
  stored: readonly CalendarEntry[],
  decision: string,
  entries: readonly CalendarEntry[],
): CalendarEntry[] {
  return [...stored.filter((entry) => entry.decision !== decision), ...entries].sort((a, b) =>
    a.date.localeCompare(b.date),
  );
}
