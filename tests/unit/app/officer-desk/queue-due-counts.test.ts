import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { countQueueChange, recountQueue } from '../../../../shared/app/officer-desk/count-queue.ts';
import { listQueue } from '../../../../shared/app/officer-desk/list-queue.ts';
import { addWorkingDays, weekendsOnlyCalendar } from '../../../../shared/domain/calendar/calendar.ts';
import { toVietnamIso } from '../../../../shared/domain/calendar/time.ts';
import type { DossierRecord } from '../../../../shared/domain/lifecycle/dossier.ts';
import { countTabs, queueAttributes } from '../../../../shared/domain/officers/work-queue.ts';
import { commune, district, dossier, memoryClock } from '../memory.ts';
import { memoryQueue, memoryQueueCounters } from '../memory-ports.ts';

/**
 * `soon` and `late` as the queue counter keeps them (cells per day of appointment, entries for the
 * days at the edges), against the tabs judged dossier by dossier (`countTabs`) on the same dossiers.
 */

const officer = { username: 'chuyen-vien-1' };
const NOW = '2026-12-01T09:00:00+07:00';
const base = dossier({ status: 'in_progress' });
const image = (record: DossierRecord) => ({ ...record, ...queueAttributes(record) });
const minutes = (at: string, offset: number) => toVietnamIso(new Date(Date.parse(at) + offset * 60_000));
const untilOf = (at: string) => toVietnamIso(addWorkingDays(new Date(at), 2, weekendsOnlyCalendar));

function state(
  dossierCode: string,
  version: number,
  facts: Partial<Pick<DossierRecord, 'status' | 'dueAt' | 'clock' | 'currentAgencyCode'>>,
): DossierRecord {
  const status = facts.status ?? 'in_progress';
  return {
    ...base,
    dossierCode,
    version,
    status,
    receivedAt: status === 'submitted' ? undefined : base.receivedAt,
    dueAt: status === 'submitted' ? undefined : facts.dueAt,
    clock: facts.clock,
    currentAgencyCode: facts.currentAgencyCode ?? commune.code,
  };
}

/** The counts the use case gives a unit at `at`, with counters fed by `changes` in order. */
async function countsAfter(
  changes: readonly { before?: DossierRecord; after?: DossierRecord }[],
  held: readonly DossierRecord[],
  code: string,
  at = NOW,
) {
  const counters = memoryQueueCounters();
  for (const { before, after } of changes)
    await countQueueChange({ counters }, { before: before && image(before), after: after && image(after) });
  const ports = {
    dossiers: memoryQueue(held).dossiers,
    counters,
    calendar: weekendsOnlyCalendar,
    now: memoryClock(at).now,
  };
  return { counts: (await listQueue(ports, { code }, officer, { limit: 1 })).counts, counters, ports };
}

/** The tabs judged one dossier at a time, as the lists do. */
function judged(held: readonly DossierRecord[], code: string, at = NOW) {
  const context = { now: at, until: untilOf(at), username: officer.username };
  return countTabs(held.filter((record) => record.currentAgencyCode === code).map(image), context);
}

const created = (records: readonly DossierRecord[]) => records.map((after) => ({ after }));

describe('the soon and late counts kept per day of appointment', () => {
  it('judge the dossiers due around now and around the end of "due soon" to the minute', async () => {
    const until = untilOf(NOW);
    const held = [
      state('A-LATE-1M', 1, { dueAt: minutes(NOW, -1) }),
      state('A-NOW', 1, { dueAt: NOW }),
      state('A-SOON-1M', 1, { dueAt: minutes(NOW, 1) }),
      state('A-MIDNIGHT', 1, { dueAt: '2026-12-01T00:00:00+07:00' }),
      state('A-YESTERDAY', 1, { dueAt: '2026-11-30T23:59:00+07:00' }),
      state('A-TOMORROW', 1, { dueAt: '2026-12-02T12:00:00+07:00' }),
      state('A-UNTIL', 1, { dueAt: until }),
      state('A-UNTIL+1M', 1, { dueAt: minutes(until, 1) }),
      state('A-UNTIL-1M', 1, { dueAt: minutes(until, -1) }),
      state('A-NEXT-WEEK', 1, { dueAt: '2026-12-08T08:00:00+07:00' }),
    ];
    const { counts } = await countsAfter(created(held), held, commune.code);
    expect(counts).toMatchObject({ late: 4, soon: 4 });
    expect(counts).toEqual(judged(held, commune.code));
    // A minute later the one due a minute from now is late, and the end of "due soon" moves on.
    const later = minutes(NOW, 1);
    const next = await countsAfter(created(held), held, commune.code, later);
    expect(next.counts).toEqual(judged(held, commune.code, later));
    expect(next.counts.late).toBe(5);
  });

  it('follow a deadline that moves, a clock that stops, a dossier that changes unit and one that closes', async () => {
    const v1 = state('B-1', 1, { dueAt: minutes(NOW, -30) });
    const v2 = state('B-1', 2, { dueAt: minutes(NOW, 24 * 60) });
    const v3 = state('B-1', 3, { dueAt: v2.dueAt, clock: { pausedAt: NOW, remainingWorkingMinutes: 60 } });
    const v4 = state('B-1', 4, { dueAt: minutes(NOW, -5) });
    const v5 = state('B-1', 5, { dueAt: v4.dueAt, currentAgencyCode: district.code });
    const v6 = state('B-1', 6, { dueAt: v4.dueAt, currentAgencyCode: district.code, status: 'done' });
    const history = [v1, v2, v3, v4, v5, v6];
    const expected = [
      { commune: { soon: 0, late: 1 }, district: { soon: 0, late: 0 } },
      { commune: { soon: 1, late: 0 }, district: { soon: 0, late: 0 } },
      { commune: { soon: 0, late: 0 }, district: { soon: 0, late: 0 } },
      { commune: { soon: 0, late: 1 }, district: { soon: 0, late: 0 } },
      { commune: { soon: 0, late: 0 }, district: { soon: 0, late: 1 } },
      { commune: { soon: 0, late: 0 }, district: { soon: 0, late: 0 } },
    ];
    for (const [index, current] of history.entries()) {
      const changes = history
        .slice(0, index + 1)
        .map((after, step) => ({ before: history[step - 1], after }));
      const held = [current];
      const inCommune = await countsAfter(changes, held, commune.code);
      const inDistrict = await countsAfter(changes, held, district.code);
      expect(inCommune.counts, `version ${current.version}`).toMatchObject(expected[index]?.commune ?? {});
      expect(inDistrict.counts, `version ${current.version}`).toMatchObject(expected[index]?.district ?? {});
      expect(inCommune.counts).toEqual(judged(held, commune.code));
      expect(inDistrict.counts).toEqual(judged(held, district.code));
      // The closed dossier leaves no day cell or entry behind.
      if (current.status === 'done') {
        expect([...inDistrict.counters.cells.keys()].filter((key) => key.includes('due#'))).toEqual([]);
        expect([...inDistrict.counters.entries.values()].every((day) => day.size === 0)).toBe(true);
      }
    }
  });

  const STATUSES = [
    'submitted',
    'accepted',
    'in_progress',
    'supplement_requested',
    'done',
    'withdrawn',
  ] as const;
  const arbitraryState = fc.record({
    status: fc.constantFrom(...STATUSES),
    // From three days before now to four after, to the minute, and the edges themselves.
    due: fc.oneof(
      fc.integer({ min: -3 * 24 * 60, max: 4 * 24 * 60 }),
      fc.constantFrom(0, -1, 1, 'until', 'until+1', 'until-1'),
    ),
    paused: fc.boolean(),
    unit: fc.constantFrom(commune.code, district.code),
  });
  const arbitraryNow = fc.constantFrom(
    NOW,
    '2026-12-01T00:00:00+07:00',
    '2026-12-01T23:59:00+07:00',
    '2026-12-04T16:30:00+07:00',
    '2026-12-05T10:00:00+07:00',
  );

  it('equal the tabs judged one by one, whatever the dossiers went through, delivered twice or not', async () => {
    await fc.assert(
      fc.asyncProperty(
        arbitraryNow,
        fc.array(fc.array(arbitraryState, { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 12 }),
        fc.array(fc.nat(), { maxLength: 10 }),
        async (at, lives, redelivered) => {
          const until = untilOf(at);
          const dueOf = (due: number | string) =>
            typeof due === 'number'
              ? minutes(at, due)
              : minutes(until, due === 'until+1' ? 1 : due === 'until-1' ? -1 : 0);
          const histories = lives.map((life, index) =>
            life.map((facts, step) =>
              state(`P-${index}`, step + 1, {
                status: facts.status,
                dueAt: dueOf(facts.due),
                clock: facts.paused ? { pausedAt: at, remainingWorkingMinutes: 30 } : undefined,
                currentAgencyCode: facts.unit,
              }),
            ),
          );
          const changes = histories.flatMap((history) =>
            history.map((after, step) => ({ before: history[step - 1], after })),
          );
          // Records delivered again, late, count once.
          const delivered = [
            ...changes,
            ...redelivered.flatMap((pick) => changes[pick % changes.length] ?? []),
          ];
          const held = histories.flatMap((history) => history.slice(-1));
          for (const code of [commune.code, district.code]) {
            const { counts } = await countsAfter(delivered, held, code, at);
            expect(counts).toEqual(judged(held, code, at));
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it('are set right again by a recount, whatever drift the counters had', async () => {
    await fc.assert(
      fc.asyncProperty(
        arbitraryNow,
        fc.array(arbitraryState, { minLength: 1, maxLength: 15 }),
        fc.array(
          fc.tuple(fc.integer({ min: -3, max: 3 }), fc.integer({ min: -2 * 24 * 60, max: 4 * 24 * 60 })),
          {
            maxLength: 6,
          },
        ),
        async (at, facts, drift) => {
          const held = facts.map((fact, index) =>
            state(`R-${index}`, 1, {
              status: fact.status,
              dueAt: minutes(at, typeof fact.due === 'number' ? fact.due : 0),
              currentAgencyCode: commune.code,
            }),
          );
          // Drift: day cells and entries moved by no dossier, and a change of a dossier never counted.
          const { counters, ports } = await countsAfter(created(held.slice(1)), held, commune.code, at);
          for (const [index, [by, offset]] of drift.entries())
            await counters.apply(`DRIFT-${index}`, 1, {
              cells: [
                { unit: commune.code, cell: `due#${minutes(at, offset).slice(0, 10)}`, by: { due: by } },
              ],
              put: [{ unit: commune.code, dossierCode: `DRIFT-${index}`, dueAt: minutes(at, offset) }],
              remove: [],
            });
          await recountQueue({ openQueue: ports.dossiers.openQueue, counters }, commune.code);
          const { counts } = await listQueue(ports, { code: commune.code }, officer, { limit: 1 });
          expect(counts).toEqual(judged(held, commune.code, at));
        },
      ),
      { numRuns: 150 },
    );
  });
});
