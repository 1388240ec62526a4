import { describe, expect, it } from 'vitest';
import { weekendsOnlyCalendar } from '../../../shared/domain/calendar/calendar.ts';
import { DomainError } from '../../../shared/domain/common/errors.ts';
import { needsRouting } from '../../../shared/domain/lifecycle/dossier.ts';
import { DOSSIER_STATUS_NAMES } from '../../../shared/domain/lifecycle/dossier-status.ts';
import {
  type Actor,
  allowedActions,
  applyAction,
  draftApology,
  LIFECYCLE_RULES,
  type LifecycleAction,
  type LifecycleState,
  needsApology,
} from '../../../shared/domain/lifecycle/lifecycle.ts';
import { statusOf } from '../../../shared/http/errors.ts';

const vn = (local: string) => new Date(`${local}+07:00`);
const commune = { code: '000.17.22.H56', name: 'UBND xã Quảng Bình', tier: 'commune' as const };
const district = { code: '000.00.22.H56', name: 'UBND huyện Quảng Xương', tier: 'district' as const };
const officer: Actor = { id: 'officer-1', kind: 'officer' };
const citizen: Actor = { id: 'citizen', kind: 'citizen' };
const initial: LifecycleState = {
  status: 'submitted',
  currentAgency: commune,
  dueAt: '2026-11-27T10:00:00+07:00',
  supplementRequests: 0,
  controlSlip: [],
};

function run(steps: [LifecycleAction, Actor, string][], start = initial) {
  return steps.reduce(
    (state, [action, actor, at]) =>
      applyAction(state, action, actor, vn(at), weekendsOnlyCalendar, district).state,
    start,
  );
}

describe('dossier lifecycle', () => {
  it('goes submitted → accepted → in progress → transferred up a tier → done → result returned', () => {
    const final = run([
      [{ type: 'accept' }, officer, '2026-11-24T09:00:00'],
      [{ type: 'start_processing' }, officer, '2026-11-24T09:05:00'],
      [{ type: 'transfer', toAgencyCode: district.code }, officer, '2026-11-25T10:00:00'],
      [{ type: 'complete', resultDocumentKey: 'results/x.pdf' }, officer, '2026-11-26T15:00:00'],
      [{ type: 'return_result' }, officer, '2026-11-27T08:00:00'],
    ]);
    expect(final.status).toBe('result_returned');
    expect(final.currentAgency).toEqual(district);
    expect(final.controlSlip).toEqual([
      expect.objectContaining({ from: commune, to: district, handedOverBy: 'officer-1', result: 'early' }),
    ]);
    expect(final.result).toMatchObject({ timeliness: 'early', documentKey: 'results/x.pdf' });
    expect(final.settledAt).toBe('2026-11-26T15:00:00+07:00');
  });

  it('answers an illegal transition with the actions allowed instead', () => {
    try {
      applyAction(initial, { type: 'complete' }, officer, vn('2026-11-24T09:00:00'), weekendsOnlyCalendar);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(DomainError);
      expect(statusOf(error as DomainError)).toBe(409);
      expect((error as DomainError).details).toEqual({
        status: 'submitted',
        allowed: ['accept', 'refuse', 'request_supplement'],
      });
    }
  });

  it('refuses every action outside its rule, for every status', () => {
    for (const status of DOSSIER_STATUS_NAMES) {
      for (const [type, rule] of Object.entries(LIFECYCLE_RULES).filter(
        ([type]) => type !== 'approve_apology',
      )) {
        const actor = rule.by === 'officer' ? officer : citizen;
        const action = {
          type,
          reason: 'r',
          documents: [],
          toAgencyCode: district.code,
          amountVnd: 1,
        } as LifecycleAction;
        // A supplement requested during processing paused the clock (one asked at reception did not).
        const clock = { pausedAt: '2026-11-23T09:00:00+07:00', remainingWorkingMinutes: 60 };
        const attempt = () =>
          applyAction(
            { ...initial, status, ...(status === 'supplement_requested' ? { clock } : {}) },
            action,
            actor,
            vn('2026-11-24T09:00:00'),
            weekendsOnlyCalendar,
            district,
          );
        // Handing the first step of a process on starts processing; later hand-overs keep the status.
        const derived = type === 'forward' && status === 'accepted' ? 'in_progress' : status;
        if (rule.from.includes(status)) expect(attempt().state.status).toBe(rule.to ?? derived);
        else expect(attempt).toThrow(DomainError);
      }
    }
  });

  it('refuses an action in Vietnamese with the action and the statuses by their labels', () => {
    const refusal = (() => {
      try {
        applyAction(
          { ...initial, status: 'done' },
          { type: 'accept' },
          officer,
          new Date(),
          weekendsOnlyCalendar,
        );
      } catch (error) {
        return error;
      }
    })();
    expect(refusal).toBeInstanceOf(DomainError);
    const { vi } = (refusal as DomainError).bilingual;
    expect(vi).toBe(
      'Không thể tiếp nhận hồ sơ khi hồ sơ đang ở trạng thái "Đã xử lý xong". Được phép: trả kết quả.',
    );
    for (const [type] of Object.entries(LIFECYCLE_RULES)) expect(vi).not.toContain(`"${type}"`);
    expect(vi).not.toMatch(/\bdone\b|return_result/);
  });

  it('keeps citizens and officers to their own actions', () => {
    expect(() => applyAction(initial, { type: 'accept' }, citizen, new Date(), weekendsOnlyCalendar)).toThrow(
      DomainError,
    );
    expect(() =>
      applyAction(initial, { type: 'withdraw' }, officer, new Date(), weekendsOnlyCalendar),
    ).toThrow(DomainError);
    expect(allowedActions('in_progress', 'citizen')).toEqual(['withdraw']);
    expect(run([[{ type: 'withdraw', reason: 'đổi ý' }, citizen, '2026-11-24T09:00:00']]).status).toBe(
      'withdrawn',
    );
  });

  it('stops the clock while waiting for a supplement and restarts it with the time that was left', () => {
    const waiting = run([
      [{ type: 'accept' }, officer, '2026-11-24T09:00:00'],
      [
        { type: 'request_supplement', reason: 'Thiếu bản sao', documents: ['Giấy chứng sinh'] },
        officer,
        '2026-11-26T10:00:00',
      ],
    ]);
    // Due Friday 27/11 10:00; requested Thursday 10:00: one working day (8 h) was left.
    expect(waiting.clock).toEqual({ pausedAt: '2026-11-26T10:00:00+07:00', remainingWorkingMinutes: 480 });
    const resumed = run([[{ type: 'receive_supplement' }, officer, '2026-12-02T14:00:00']], waiting);
    expect(resumed.dueAt).toBe('2026-12-03T14:00:00+07:00');
    expect(resumed.clock).toBeUndefined();
    expect(resumed.status).toBe('in_progress');
  });

  it('counts a dossier with more than one supplement request as late', () => {
    const final = run([
      [{ type: 'accept' }, officer, '2026-11-24T09:00:00'],
      [{ type: 'request_supplement', reason: 'a', documents: [] }, officer, '2026-11-24T10:00:00'],
      [{ type: 'receive_supplement' }, officer, '2026-11-24T11:00:00'],
      [{ type: 'request_supplement', reason: 'b', documents: [] }, officer, '2026-11-24T14:00:00'],
      [{ type: 'receive_supplement' }, officer, '2026-11-24T15:00:00'],
      [{ type: 'complete' }, officer, '2026-11-25T09:00:00'],
    ]);
    expect(final.supplementRequests).toBe(2);
    expect(final.result?.timeliness).toBe('late');
  });

  it('marks a late handover on the control slip', () => {
    const final = run([
      [{ type: 'accept' }, officer, '2026-11-24T09:00:00'],
      [{ type: 'transfer', toAgencyCode: district.code }, officer, '2026-11-30T09:00:00'],
    ]);
    expect(final.controlSlip[0]?.result).toBe('late');
  });
});

describe('late dossiers and form 04', () => {
  const late: LifecycleState = { ...initial, status: 'in_progress', dueAt: '2026-11-20T10:00:00+07:00' };
  const now = vn('2026-11-24T09:00:00');

  it('drafts an apology only for open, unpaused dossiers near or past their appointment, once', () => {
    expect(needsApology(late, now, weekendsOnlyCalendar)).toBe(true);
    expect(needsApology({ ...late, dueAt: '2026-11-30T10:00:00+07:00' }, now, weekendsOnlyCalendar)).toBe(
      false,
    );
    expect(needsApology({ ...late, status: 'done' }, now, weekendsOnlyCalendar)).toBe(false);
    expect(
      needsApology(
        { ...late, clock: { pausedAt: '2026-11-19T10:00:00+07:00', remainingWorkingMinutes: 60 } },
        now,
        weekendsOnlyCalendar,
      ),
    ).toBe(false);
    const draft = draftApology(late, now, weekendsOnlyCalendar, 3);
    expect(draft).toEqual({
      state: 'draft',
      draftedAt: '2026-11-24T09:00:00+07:00',
      missedDueAt: '2026-11-20T10:00:00+07:00',
      proposedDueAt: '2026-11-27T09:00:00+07:00',
    });
    expect(needsApology({ ...late, apology: draft }, now, weekendsOnlyCalendar)).toBe(false);
  });

  it('approval sets the new appointment; without a draft it is refused', () => {
    const withDraft = {
      ...late,
      apology: { ...draftApology(late, now, weekendsOnlyCalendar, 3), reason: 'Chờ ý kiến cơ quan phối hợp' },
    };
    const approved = applyAction(
      withDraft,
      { type: 'approve_apology' },
      officer,
      now,
      weekendsOnlyCalendar,
    ).state;
    expect(approved.status).toBe('in_progress');
    expect(approved.extendedDueAt).toBe('2026-11-27T09:00:00+07:00');
    expect(approved.dueAt).toBe(late.dueAt);
    expect(approved.apology).toMatchObject({
      state: 'approved',
      approvedBy: 'officer-1',
      newDueAt: '2026-11-27T09:00:00+07:00',
    });
    expect(() => applyAction(late, { type: 'approve_apology' }, officer, now, weekendsOnlyCalendar)).toThrow(
      DomainError,
    );
    expect(() =>
      applyAction(approved, { type: 'approve_apology' }, officer, now, weekendsOnlyCalendar),
    ).toThrow(DomainError);
    expect(() =>
      applyAction(
        withDraft,
        { type: 'approve_apology', newDueAt: '2026-11-01T09:00:00+07:00' },
        officer,
        now,
        weekendsOnlyCalendar,
      ),
    ).toThrow(DomainError);
  });
});

describe('reception at the one-stop desk', () => {
  const submitted: LifecycleState = {
    status: 'submitted',
    currentAgency: commune,
    supplementRequests: 0,
    controlSlip: [],
  };
  const at = '2026-11-24T09:00:00';

  it('accepting a dossier records the instant it was received', () => {
    const { state } = applyAction(submitted, { type: 'accept' }, officer, vn(at), weekendsOnlyCalendar);
    expect(state).toMatchObject({ status: 'accepted', receivedAt: '2026-11-24T09:00:00+07:00' });
  });

  it('a supplement asked at reception starts no clock, counts no request, and once supplied goes back to the desk', () => {
    const asked = applyAction(
      submitted,
      { type: 'request_supplement', reason: 'Thiếu tờ khai', documents: ['Tờ khai'] },
      officer,
      vn(at),
      weekendsOnlyCalendar,
    ).state;
    expect(asked).toMatchObject({ status: 'supplement_requested', supplementRequests: 0 });
    expect(asked.clock).toBeUndefined();
    expect(asked.dueAt).toBeUndefined();
    expect(needsApology(asked, vn('2027-01-04T09:00:00'), weekendsOnlyCalendar)).toBe(false);
    const back = applyAction(
      asked,
      { type: 'receive_supplement' },
      officer,
      vn('2026-11-26T09:00:00'),
      weekendsOnlyCalendar,
    ).state;
    expect(back.status).toBe('submitted');
    expect(back.dueAt).toBeUndefined();
    expect(back.receivedAt).toBeUndefined();
  });

  it('a dossier not received yet is never late and gets no apology', () => {
    expect(needsApology(submitted, vn('2027-06-01T09:00:00'), weekendsOnlyCalendar)).toBe(false);
  });
});

describe('dossiers left unrouted', () => {
  const now = new Date('2026-11-24T03:10:00Z');
  const base = {
    receivedAt: '2026-11-24T10:00:00+07:00',
    status: 'submitted' as const,
    channel: 'online' as const,
    routing: { tier: 'commune' as const },
  };

  it('are re-sent only after the grace period, and only if never queued nor acknowledged', () => {
    expect(needsRouting(base, now, 120_000)).toBe(true);
    // A dossier submitted online has no reception time yet: the time submitted counts.
    const submitted = { ...base, receivedAt: undefined, submittedAt: base.receivedAt };
    expect(needsRouting(submitted, now, 120_000)).toBe(true);
    expect(needsRouting(submitted, now, 11 * 60_000)).toBe(false);
    expect(needsRouting(base, now, 11 * 60_000)).toBe(false);
    expect(needsRouting({ ...base, routing: { tier: 'commune', queuedAt: 'x' } }, now, 120_000)).toBe(false);
    expect(needsRouting({ ...base, routing: { tier: 'commune', acknowledgedAt: 'x' } }, now, 120_000)).toBe(
      false,
    );
  });

  it('are left alone once taken up, settled or withdrawn, routing times or not', () => {
    for (const status of [
      'accepted',
      'in_progress',
      'not_accepted',
      'withdrawn',
      'done',
      'result_returned',
    ] as const)
      expect(needsRouting({ ...base, status }, now, 120_000)).toBe(false);
  });

  it('re-sends a counter or postal dossier, received at once by the desk, until it is taken further', () => {
    for (const channel of ['counter', 'postal'] as const) {
      const recorded = { ...base, channel, status: 'accepted' as const };
      expect(needsRouting(recorded, now, 120_000)).toBe(true);
      expect(needsRouting({ ...recorded, status: 'in_progress' }, now, 120_000)).toBe(false);
    }
    // An online dossier the desk has accepted was found in its queue: the agency has it.
    expect(needsRouting({ ...base, status: 'accepted' }, now, 120_000)).toBe(false);
  });
});
