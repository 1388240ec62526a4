import { describe, expect, it } from 'vitest';
import { cachedCalendarLoader } from '../../../shared/adapters/working-calendar.ts';
import type { CalendarEntry } from '../../../shared/domain/calendar/calendar-entries.ts';

const dayOff = (date: string): CalendarEntry => ({
  date,
  kind: 'day_off',
  reason: 'Ngày nghỉ thêm',
  decision: 'Quyết định 1/QĐ-TTg',
  extra: true,
  recordedBy: 'test',
  recordedAt: '2026-12-01T09:00:00+07:00',
});
const tuesday = { year: 2026, month: 12, day: 8 };

/** An in-memory store of entries that counts its reads and can be made to fail. */
function memoryStore() {
  const state = { entries: [] as CalendarEntry[], reads: 0, failing: false };
  return {
    state,
    listEntries: async () => {
      state.reads += 1;
      if (state.failing) throw new Error('table unavailable');
      return state.entries;
    },
  };
}

describe('the working calendar loader', () => {
  it('reads the store once per cache time and applies a change after it', async () => {
    const store = memoryStore();
    let clock = 0;
    const load = cachedCalendarLoader(store, 300_000, () => clock);
    expect((await load()).isDayOff(tuesday)).toBe(false);
    store.state.entries = [dayOff('2026-12-08')];
    clock = 299_999;
    expect((await load()).isDayOff(tuesday)).toBe(false);
    expect(store.state.reads).toBe(1);
    clock = 300_000;
    expect((await load()).isDayOff(tuesday)).toBe(true);
    expect(store.state.reads).toBe(2);
  });

  it('shares one read between concurrent requests', async () => {
    const store = memoryStore();
    const load = cachedCalendarLoader(store, 60_000, () => 0);
    await Promise.all([load(), load(), load()]);
    expect(store.state.reads).toBe(1);
  });

  it('keeps the calendar it holds when a later read fails, and fails with nothing held', async () => {
    const store = memoryStore();
    store.state.entries = [dayOff('2026-12-08')];
    let clock = 0;
    const stale: unknown[] = [];
    const load = cachedCalendarLoader(
      store,
      1000,
      () => clock,
      (error) => stale.push(error),
    );
    expect((await load()).isDayOff(tuesday)).toBe(true);
    store.state.failing = true;
    clock = 5000;
    expect((await load()).isDayOff(tuesday)).toBe(true);
    expect(stale).toHaveLength(1);

    const cold = memoryStore();
    cold.state.failing = true;
    await expect(cachedCalendarLoader(cold, 1000, () => 0)()).rejects.toThrow('table unavailable');
  });

  it('reads every time with a cache time of zero', async () => {
    const store = memoryStore();
    const load = cachedCalendarLoader(store, 0, () => 0);
    await load();
    await load();
    expect(store.state.reads).toBe(2);
  });
});
