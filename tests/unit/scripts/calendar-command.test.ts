import { describe, expect, it } from 'vitest';
import { parseCalendarArgs } from '../../../scripts/lib/calendar-command.ts';

describe('the calendar command line', () => {
  it('reads list with and without a year', () => {
    expect(parseCalendarArgs(['list'])).toMatchObject({
      ok: true,
      command: { verb: 'list', year: undefined },
    });
    expect(parseCalendarArgs(['list', '2026'])).toMatchObject({
      ok: true,
      command: { verb: 'list', year: 2026 },
    });
    expect(parseCalendarArgs(['list', '26'])).toMatchObject({ ok: false, error: { en: 'Not a year: 26' } });
  });

  it('reads set with its reason, decision, the extra flag, the outputs file and the operator', () => {
    const parsed = parseCalendarArgs([
      'set',
      '2026-12-08',
      'day_off',
      '--reason',
      'Nghỉ thêm',
      '--decision',
      'Quyết định 1/QĐ-TTg',
      '--extra',
      '--outputs',
      'out.json',
      '--by',
      'Nguyễn Văn A',
    ]);
    expect(parsed).toEqual({
      ok: true,
      command: {
        verb: 'set',
        date: '2026-12-08',
        kind: 'day_off',
        reason: 'Nghỉ thêm',
        decision: 'Quyết định 1/QĐ-TTg',
        extra: true,
      },
      outputs: 'out.json',
      by: 'Nguyễn Văn A',
    });
  });

  it('refuses set without a valid date, kind, reason or decision, in both languages', () => {
    const refusal = (argv: string[]) => {
      const parsed = parseCalendarArgs(argv);
      return parsed.ok ? undefined : parsed.error;
    };
    expect(refusal(['set', '2026-02-30', 'day_off', '--reason', 'x', '--decision', 'y'])?.vi).toContain(
      'Ngày không hợp lệ',
    );
    expect(refusal(['set', '2026-12-08', 'holiday', '--reason', 'x', '--decision', 'y'])?.en).toContain(
      'day_off or working_day',
    );
    expect(refusal(['set', '2026-12-08', 'day_off', '--decision', 'y'])?.en).toContain('--reason');
    expect(refusal(['set', '2026-12-08', 'day_off', '--reason', 'x'])?.vi).toContain('--decision');
    expect(refusal(['set', '2026-12-08', 'day_off', '--colour', 'red'])?.en).toContain('Invalid option');
  });

  it('reads remove of several dates, import of a file, and help', () => {
    expect(parseCalendarArgs(['remove', '2026-01-02', '2026-01-10', '--decision', 'V'])).toMatchObject({
      ok: true,
      command: { verb: 'remove', dates: ['2026-01-02', '2026-01-10'], decision: 'V' },
    });
    expect(parseCalendarArgs(['remove', '--decision', 'V'])).toMatchObject({ ok: false });
    expect(parseCalendarArgs(['import', 'd.json'])).toMatchObject({
      ok: true,
      command: { verb: 'import', file: 'd.json' },
    });
    expect(parseCalendarArgs(['import'])).toMatchObject({ ok: false });
    expect(parseCalendarArgs([])).toMatchObject({ ok: true, command: { verb: 'help' } });
    expect(parseCalendarArgs(['--help'])).toMatchObject({ ok: true, command: { verb: 'help' } });
    expect(parseCalendarArgs(['drop'])).toMatchObject({
      ok: false,
      error: { en: expect.stringContaining('drop') },
    });
  });
});
