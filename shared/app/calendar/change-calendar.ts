import {
  type CalendarDecision,
  type CalendarEntry,
  type CalendarEntryInput,
  CalendarEntryInputSchema,
  calendarIssues,
  isValidDate,
  withDecision,
} from '../../domain/calendar/calendar-entries.ts';
import { toVietnamIso } from '../../domain/calendar/time.ts';
import { DomainError } from '../../domain/common/errors.ts';

export interface CalendarChange {
  date: string;
  before?: CalendarEntry | undefined;
  after?: CalendarEntry | undefined;
}

/** One audited write: the changed dates, and who changed them, when, under which decision. */
export interface CalendarWrite {
  changes: readonly CalendarChange[];
  command: 'set' | 'remove' | 'import';
  decision: string;
  by: string;
  at: string;
}

export interface CalendarPorts {
  store: {
    listEntries(): Promise<readonly CalendarEntry[]>;
    write(write: CalendarWrite): Promise<void>;
  };
  now(): Date;
}

/** Records one date as a day off or a working day (replacing what that date had). */
export async function setCalendarEntry(
  ports: CalendarPorts,
  input: CalendarEntryInput & { decision: string },
  by: string,
): Promise<CalendarWrite> {
  const { decision, ...rest } = input;
  const parsed = CalendarEntryInputSchema.safeParse(rest);
  if (!parsed.success || !isValidDate(rest.date)) throw refused([{ field: rest.date, message: badEntry }]);
  const at = toVietnamIso(ports.now());
  const entry: CalendarEntry = {
    ...parsed.data,
    decision: requireDecision(decision),
    recordedBy: by,
    recordedAt: at,
  };
  const stored = await ports.store.listEntries();
  const after = [...stored.filter((e) => e.date !== entry.date), entry];
  return commit(ports, stored, after, { command: 'set', decision: entry.decision, by, at });
}

/** Removes the entries of these dates, giving the decision that takes them back. */
export async function removeCalendarEntries(
  ports: CalendarPorts,
  dates: readonly string[],
  decision: string,
  by: string,
): Promise<CalendarWrite> {
  const stored = await ports.store.listEntries();
  const missing = dates.filter((date) => !stored.some((entry) => entry.date === date));
  if (missing.length > 0)
    throw refused(
      missing.map((date) => ({
        field: date,
        message: { vi: `Ngày ${date} không có trong lịch đã ghi`, en: `${date} has no calendar entry` },
      })),
    );
  const after = stored.filter((entry) => !dates.includes(entry.date));
  const at = toVietnamIso(ports.now());
  return commit(ports, stored, after, { command: 'remove', decision: requireDecision(decision), by, at });
}

/**
 * Records a decision's entries at once, validated with everything else stored: the decision's earlier
 * entries are replaced, so importing the same file twice changes nothing the second time.
 */
export async function importCalendarDecision(
  ports: CalendarPorts,
  decision: CalendarDecision,
  by: string,
): Promise<CalendarWrite> {
  const at = toVietnamIso(ports.now());
  const stored = await ports.store.listEntries();
  const previous = new Map(stored.map((entry) => [entry.date, entry]));
  const entries = decision.entries.map((input): CalendarEntry => {
    const kept = previous.get(input.date);
    const unchanged =
      kept?.decision === decision.decision &&
      kept.kind === input.kind &&
      kept.reason === input.reason &&
      Boolean(kept.extra) === Boolean(input.extra);
    return unchanged ? kept : { ...input, decision: decision.decision, recordedBy: by, recordedAt: at };
  });
  const after = withDecision(stored, decision.decision, entries);
  return commit(ports, stored, after, { command: 'import', decision: decision.decision, by, at });
}

/** The entries a change would leave, each date compared with what was stored. */
export function changesBetween(
  before: readonly CalendarEntry[],
  after: readonly CalendarEntry[],
): CalendarChange[] {
  const old = new Map(before.map((entry) => [entry.date, entry]));
  const next = new Map(after.map((entry) => [entry.date, entry]));
  const dates = [...new Set([...old.keys(), ...next.keys()])].sort();
  return dates
    .filter((date) => old.get(date) !== next.get(date))
    .map((date) => ({ date, before: old.get(date), after: next.get(date) }));
}

async function commit(
  ports: CalendarPorts,
  stored: readonly CalendarEntry[],
  after: readonly CalendarEntry[],
  write: Omit<CalendarWrite, 'changes'>,
): Promise<CalendarWrite> {
  const issues = calendarIssues(after);
  if (issues.length > 0)
    throw refused(issues.map((issue) => ({ field: issue.subject, message: issue.message })));
  const done = { ...write, changes: changesBetween(stored, after) };
  await ports.store.write(done);
  return done;
}

const badEntry = {
  vi: 'Ngày (YYYY-MM-DD), loại (day_off hoặc working_day) và lý do là bắt buộc',
  en: 'A date (YYYY-MM-DD), a kind (day_off or working_day) and a reason are required',
};

function requireDecision(decision: string): string {
  const trimmed = decision.trim();
  if (!trimmed)
    throw refused([
      {
        field: 'decision',
        message: {
          vi: 'Phải ghi số văn bản quyết định (--decision)',
          en: 'The decision number is required (--decision)',
        },
      },
    ]);
  return trimmed;
}

function refused(fields: { field: string; message: { vi: string; en: string } }[]): DomainError {
  return new DomainError(
    'VALIDATION_FAILED',
    { vi: 'Lịch làm việc không được ghi nhận', en: 'The calendar change was refused' },
    fields,
  );
}
