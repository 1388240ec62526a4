import { describe, expect, it } from 'vitest';
import {
  type CalendarPorts,
  type CalendarWrite,
  importCalendarDecision,
  removeCalendarEntries,
  setCalendarEntry,
} from '../../../../shared/app/calendar/change-calendar.ts';
import type { CalendarEntry } from '../../../../shared/domain/calendar/calendar-entries.ts';
import { DomainError } from '../../../../shared/domain/common/errors.ts';

/** The calendar partition in memory, with every audited write kept. */
function memoryCalendar() {
  const entries = new Map<string, CalendarEntry>();
  const writes: CalendarWrite[] = [];
  const ports: CalendarPorts = {
    store: {
      listEntries: async () => [...entries.values()],
      write: async (write) => {
        for (const { date, after } of write.changes) {
          if (after) entries.set(date, after);
          else entries.delete(date);
        }
        writes.push(write);
      },
    },
    now: () => new Date('2026-12-01T02:00:00Z'),
  };
  return { ports, entries, writes };
}

const newYear2026 = {
  decision: 'Văn bản 12729/VPCP-KGVX ngày 25/12/2025',
  entries: [
    { date: '2026-01-02', kind: 'day_off' as const, reason: 'Hoán đổi sang thứ Bảy 10/01/2026' },
    { date: '2026-01-10', kind: 'working_day' as const, reason: 'Làm bù cho thứ Sáu 02/01/2026' },
  ],
};

describe('changing the working calendar', () => {
  it('imports a decision’s swap whole, audited with who, when and the entries before and after', async () => {
    const { ports, entries, writes } = memoryCalendar();
    const write = await importCalendarDecision(ports, newYear2026, 'aws:AKIA1 (ops)');
    expect([...entries.keys()].sort()).toEqual(['2026-01-02', '2026-01-10']);
    expect(write).toMatchObject({
      command: 'import',
      by: 'aws:AKIA1 (ops)',
      at: '2026-12-01T09:00:00+07:00',
    });
    expect(write.changes.map(({ date, before, after }) => [date, before, after?.kind])).toEqual([
      ['2026-01-02', undefined, 'day_off'],
      ['2026-01-10', undefined, 'working_day'],
    ]);
    expect(entries.get('2026-01-02')).toMatchObject({
      decision: newYear2026.decision,
      recordedBy: 'aws:AKIA1 (ops)',
    });
    expect(writes).toHaveLength(1);
  });

  it('changes nothing when the same decision is imported again', async () => {
    const { ports, writes } = memoryCalendar();
    await importCalendarDecision(ports, newYear2026, 'a');
    const again = await importCalendarDecision(ports, newYear2026, 'b');
    expect(again.changes).toEqual([]);
    expect(writes[1]?.changes).toEqual([]);
  });

  it('refuses a swap given one side at a time, naming the decision, and writes nothing', async () => {
    const { ports, writes } = memoryCalendar();
    const refused = setCalendarEntry(
      ports,
      { date: '2026-01-02', kind: 'day_off', reason: 'x', decision: 'Văn bản 12729/VPCP-KGVX' },
      'ops',
    );
    await expect(refused).rejects.toBeInstanceOf(DomainError);
    await expect(refused).rejects.toMatchObject({ fields: [{ field: 'Văn bản 12729/VPCP-KGVX' }] });
    expect(writes).toHaveLength(0);
  });

  it('sets an extra day off alone, and replaces it keeping the entry before in the audit', async () => {
    const { ports, entries } = memoryCalendar();
    const decision = 'Quyết định 99/QĐ-TTg';
    await setCalendarEntry(
      ports,
      { date: '2026-12-08', kind: 'day_off', reason: 'a', decision, extra: true },
      'ops',
    );
    const second = await setCalendarEntry(
      ports,
      { date: '2026-12-08', kind: 'day_off', reason: 'b', decision, extra: true },
      'ops2',
    );
    expect(second.changes[0]?.before).toMatchObject({ reason: 'a', recordedBy: 'ops' });
    expect(entries.get('2026-12-08')).toMatchObject({ reason: 'b', recordedBy: 'ops2' });
  });

  it('removes both sides of a swap at once, refuses to remove one side or an absent date', async () => {
    const { ports, entries } = memoryCalendar();
    await importCalendarDecision(ports, newYear2026, 'ops');
    await expect(
      removeCalendarEntries(ports, ['2026-01-10'], 'Văn bản thu hồi', 'ops'),
    ).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
    });
    await expect(
      removeCalendarEntries(ports, ['2026-03-03'], 'Văn bản thu hồi', 'ops'),
    ).rejects.toMatchObject({
      fields: [{ field: '2026-03-03' }],
    });
    const removed = await removeCalendarEntries(
      ports,
      ['2026-01-02', '2026-01-10'],
      'Văn bản thu hồi',
      'ops',
    );
    expect(removed.changes.every((change) => change.before && !change.after)).toBe(true);
    expect(entries.size).toBe(0);
  });

  it('refuses a working day inside Tết and an entry without a decision number', async () => {
    const { ports } = memoryCalendar();
    await expect(
      importCalendarDecision(
        ports,
        {
          decision: 'X',
          entries: [
            { date: '2026-02-18', kind: 'working_day', reason: 'x' },
            { date: '2026-02-23', kind: 'day_off', reason: 'x' },
          ],
        },
        'ops',
      ),
    ).rejects.toMatchObject({
      fields: expect.arrayContaining([expect.objectContaining({ field: '2026-02-18' })]),
    });
    await expect(
      setCalendarEntry(
        ports,
        { date: '2026-12-08', kind: 'day_off', reason: 'x', decision: ' ', extra: true },
        'o',
      ),
    ).rejects.toMatchObject({ fields: [{ field: 'decision' }] });
  });
});
