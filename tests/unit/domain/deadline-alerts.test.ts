import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addWorkingMinutes } from '../../../shared/domain/calendar/calendar.ts';
import { vietnameseCivilServiceCalendar } from '../../../shared/domain/calendar/holidays.ts';
import { toVietnamIso } from '../../../shared/domain/calendar/time.ts';
import {
  alertRecipients,
  overdueSteps,
  workingMinutesLate,
} from '../../../shared/domain/lifecycle/deadline-alerts.ts';
import { lateWording } from '../../../shared/domain/mail/officer-alerts.ts';
import { OFFICER_ROLES, type OfficerRecord } from '../../../shared/domain/officers/officers.ts';
import { storedDossier } from '../app/dossier-fixture.ts';

const calendar = vietnameseCivilServiceCalendar();
const NOW = new Date('2026-11-27T10:00:00+07:00');

describe('step deadlines', () => {
  it('count how late a step is in working time: its budget run on past the deadline is exactly that late', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2026-01-05'), max: new Date('2026-12-20'), noInvalidDate: true }),
        fc.integer({ min: 0, max: 5 * 480 }),
        (start, minutes) => {
          // A deadline the engine would set: office time after a step opened.
          const dueAt = addWorkingMinutes(start, 60, calendar);
          const now = addWorkingMinutes(dueAt, minutes, calendar);
          expect(workingMinutesLate(toVietnamIso(dueAt), now, calendar)).toBe(minutes);
          expect(workingMinutesLate(toVietnamIso(now), dueAt, calendar)).toBe(0);
        },
      ),
    );
  });

  it('find a step overdue exactly when its deadline has passed, its dossier is open and its clock runs', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -3000, max: 3000 }),
        fc.constantFrom('accepted', 'in_progress', 'supplement_requested', 'done', 'withdrawn'),
        fc.boolean(),
        fc.boolean(),
        (offsetMinutes, status, paused, alerted) => {
          const dueAt = toVietnamIso(new Date(NOW.getTime() + offsetMinutes * 60_000));
          const dossier = storedDossier({
            status,
            ...(paused
              ? { clock: { pausedAt: '2026-11-25T09:00:00+07:00', remainingWorkingMinutes: 900 } }
              : {}),
            process: {
              code: 'QT-XA',
              version: 1,
              statutoryMinutes: 2400,
              active: [
                {
                  step: 'THAM_DINH',
                  name: { vi: 'Thẩm định', en: 'Examination' },
                  role: 'chuyen_vien',
                  unit: { code: '000.17.22.H56', name: 'UBND xã', tier: 'commune' },
                  startedAt: '2026-11-20T08:00:00+07:00',
                  dueAt,
                  budgetMinutes: 960,
                  handedOverBy: 'system',
                  ...(alerted ? { overdueAlertedAt: '2026-11-26T08:00:00+07:00' } : {}),
                },
              ],
              done: [],
            },
          });
          const open = ['accepted', 'in_progress', 'supplement_requested'].includes(status);
          const expected = open && !paused && !alerted && offsetMinutes < 0;
          expect(overdueSteps(dossier, NOW).length).toBe(expected ? 1 : 0);
        },
      ),
    );
  });

  it('word the delay in working days, hours and minutes', () => {
    expect(lateWording(0)).toEqual({ vi: '0 phút làm việc', en: '0 min' });
    expect(lateWording(150)).toEqual({ vi: '2 giờ 30 phút làm việc', en: '2 h 30 min' });
    expect(lateWording(960)).toEqual({ vi: '2 ngày làm việc', en: '2 working days' });
    expect(lateWording(481)).toEqual({ vi: '1 ngày 1 phút làm việc', en: '1 working day 1 min' });
  });
});

const officer = fc.record({
  username: fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f'),
  roles: fc.subarray([...OFFICER_ROLES], { minLength: 1 }),
  active: fc.boolean(),
  hasEmail: fc.boolean(),
});

describe('whom a deadline alert goes to', () => {
  it('every valid leader with an address, the holders, nobody inactive; the unit’s address only when no leader has one', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(officer, { selector: (o) => o.username, maxLength: 6 }),
        fc.option(fc.constantFrom('a', 'b', 'z'), { nil: undefined }),
        fc.boolean(),
        (drawn, assignee, forStep) => {
          const records: OfficerRecord[] = drawn.map((o) => ({
            officerId: `sub-${o.username}`,
            username: o.username,
            agencyCode: '000.17.22.H56',
            roles: o.roles,
            active: o.active,
            validFrom: '2026-01-01T00:00:00+07:00',
            ...(o.hasEmail ? { email: `${o.username}@xa.thanhhoa.gov.vn` } : {}),
            updatedAt: '2026-01-01T00:00:00+07:00',
            updatedBy: 'operator:an',
          }));
          const step = forStep ? { role: 'chuyen_vien' as const, assignee } : undefined;
          const to = alertRecipients(records, { officialEmail: 'UBND@xa.thanhhoa.gov.vn' }, NOW, step);
          const reachable = records.filter((r) => r.active && r.email);
          const leaders = reachable.filter((r) =>
            r.roles.some((role) => role === 'lanh_dao' || role === 'lanh_dao_phong'),
          );
          for (const leader of leaders) expect(to).toContain(leader.email);
          for (const record of records.filter((r) => !r.active && r.email))
            expect(to).not.toContain(record.email);
          expect(to.includes('ubnd@xa.thanhhoa.gov.vn')).toBe(leaders.length === 0);
          expect(new Set(to).size).toBe(to.length);
          const named = reachable.find((r) => r.username === assignee);
          if (step && named) {
            const holders = reachable.filter(
              (r) =>
                r !== named &&
                !leaders.includes(r) &&
                r.roles.some((role) => role === 'chuyen_vien' || role === 'tiep_nhan'),
            );
            for (const other of holders) expect(to).not.toContain(other.email);
            expect(to).toContain(named.email);
          }
          if (!step)
            expect(
              to.every((address) => leaders.some((l) => l.email === address) || address.startsWith('ubnd@')),
            ).toBe(true);
        },
      ),
    );
  });
});
