import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { CalendarStore } from '../../shared/adapters/calendar-store.ts';
import { removeCalendarEntries, setCalendarEntry } from '../../shared/app/calendar/change-calendar.ts';
import { completeDossierRequest, dataOutput } from '../support/deployment.ts';
import { recordAtCounter } from '../support/officers.ts';

/** Cấp Giấy xác nhận tình trạng hôn nhân: three working days, no 15:00 cut-off. */
const THREE_WORKING_DAYS = '1.004873.000.00.00.H56';
/** The tests' deployment keeps the calendar 1 s (`-c calendarCacheSeconds=1` in scripts/test-all.sh). */
const CACHE_WAIT_MS = 2500;
/** The procedure's unit (seed catalog). */
const UNIT = '000.18.22.H56';

/**
 * A dossier handed in at the counter: received at once, so the answer carries the appointment (an
 * online one gets its appointment only when the desk receives it).
 */
const receivedAtCounter = async () =>
  recordAtCounter<{ dueAt: string }>(
    UNIT,
    await completeDossierRequest({ procedureCode: THREE_WORKING_DAYS }),
  );

describe('operators change the working calendar without a redeploy', () => {
  const store = new CalendarStore(dataOutput('ReferenceTableName'));
  const ports = { store, now: () => new Date() };
  const decision = `Quyết định kiểm thử ${randomUUID().slice(0, 8)}`;
  const set: string[] = [];

  afterAll(async () => {
    if (set.length > 0) await removeCalendarEntries(ports, set, decision, 'integration-test');
  });

  it('skips a day off set through the operator command in the next appointment the app computes', async () => {
    const before = await receivedAtCounter();
    expect(before.status).toBe(201);
    // The appointment's own day is a working day after the receipt: the operator makes it a day off.
    const dueDay = before.body.dueAt.slice(0, 10);
    await setCalendarEntry(
      ports,
      { date: dueDay, kind: 'day_off', reason: 'Ngày nghỉ kiểm thử', decision, extra: true },
      'integration-test',
    );
    set.push(dueDay);

    const stored = (await store.listEntries()).find((entry) => entry.date === dueDay);
    expect(stored).toMatchObject({ kind: 'day_off', decision, recordedBy: 'integration-test' });
    const audit = (await store.listAudit()).filter((item) => item.decision === decision);
    expect(audit).toEqual([
      expect.objectContaining({ date: dueDay, command: 'set', by: 'integration-test' }),
    ]);
    // Nothing was recorded for that day before (the stored audit item leaves the key out).
    expect(audit[0]?.before).toBeUndefined();
    expect(audit[0]?.after).toMatchObject({ kind: 'day_off', extra: true });

    await new Promise((resolve) => setTimeout(resolve, CACHE_WAIT_MS));
    const after = await receivedAtCounter();
    expect(after.status).toBe(201);
    expect(after.body.dueAt.slice(0, 10)).not.toBe(dueDay);
    expect(Date.parse(after.body.dueAt)).toBeGreaterThan(Date.parse(before.body.dueAt));
  });
});
