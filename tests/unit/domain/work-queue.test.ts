import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addWorkingDays, weekendsOnlyCalendar } from '../../../shared/domain/calendar/calendar.ts';
import { toVietnamIso } from '../../../shared/domain/calendar/time.ts';
import {
  applicantIdentifiers,
  DUE_SOON_WORKING_DAYS,
  decodeCursor,
  encodeCursor,
  foldName,
  inTab,
  nameSearchKey,
  QUEUE_SHARDS,
  QUEUE_TABS,
  queueAttributes,
  queuePartition,
  queuePartitions,
  queueShardOf,
  tabRange,
  urgency,
} from '../../../shared/domain/officers/work-queue.ts';

describe('folding names for the search', () => {
  it.each([
    ['Nguyễn Văn An', 'nguyen van an'],
    ['NGUYỄN  VĂN   AN ', 'nguyen van an'],
    ['Đặng Thị Đào', 'dang thi dao'],
    ['Nguye\u0301\u0302n', 'nguyen'],
    ['Công ty TNHH Hòa Bình', 'cong ty tnhh hoa binh'],
  ])('%s → %s', (name, folded) => {
    expect(foldName(name)).toBe(folded);
  });
});

describe('the key a name is searched by', () => {
  it.each([
    ['dang thi dao', 'dao dang thi'],
    ['nguyen van an', 'an nguyen van'],
    ['dao', 'dao'],
    ['', ''],
  ])('%s → %s', (folded, key) => {
    expect(nameSearchKey(folded)).toBe(key);
  });

  it('turns a full name typed in its usual order into the beginning of its own key', () => {
    fc.assert(
      fc.property(fc.array(fc.stringMatching(/^[a-z]{1,6}$/), { minLength: 1, maxLength: 5 }), (words) => {
        const name = words.join(' ');
        expect(nameSearchKey(name).startsWith(nameSearchKey(words.at(-1) ?? ''))).toBe(true);
        expect(nameSearchKey(name)).toBe(nameSearchKey(name));
        expect(nameSearchKey(name).split(' ').sort()).toEqual([...words].sort());
      }),
    );
  });
});

describe('the identifiers a dossier is found by', () => {
  it('takes the own identifier and the representative’s, without spaces, upper case', () => {
    expect(
      applicantIdentifiers({
        fullName: 'A',
        idNumber: '038 190 000 123',
        address: 'x',
        phone: '0912345678',
        representative: { fullName: 'B', idNumber: '001099000111', authorisationDocument: 'GUQ 1' },
      } as never),
    ).toEqual(['038190000123', '001099000111']);
    expect(
      applicantIdentifiers({
        kind: 'foreigner',
        fullName: 'John Smith',
        passportNumber: 'c1234567',
        nationality: 'GB',
        address: 'x',
        phone: '0912345678',
      } as never),
    ).toEqual(['C1234567']);
  });
});

describe('the queue key', () => {
  const base = { dossierCode: 'X-1', currentAgencyCode: 'U1', submittedAt: '2026-12-01T08:00:00+07:00' };
  it('puts awaiting reception first, received next by deadline, closed last', () => {
    expect(queueAttributes({ ...base, status: 'submitted' }).queueKey).toBe(
      '0#2026-12-01T08:00:00+07:00#X-1',
    );
    expect(
      queueAttributes({
        ...base,
        status: 'in_progress',
        receivedAt: '2026-12-01T09:00:00+07:00',
        dueAt: '2026-12-05T09:00:00+07:00',
      }).queueKey,
    ).toBe('1#2026-12-05T09:00:00+07:00#X-1');
    expect(
      queueAttributes({
        ...base,
        status: 'result_returned',
        receivedAt: '2026-12-01T09:00:00+07:00',
        dueAt: '2026-12-05T09:00:00+07:00',
      }).queueKey,
    ).toBe('2#2026-12-05T09:00:00+07:00#X-1');
    expect(queueAttributes({ ...base, status: 'not_accepted' }).queueKey).toMatch(/^2#/);
    // Completed, the result still has to be handed over: the desk's work is not finished.
    expect(
      queueAttributes({ ...base, status: 'done', receivedAt: base.submittedAt, dueAt: base.submittedAt })
        .queueKey,
    ).toMatch(/^1#/);
  });

  it('has no open steps without a process', () => {
    expect(queueAttributes({ ...base, status: 'submitted' }).openSteps).toBeUndefined();
  });
});

describe('tabs and their key ranges', () => {
  const instant = fc
    .integer({ min: Date.parse('2026-01-01T00:00:00Z'), max: Date.parse('2027-12-31T00:00:00Z') })
    .map((ms) => new Date(ms - (ms % 60000)));

  it('a dossier a tab keeps always lies in the range that tab reads, and has one urgency', () => {
    fc.assert(
      fc.property(
        instant,
        instant,
        fc.boolean(),
        fc.boolean(),
        fc.boolean(),
        (now, due, paused, received, done) => {
          const context = {
            now: toVietnamIso(now),
            until: toVietnamIso(addWorkingDays(now, DUE_SOON_WORKING_DAYS, weekendsOnlyCalendar)),
            username: 'u',
          };
          const dueAt = toVietnamIso(due);
          const status = received ? (done ? 'done' : 'in_progress') : 'submitted';
          const item = {
            status,
            ...queueAttributes({
              dossierCode: 'X-1',
              currentAgencyCode: 'U1',
              status,
              submittedAt: dueAt,
              ...(received ? { receivedAt: dueAt, dueAt } : {}),
            }),
            dueAt: received ? dueAt : undefined,
            clock: paused ? { pausedAt: dueAt, remainingWorkingMinutes: 1 } : undefined,
          };
          for (const tab of QUEUE_TABS) {
            const range = tabRange(tab, context.now, context.until);
            if (inTab(item, tab, context) && range) {
              expect(item.queueKey >= range.from && item.queueKey <= range.to).toBe(true);
            }
          }
          const tabs = (['soon', 'late'] as const).filter((tab) => inTab(item, tab, context));
          expect(tabs.length).toBeLessThanOrEqual(1);
          const level = urgency(item, context);
          expect(level === 'late' || level === 'soon' ? [level] : []).toEqual(tabs);
          if (received && !paused) expect(level !== undefined).toBe(!done);
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('cursors', () => {
  it('round-trip a position and refuse one outside the range read', () => {
    const position = { queueKey: '1#2026-12-05T09:00:00+07:00#X-1', dossierCode: 'X-1' };
    const cursor = encodeCursor(position);
    expect(decodeCursor(cursor, undefined)).toEqual(position);
    expect(() => decodeCursor(cursor, { from: '0#', to: '0#~' })).toThrow(/cursor/i);
    expect(() => decodeCursor('q1.!!!', undefined)).toThrow(/cursor/i);
    expect(() => decodeCursor(encodeCursor({ queueKey: '9#x#y', dossierCode: 'y' }), undefined)).toThrow();
  });
});

describe('the queue partitions of a unit', () => {
  it('spread its dossiers evenly: each shard of 8,000 sequential codes holds its share within 10 %', () => {
    const held = new Array<number>(QUEUE_SHARDS).fill(0);
    for (let index = 0; index < 8000; index += 1) {
      const code = `000.00.01.H56-261201-${String(index).padStart(4, '0')}`;
      held[queueShardOf(code)] = (held[queueShardOf(code)] ?? 0) + 1;
    }
    const share = 8000 / QUEUE_SHARDS;
    for (const count of held) expect(Math.abs(count - share) / share).toBeLessThan(0.1);
  });

  it('keep a dossier in one shard whatever unit holds it, and name that unit', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1 }),
        fc.string({ minLength: 1 }),
        fc.string({ minLength: 1 }),
        (code, unit, other) => {
          const shard = queueShardOf(code);
          expect(shard).toBeGreaterThanOrEqual(0);
          expect(shard).toBeLessThan(QUEUE_SHARDS);
          expect(queuePartition(unit, code)).toBe(`${unit}#${shard}`);
          expect(queuePartition(other, code)).toBe(`${other}#${shard}`);
          expect(queuePartitions(unit)).toContain(queuePartition(unit, code));
        },
      ),
    );
    expect(queuePartitions('U1')).toHaveLength(QUEUE_SHARDS);
    expect(
      queueAttributes({ dossierCode: 'X-1', currentAgencyCode: 'U1', status: 'submitted' }).queuePartition,
    ).toBe(`U1#${queueShardOf('X-1')}`);
  });
});
