import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  formatLocalDate,
  WORKING_DAY_MINUTES,
  type WorkingCalendar,
  weekendsOnlyCalendar,
  workingMinutesBetween,
} from '../../../shared/domain/calendar/calendar.ts';
import { toVietnamIso } from '../../../shared/domain/calendar/time.ts';
import { citizenDossierView } from '../../../shared/domain/intake/citizen-view.ts';
import {
  ApologyMailLetterSchema,
  apologyLetter,
  apologyMail,
} from '../../../shared/domain/lifecycle/apology.ts';
import {
  apologyDraftOpensAt,
  apologySendBy,
  workingMinutesBefore,
} from '../../../shared/domain/lifecycle/apology-deadline.ts';
import {
  type Actor,
  applyAction,
  draftApology,
  type LifecycleState,
  leaderAttention,
  needsApology,
} from '../../../shared/domain/lifecycle/lifecycle.ts';
import { queueEntry } from '../../../shared/domain/officers/officer-view.ts';
import { storedDossier } from '../app/dossier-fixture.ts';

const vn = (local: string) => new Date(`${local}+07:00`);
const iso = (instant: Date) => toVietnamIso(instant);
const MINUTE = 60_000;

/** Weekends plus Tết 2026 (16–20/2) and the 2/9 holidays, so that deadlines cross days off. */
const OFF = new Set([
  '2026-02-16',
  '2026-02-17',
  '2026-02-18',
  '2026-02-19',
  '2026-02-20',
  '2026-09-01',
  '2026-09-02',
]);
const calendar: WorkingCalendar = {
  isDayOff: (date) => weekendsOnlyCalendar.isDayOff(date) || OFF.has(formatLocalDate(date)),
};

/** Any whole minute of 2026 in Vietnam, office hours or not, working day or not. */
const minuteOf2026 = fc
  .integer({ min: 0, max: 364 * 24 * 60 })
  .map((minutes) => new Date(vn('2026-01-01T00:00:00').getTime() + minutes * MINUTE));

const officer: Actor = { id: 'chuyen-vien', kind: 'officer' };
const commune = { code: '000.17.22.H56', name: 'UBND xã Quảng Bình', tier: 'commune' as const };
const open = (dueAt: string): LifecycleState => ({
  status: 'in_progress',
  currentAgency: commune,
  dueAt,
  supplementRequests: 0,
  controlSlip: [],
});

describe('form 04 is sent at least one working day before the statutory appointment', () => {
  it('the deadline is the earliest instant with one working day of office time left', () => {
    fc.assert(
      fc.property(minuteOf2026, (dueAt) => {
        const sendBy = apologySendBy(dueAt, calendar);
        return (
          workingMinutesBetween(sendBy, dueAt, calendar) === WORKING_DAY_MINUTES &&
          workingMinutesBetween(new Date(sendBy.getTime() - MINUTE), dueAt, calendar) ===
            WORKING_DAY_MINUTES + 1
        );
      }),
    );
  });

  it('counting back any amount of office time agrees with counting it forward', () => {
    fc.assert(
      fc.property(minuteOf2026, fc.integer({ min: 1, max: 10 * WORKING_DAY_MINUTES }), (instant, minutes) => {
        const before = workingMinutesBefore(instant, minutes, calendar);
        return (
          before.getTime() < instant.getTime() &&
          workingMinutesBetween(before, instant, calendar) === minutes &&
          workingMinutesBetween(new Date(before.getTime() - MINUTE), instant, calendar) === minutes + 1
        );
      }),
    );
  });

  it('reads as the same time on the previous working day, across weekends and Tết', () => {
    expect(iso(apologySendBy(vn('2026-11-27T17:00:00'), calendar))).toBe('2026-11-26T17:00:00+07:00');
    expect(iso(apologySendBy(vn('2026-11-30T09:00:00'), calendar))).toBe('2026-11-27T09:00:00+07:00');
    expect(iso(apologySendBy(vn('2026-02-23T09:00:00'), calendar))).toBe('2026-02-13T09:00:00+07:00');
    // Lunch and the evening hold no office time: the count starts at the end of the period before.
    expect(iso(apologySendBy(vn('2026-11-27T12:15:00'), calendar))).toBe('2026-11-26T11:30:00+07:00');
    expect(iso(apologySendBy(vn('2026-11-27T20:00:00'), calendar))).toBe('2026-11-26T17:00:00+07:00');
  });

  it('the sweep drafts exactly when at most two working days are left, one before the letter is due', () => {
    fc.assert(
      fc.property(minuteOf2026, minuteOf2026, (now, dueAt) => {
        const drafts = needsApology(open(iso(dueAt)), now, calendar);
        return drafts === workingMinutesBetween(now, dueAt, calendar) <= 2 * WORKING_DAY_MINUTES;
      }),
    );
    fc.assert(
      fc.property(minuteOf2026, (dueAt) => {
        const opens = apologyDraftOpensAt(dueAt, calendar);
        return workingMinutesBetween(opens, apologySendBy(dueAt, calendar), calendar) === WORKING_DAY_MINUTES;
      }),
    );
  });

  it('a draft made at the sweep’s first chance, approved with its reason, leaves the applicant a working day', () => {
    fc.assert(
      fc.property(minuteOf2026, (dueAt) => {
        const state = open(iso(dueAt));
        const draftedAt = apologyDraftOpensAt(dueAt, calendar);
        const draft = { ...draftApology(state, draftedAt, calendar), reason: 'Chờ ý kiến cơ quan phối hợp' };
        const approvedAt = new Date(draftedAt.getTime() + MINUTE);
        const approved = applyAction(
          { ...state, apology: draft },
          { type: 'approve_apology' },
          officer,
          approvedAt,
          calendar,
        ).state;
        return (
          approvedAt.getTime() <= apologySendBy(dueAt, calendar).getTime() &&
          Date.parse(approved.apology?.newDueAt ?? '') > dueAt.getTime() &&
          approved.dueAt === iso(dueAt)
        );
      }),
    );
  });
});

describe('the reason for the delay', () => {
  const now = vn('2026-11-24T09:00:00');
  const state = open('2026-11-26T17:00:00+07:00');

  it('an officer drafts with it; a sweep draft is completed with it and keeps its proposal', () => {
    const draftWithReason = (from: typeof state) =>
      applyAction(from, { type: 'draft_apology', reason: 'Thiếu ý kiến của sở' }, officer, now, calendar);
    const drafted = draftWithReason(state);
    expect(drafted.state.apology).toEqual({
      state: 'draft',
      draftedAt: '2026-11-24T09:00:00+07:00',
      draftedBy: 'chuyen-vien',
      reason: 'Thiếu ý kiến của sở',
      missedDueAt: '2026-11-26T17:00:00+07:00',
      proposedDueAt: '2026-12-01T17:00:00+07:00',
    });
    expect(drafted.state.status).toBe('in_progress');
    expect(drafted.history.note).toBe('Mẫu 04 (dự thảo): Thiếu ý kiến của sở');
    const sweepDraft = {
      ...state,
      apology: { ...draftApology(state, now, calendar, 5), draftedBy: 'system' },
    };
    const completed = draftWithReason(sweepDraft);
    expect(completed.state.apology).toMatchObject({
      reason: 'Thiếu ý kiến của sở',
      draftedBy: 'chuyen-vien',
      proposedDueAt: sweepDraft.apology.proposedDueAt,
    });
  });

  it('approval without it is refused (422) naming the field; the letter carries it with the new appointment', () => {
    const withDraft = { ...state, apology: draftApology(state, now, calendar) };
    expect(() => applyAction(withDraft, { type: 'approve_apology' }, officer, now, calendar)).toThrowError(
      expect.objectContaining({
        code: 'APOLOGY_REASON_REQUIRED',
        fields: [expect.objectContaining({ field: 'reason' })],
      }),
    );
    const approved = applyAction(
      withDraft,
      { type: 'approve_apology', reason: 'Thiếu ý kiến của sở' },
      officer,
      now,
      calendar,
    ).state;
    const letter = apologyLetter(
      storedDossier({ ...approved, receivedAt: '2026-11-23T08:00:00+07:00' }),
      approved.apology ?? expect.unreachable(),
    );
    expect(letter).toMatchObject({
      form: '04',
      title: 'Văn bản xin lỗi và đề nghị gia hạn thời gian giải quyết',
      reason: 'Thiếu ý kiến của sở',
      missedDueAt: '2026-11-26T17:00:00+07:00',
      newDueAt: '2026-12-01T17:00:00+07:00',
    });
    expect(letter.body).toEqual([
      'Vào 08 giờ 00 phút, ngày 23 tháng 11 năm 2026, UBND xã Quảng Bình tiếp nhận giải quyết hồ sơ của Ông/Bà Nguyễn Thị Hoà.',
      'Nội dung yêu cầu giải quyết: Đăng ký khai sinh.',
      'Ngày hẹn trả kết quả giải quyết hồ sơ: 17 giờ 00 phút, ngày 26 tháng 11 năm 2026.',
      'Tuy nhiên, UBND xã Quảng Bình không thể trả kết quả giải quyết hồ sơ của Ông/Bà đúng thời hạn ghi trên Giấy tiếp nhận hồ sơ và hẹn trả kết quả.',
      'Lý do: Thiếu ý kiến của sở',
      'Sự chậm trễ này gây phiền hà cho Ông/Bà. UBND xã Quảng Bình xin lỗi Ông/Bà và sẽ trả kết quả giải quyết hồ sơ cho Ông/Bà vào 17 giờ 00 phút, ngày 01 tháng 12 năm 2026.',
      'Xin trân trọng cảm ơn sự hợp tác của Ông/Bà.',
    ]);
    const mail = apologyMail(ApologyMailLetterSchema.parse(letter), 'c2lnbmF0dXJl');
    expect(mail.subject).toContain('Xin lỗi và hẹn lại');
    expect(mail.text).toContain('Lý do: Thiếu ý kiến của sở');
    expect(mail.text).toContain('17 giờ 00 phút, ngày 01 tháng 12 năm 2026');
  });
});

describe('a dossier late without an approved apology is flagged to its leader', () => {
  const due = '2026-11-26T17:00:00+07:00';
  const after = vn('2026-11-26T17:01:00');

  it('from the minute after the statutory appointment, while open, running and not apologised for', () => {
    expect(leaderAttention(open(due), vn('2026-11-26T17:00:00'))).toBeUndefined();
    expect(leaderAttention(open(due), after)).toBe('late_without_apology');
    const draft = { ...open(due), apology: draftApology(open(due), after, calendar) };
    expect(leaderAttention(draft, after)).toBe('late_without_apology');
    const approved = applyAction(
      draft,
      { type: 'approve_apology', reason: 'Thiếu ý kiến của sở' },
      officer,
      after,
      calendar,
    ).state;
    expect(leaderAttention(approved, after)).toBeUndefined();
    expect(leaderAttention({ ...open(due), status: 'done' }, after)).toBeUndefined();
    expect(
      leaderAttention({ ...open(due), clock: { pausedAt: due, remainingWorkingMinutes: 60 } }, after),
    ).toBeUndefined();
  });

  it('the officer queue carries the flag; the citizen sees an apology only once approved', () => {
    const late = storedDossier({ dueAt: due, apology: draftApology(open(due), after, calendar) });
    expect(queueEntry(late, after, calendar).needsLeaderAttention).toBe('late_without_apology');
    expect(
      queueEntry(storedDossier({ dueAt: '2026-12-26T17:00:00+07:00' }), after, calendar).needsLeaderAttention,
    ).toBeUndefined();
    expect(citizenDossierView(late, after, calendar).apology).toBeUndefined();
  });
});
