import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { countQueueChange, recountQueue } from '../../../../shared/app/officer-desk/count-queue.ts';
import { listQueue, searchQueue } from '../../../../shared/app/officer-desk/list-queue.ts';
import { weekendsOnlyCalendar } from '../../../../shared/domain/calendar/calendar.ts';
import type { DossierRecord } from '../../../../shared/domain/lifecycle/dossier.ts';
import {
  queueAttributes,
  queuePartition,
  queuePartitions,
} from '../../../../shared/domain/officers/work-queue.ts';
import type { ProcessProgress } from '../../../../shared/domain/process/process-state.ts';
import { codeOf } from '../fixtures.ts';
import { commune, district, dossier, memoryClock } from '../memory.ts';
import { memoryDigest, memoryQueue, memoryQueueCounters } from '../memory-ports.ts';

const FORMER = '000.18.22.H56';
const unit = { ...commune, aliases: [FORMER] };
const officer = { username: 'chuyen-vien-1' };
const now = '2026-12-01T09:00:00+07:00';

function withStep(step: string, assignee?: string): ProcessProgress {
  return {
    code: 'QT-1',
    version: 1,
    statutoryMinutes: 4800,
    active: [
      {
        step,
        name: { vi: step, en: step },
        role: 'chuyen_vien',
        unit: { code: commune.code, name: commune.name, tier: commune.tier },
        ...(assignee ? { assignee } : {}),
        startedAt: '2026-11-25T08:00:00+07:00',
        dueAt: '2026-12-10T08:00:00+07:00',
        budgetMinutes: 960,
        handedOverBy: 'system',
      },
    ],
    done: [],
  };
}

// As intake stores it: folded, the given name (last word) first.
const searchKeyOf = (name: string) => {
  const words = name.normalize('NFD').replace(/\p{M}/gu, '').replace(/[đĐ]/g, 'd').toLowerCase().split(' ');
  return [...words.slice(-1), ...words.slice(0, -1)].join(' ');
};

const searchable = (record: DossierRecord, name: string, id: string): DossierRecord => ({
  ...record,
  applicantName: name,
  searchName: searchKeyOf(name),
  idDigests: [memoryDigest(id)],
  idDigest: memoryDigest(id),
});

const held = [
  dossier({ dossierCode: 'LATE', status: 'accepted', dueAt: '2026-11-28T08:00:00+07:00' }),
  dossier({
    dossierCode: 'SOON',
    status: 'in_progress',
    dueAt: '2026-12-02T16:00:00+07:00',
    process: withStep('tham_dinh', 'chuyen-vien-1'),
  }),
  dossier({
    dossierCode: 'LATER',
    status: 'in_progress',
    channel: 'counter',
    receivedAt: '2026-11-30T10:00:00+07:00',
    dueAt: '2026-12-20T08:00:00+07:00',
    process: withStep('phe_duyet'),
  }),
  dossier({
    dossierCode: 'PAUSED',
    status: 'supplement_requested',
    dueAt: '2026-11-20T08:00:00+07:00',
    clock: { pausedAt: '2026-11-19T08:00:00+07:00', remainingWorkingMinutes: 60 },
  }),
  searchable(
    dossier({ dossierCode: 'NEW-2', status: 'submitted', submittedAt: '2026-12-01T08:30:00+07:00' }),
    'Nguyễn Văn An',
    '038190000777',
  ),
  searchable(
    dossier({
      dossierCode: 'NEW-1',
      status: 'submitted',
      submittedAt: '2026-11-30T15:00:00+07:00',
      currentAgencyCode: FORMER,
    }),
    'Đặng Thị Đào',
    '038190000888',
  ),
  dossier({
    dossierCode: 'DONE',
    status: 'result_returned',
    dueAt: '2026-11-15T08:00:00+07:00',
    settledAt: '2026-11-14T08:00:00+07:00',
  }),
  dossier({ dossierCode: 'ELSEWHERE', status: 'in_progress', currentAgencyCode: district.code }),
];

function ports(records: readonly DossierRecord[] = held, at = now) {
  const queue = memoryQueue(records);
  return {
    queue,
    ports: {
      dossiers: queue.dossiers,
      counters: queue.counters,
      search: queue.search,
      calendar: weekendsOnlyCalendar,
      now: memoryClock(at).now,
      identifiers: { digest: async (id: string) => memoryDigest(id) },
    },
  };
}

const codes = (page: { dossiers: { dossierCode: string }[] }) => page.dossiers.map((e) => e.dossierCode);

describe("a unit's work queue", () => {
  it('lists awaiting reception first (oldest submitted first), then by deadline, closed ones last', async () => {
    const page = await listQueue(ports().ports, unit, officer, {});
    expect(page.agencyCode).toBe(commune.code);
    expect(codes(page)).toEqual(['NEW-1', 'NEW-2', 'PAUSED', 'LATE', 'SOON', 'LATER', 'DONE']);
    expect(page.nextCursor).toBeUndefined();
  });

  it('counts the open dossiers of the whole unit per tab, whatever the filters', async () => {
    const expected = { all: 6, reception: 2, soon: 1, late: 1, mine: 1 };
    const { ports: memory } = ports();
    expect((await listQueue(memory, unit, officer, {})).counts).toEqual(expected);
    expect((await listQueue(memory, unit, officer, { tab: 'late', channel: 'postal' })).counts).toEqual(
      expected,
    );
  });

  it.each([
    ['reception', ['NEW-1', 'NEW-2']],
    ['soon', ['SOON']],
    ['late', ['LATE']],
    ['mine', ['SOON']],
  ] as const)('tab %s holds %j', async (tab, expected) => {
    expect(codes(await listQueue(ports().ports, unit, officer, { tab }))).toEqual(expected);
  });

  it('colours received dossiers whose clock runs by their statutory appointment', async () => {
    const page = await listQueue(ports().ports, unit, officer, {});
    const urgency = Object.fromEntries(page.dossiers.map((e) => [e.dossierCode, e.urgency]));
    expect(urgency).toMatchObject({ LATE: 'late', SOON: 'soon', LATER: 'on_time' });
    expect(urgency.PAUSED).toBeUndefined();
    expect(urgency['NEW-1']).toBeUndefined();
  });

  it('filters by status, step, procedure, channel and day received (Vietnam time)', async () => {
    const { ports: memory } = ports();
    const list = async (query: Parameters<typeof listQueue>[3]) =>
      codes(await listQueue(memory, unit, officer, query));
    expect(await list({ status: 'in_progress' })).toEqual(['SOON', 'LATER']);
    expect(await list({ step: 'phe_duyet' })).toEqual(['LATER']);
    expect(await list({ channel: 'counter' })).toEqual(['LATER']);
    expect(await list({ procedure: held[0]?.procedure.code })).toHaveLength(7);
    expect(await list({ procedure: '1.000000.000.00.00.H99' })).toEqual([]);
    expect(await list({ receivedFrom: '2026-11-30', receivedTo: '2026-11-30' })).toEqual(['LATER']);
    expect(await list({ receivedFrom: '2026-12-01' })).toEqual(['PAUSED', 'LATE', 'SOON', 'DONE']);
  });

  it('keeps the former `due` filter: late, and soon with the late ones', async () => {
    const { ports: memory } = ports();
    expect(codes(await listQueue(memory, unit, officer, { due: 'late' }))).toEqual(['LATE']);
    expect(codes(await listQueue(memory, unit, officer, { due: 'soon' }))).toEqual(['LATE', 'SOON']);
  });

  it('gives entries compatible with the former ones, plus the new fields', async () => {
    const page = await listQueue(ports().ports, unit, officer, { tab: 'mine' });
    expect(page.dossiers[0]).toMatchObject({
      dossierCode: 'SOON',
      status: 'in_progress',
      syncCode: expect.any(Number),
      dueAt: '2026-12-02T16:00:00+07:00',
      statutoryDueAt: '2026-12-02T16:00:00+07:00',
      remaining: expect.any(Object),
      openSteps: ['tham_dinh'],
      openAssignees: ['chuyen-vien-1'],
    });
  });
});

describe('paging the queue', () => {
  it('reads pages, not the partition, for the lines', async () => {
    const many = Array.from({ length: 300 }, (_, index) =>
      dossier({
        dossierCode: `D-${String(index).padStart(4, '0')}`,
        status: 'in_progress',
        dueAt: `2026-12-${String(10 + (index % 15)).padStart(2, '0')}T08:00:00+07:00`,
      }),
    );
    const { ports: memory, queue } = ports(many);
    const page = await listQueue(memory, unit, officer, { limit: 20 });
    expect(page.dossiers).toHaveLength(20);
    expect(page.nextCursor).toBeDefined();
    expect(queue.reads.every((read) => read.limit <= 21)).toBe(true);
    expect(page.counts.all).toBe(300);
  });

  it('walks every page once, in order, across the unit’s codes, whatever the page size', async () => {
    const dossierArb = fc.record({
      former: fc.boolean(),
      band: fc.constantFrom('submitted', 'in_progress', 'done'),
      day: fc.integer({ min: 1, max: 28 }),
      hour: fc.integer({ min: 10, max: 16 }),
    });
    await fc.assert(
      fc.asyncProperty(
        fc.array(dossierArb, { maxLength: 40 }),
        fc.integer({ min: 1, max: 7 }),
        fc.constantFrom('all', 'reception', 'late', 'soon'),
        async (shapes, limit, tab) => {
          const records = shapes.map((shape, index) => {
            const at = `2026-11-${String(shape.day).padStart(2, '0')}T${shape.hour}:00:00+07:00`;
            return dossier({
              dossierCode: `C-${index}`,
              status: shape.band as DossierRecord['status'],
              currentAgencyCode: shape.former ? FORMER : commune.code,
              submittedAt: at,
              ...(shape.band === 'submitted' ? {} : { receivedAt: at, dueAt: at }),
            });
          });
          const { ports: memory } = ports(records, '2026-11-15T12:00:00+07:00');
          const whole = codes(await listQueue(memory, unit, officer, { tab, limit: 200 }));
          const walked: string[] = [];
          let cursor: string | undefined;
          do {
            const page = await listQueue(memory, unit, officer, { tab, limit, cursor });
            expect(page.dossiers.length).toBeLessThanOrEqual(limit);
            walked.push(...codes(page));
            cursor = page.nextCursor;
          } while (cursor);
          expect(walked).toEqual(whole);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('refuses a cursor it did not give, or one given for another tab', async () => {
    const { ports: memory } = ports();
    await expect(codeOf(listQueue(memory, unit, officer, { cursor: 'garbage' }))).resolves.toEqual([
      'VALIDATION_FAILED',
      400,
    ]);
    const first = await listQueue(memory, unit, officer, { tab: 'reception', limit: 1 });
    expect(first.nextCursor).toBeDefined();
    await expect(
      codeOf(listQueue(memory, unit, officer, { tab: 'late', cursor: first.nextCursor })),
    ).resolves.toEqual(['VALIDATION_FAILED', 400]);
  });

  it('a cursor naming another unit’s dossier still reads only the caller’s unit', async () => {
    const { ports: memory } = ports();
    const forged = `q1.${Buffer.from(`1#2026-11-01T08:00:00+07:00#ELSEWHERE`).toString('base64url')}`;
    const page = await listQueue(memory, unit, officer, { cursor: forged });
    expect(codes(page)).not.toContain('ELSEWHERE');
    expect(codes(page)).toEqual(['PAUSED', 'LATE', 'SOON', 'LATER', 'DONE']);
  });
});

describe('searching the queue', () => {
  const search = async (text: string, tab?: 'all' | 'reception' | 'late') =>
    codes(await searchQueue(ports().ports, unit, officer, { text, ...(tab ? { tab } : {}) }));

  it('finds a full name or a given name whatever the case and diacritics, "đ" as "d"', async () => {
    expect(await search('nguyen van an')).toEqual(['NEW-2']);
    expect(await search('NGUYỄN  VĂN AN')).toEqual(['NEW-2']);
    expect(await search('dang thi dao')).toEqual(['NEW-1']);
    expect(await search('Đào')).toEqual(['NEW-1']);
    expect(await search('An')).toEqual(['NEW-2']);
    // The index is keyed by the given name first: a family name alone is not a key's beginning.
    expect(await search('Đặng Thị')).toEqual([]);
    expect(await search('Đàoo')).toEqual([]);
  });

  it('finds an identifier exactly, by its digest, and a dossier code exactly', async () => {
    expect(await search('038190000777')).toEqual(['NEW-2']);
    expect(await search(' 0381 9000 0888 ')).toEqual(['NEW-1']);
    expect(await search('03819000077')).toEqual([]);
    expect(await search('LATER')).toEqual(['LATER']);
    expect(await search('LATE')).toEqual(['LATE']);
  });

  it('stays in the tab and in the unit', async () => {
    expect(await search('nguyen van an', 'late')).toEqual([]);
    expect(await search('ELSEWHERE')).toEqual([]);
  });

  it('answers with the counts of the unit', async () => {
    const page = await searchQueue(ports().ports, unit, officer, { text: 'nguyen' });
    expect(page.counts.all).toBe(6);
  });

  it('reads one small page of each partition of the name index when nothing matches, and never the queue', async () => {
    const many = Array.from({ length: 300 }, (_, index) =>
      searchable(
        dossier({ dossierCode: `N-${String(index).padStart(4, '0')}`, status: 'in_progress' }),
        `Nguyễn Văn ${index}`,
        `0381900${String(index).padStart(5, '0')}`,
      ),
    );
    const { ports: memory, queue } = ports(many);
    const page = await searchQueue(memory, unit, officer, { text: 'tran thi lan' });
    expect(page.dossiers).toEqual([]);
    const partitions = [...queuePartitions(commune.code), ...queuePartitions(FORMER)];
    // Each partition is asked for its share of the 51 wanted, and half again.
    expect(queue.reads).toEqual(partitions.map((partition) => ({ partition, limit: 7 })));
  });

  it('walks the matches page by page, the exact ones first, each once', async () => {
    const named = ['Trần Văn An', 'Nguyễn Văn An', 'Lê Thị An'].map((name, index) =>
      searchable(dossier({ dossierCode: `M-${index}`, status: 'in_progress' }), name, `03819000010${index}`),
    );
    const exact = searchable(
      dossier({ dossierCode: 'an', status: 'in_progress' }),
      'Lê Văn Tám',
      '038190000200',
    );
    const { ports: memory } = ports([...named, exact]);
    const walked: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await searchQueue(memory, unit, officer, { text: 'an', limit: 1, cursor });
      walked.push(...codes(page));
      cursor = page.nextCursor;
    } while (cursor);
    expect(walked).toEqual(['an', 'M-2', 'M-1', 'M-0']);
    const first = await searchQueue(memory, unit, officer, { text: 'an', limit: 2 });
    await expect(
      codeOf(searchQueue(memory, unit, officer, { text: 'le van', cursor: first.nextCursor })),
    ).resolves.toEqual(['VALIDATION_FAILED', 400]);
    await expect(
      codeOf(searchQueue(memory, unit, officer, { text: 'an', cursor: 'q1.eHh4' })),
    ).resolves.toEqual(['VALIDATION_FAILED', 400]);
  });
});

describe('the counts kept from the dossiers’ changes', () => {
  const image = (record: DossierRecord) => ({ ...record, ...queueAttributes(record) });
  const submitted = dossier({ dossierCode: 'X-1', status: 'submitted', version: 1 });
  const received = dossier({
    dossierCode: 'X-1',
    status: 'in_progress',
    version: 2,
    dueAt: '2026-12-20T08:00:00+07:00',
    process: withStep('tham_dinh', 'chuyen-vien-1'),
  });
  const moved = { ...received, version: 3, currentAgencyCode: district.code };
  const returned = dossier({
    dossierCode: 'X-1',
    status: 'result_returned',
    version: 4,
    currentAgencyCode: district.code,
  });

  it('follow a dossier from reception to another unit and to its end', async () => {
    const counters = memoryQueueCounters();
    const read = (code: string) => counters.read(queuePartitions(code), 'chuyen-vien-1');
    await countQueueChange({ counters }, { after: image(submitted) });
    expect(await read(commune.code)).toEqual({ all: 1, reception: 1, mine: 0 });
    await countQueueChange({ counters }, { before: image(submitted), after: image(received) });
    expect(await read(commune.code)).toEqual({ all: 1, reception: 0, mine: 1 });
    await countQueueChange({ counters }, { before: image(received), after: image(moved) });
    expect(await read(commune.code)).toEqual({ all: 0, reception: 0, mine: 0 });
    expect(await read(district.code)).toEqual({ all: 1, reception: 0, mine: 1 });
    await countQueueChange({ counters }, { before: image(moved), after: image(returned) });
    expect(await read(district.code)).toEqual({ all: 0, reception: 0, mine: 0 });
  });

  it('count a change delivered again, or late, once', async () => {
    const counters = memoryQueueCounters();
    const changes = [{ after: image(submitted) }, { before: image(submitted), after: image(received) }];
    for (const change of [...changes, ...changes]) await countQueueChange({ counters }, change);
    expect(await counters.read(queuePartitions(commune.code), 'chuyen-vien-1')).toEqual({
      all: 1,
      reception: 0,
      mine: 1,
    });
  });

  it('move nothing for a change that leaves the dossier where it counts', async () => {
    const counters = memoryQueueCounters();
    await countQueueChange({ counters }, { after: image(received) });
    const mailed = { ...image(received), version: 3, routing: { ...received.routing, queuedAt: now } };
    await countQueueChange({ counters }, { before: image(received), after: mailed });
    expect([...counters.cells.values()]).toEqual([{ all: 1 }, { mine: 1 }, { due: 1 }]);
    expect([...counters.entries.values()].map((day) => [...day])).toEqual([
      [['X-1', '2026-12-20T08:00:00+07:00']],
    ]);
  });

  it('are repaired by a recount from the open dossiers', async () => {
    const { queue } = ports();
    const drift = (cell: string, by: Record<string, number>) => ({
      cells: [{ unit: queuePartition(commune.code, 'LATE'), cell, by }],
      put: [],
      remove: [],
    });
    await queue.counters.apply('LATE', 99, drift('tabs', { all: 40 }));
    await queue.counters.apply('SOON', 99, drift('mine#old', { mine: 3 }));
    await recountQueue({ openQueue: queue.dossiers.openQueue, counters: queue.counters }, commune.code);
    expect(await queue.counters.read(queuePartitions(commune.code), 'chuyen-vien-1')).toEqual({
      all: 5,
      reception: 1,
      mine: 1,
    });
    expect(await queue.counters.read(queuePartitions(commune.code), 'old')).toMatchObject({ mine: 0 });
  });
});
