import { parseArgs } from 'node:util';
import {
  CALENDAR_ENTRY_KINDS,
  type CalendarEntryKind,
  isValidDate,
} from '../../shared/domain/calendar/calendar-entries.ts';
import type { BilingualMessage } from '../../shared/domain/common/errors.ts';

export const CALENDAR_USAGE = `Lịch làm việc / working calendar: the yearly decisions' days off and make-up days.
  npm run calendar -- list [year]
  npm run calendar -- set <YYYY-MM-DD> <day_off|working_day> --reason "<lý do>" --decision "<số văn bản>" [--extra]
  npm run calendar -- remove <YYYY-MM-DD> [<YYYY-MM-DD>…] --decision "<số văn bản>"
  npm run calendar -- import <decision.json>
Options: --outputs <cdk-outputs.json> (else $MOTCUA_OUTPUTS, ./cdk-outputs.json, .local/outputs-local.json),
         --by "<who>" (else the operator's AWS access key and login name).
A swap (a weekday off, a Saturday worked) is two entries of one decision: import them together.
A day off that swaps nothing is marked --extra (or "extra": true in the file).
The decision file: { "decision": "Thông báo …", "source": "…", "entries": [ { "date", "kind", "reason", "extra"? } ] }.`;

export type CalendarCommand =
  | { verb: 'help' }
  | { verb: 'list'; year?: number | undefined }
  | { verb: 'set'; date: string; kind: CalendarEntryKind; reason: string; decision: string; extra: boolean }
  | { verb: 'remove'; dates: string[]; decision: string }
  | { verb: 'import'; file: string };

export type ParsedCalendarArgs =
  | { ok: true; command: CalendarCommand; outputs?: string | undefined; by?: string | undefined }
  | { ok: false; error: BilingualMessage };

const fail = (vi: string, en: string): ParsedCalendarArgs => ({ ok: false, error: { vi, en } });

/** The command line of `scripts/calendar.ts`, checked before anything is read or written. */
export function parseCalendarArgs(argv: readonly string[]): ParsedCalendarArgs {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return fail(`Tùy chọn không hợp lệ: ${reason}`, `Invalid option: ${reason}`);
  }
  const { values, positionals } = parsed;
  const [verb, ...rest] = positionals;
  const common = { outputs: values.outputs, by: values.by };
  if (values.help || !verb || verb === 'help') return { ok: true, command: { verb: 'help' }, ...common };
  switch (verb) {
    case 'list': {
      const [year] = rest;
      if (year !== undefined && !/^\d{4}$/.test(year))
        return fail(`Năm không hợp lệ: ${year}`, `Not a year: ${year}`);
      return { ok: true, command: { verb: 'list', year: year ? Number(year) : undefined }, ...common };
    }
    case 'set': {
      const [date, kind] = rest;
      if (!date || !isValidDate(date))
        return fail(
          `Ngày không hợp lệ: ${date ?? '(trống)'}`,
          `Not a date (YYYY-MM-DD): ${date ?? '(none)'}`,
        );
      if (!CALENDAR_ENTRY_KINDS.includes(kind as CalendarEntryKind))
        return fail(
          `Loại ngày phải là day_off hoặc working_day, không phải ${kind ?? '(trống)'}`,
          `The kind must be day_off or working_day, not ${kind ?? '(none)'}`,
        );
      if (!values.reason?.trim()) return fail('Thiếu lý do (--reason)', 'The reason is missing (--reason)');
      if (!values.decision?.trim())
        return fail(
          'Thiếu số văn bản quyết định (--decision)',
          'The decision number is missing (--decision)',
        );
      return {
        ok: true,
        command: {
          verb: 'set',
          date,
          kind: kind as CalendarEntryKind,
          reason: values.reason.trim(),
          decision: values.decision.trim(),
          extra: values.extra,
        },
        ...common,
      };
    }
    case 'remove': {
      if (rest.length === 0) return fail('Thiếu ngày cần xóa', 'No date to remove');
      const invalid = rest.filter((date) => !isValidDate(date));
      if (invalid.length > 0)
        return fail(
          `Ngày không hợp lệ: ${invalid.join(', ')}`,
          `Not a date (YYYY-MM-DD): ${invalid.join(', ')}`,
        );
      if (!values.decision?.trim())
        return fail(
          'Thiếu số văn bản quyết định (--decision)',
          'The decision number is missing (--decision)',
        );
      return {
        ok: true,
        command: { verb: 'remove', dates: rest, decision: values.decision.trim() },
        ...common,
      };
    }
    case 'import': {
      const [file] = rest;
      if (!file) return fail('Thiếu tệp quyết định (.json)', 'The decision file (.json) is missing');
      return { ok: true, command: { verb: 'import', file }, ...common };
    }
    default:
      return fail(
        `Lệnh không có: ${verb} (list, set, remove, import)`,
        `No such command: ${verb} (list, set, remove, import)`,
      );
  }
}

function parse(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    allowPositionals: true,
    strict: true,
    options: {
      outputs: { type: 'string' },
      by: { type: 'string' },
      reason: { type: 'string' },
      decision: { type: 'string' },
      extra: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
}
