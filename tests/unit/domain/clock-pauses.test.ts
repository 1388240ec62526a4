import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { weekendsOnlyCalendar, workingMinutesBetween } from '../../../shared/domain/calendar/calendar.ts';
import { prepareDossier } from '../../../shared/domain/intake/intake.ts';
import {
  type Actor,
  applyAction,
  type LifecycleAction,
  type LifecycleState,
  needsApology,
} from '../../../shared/domain/lifecycle/lifecycle.ts';
import { commune, procedureOf } from '../app/fixtures.ts';
import { requestFor } from '../app/memory-ports.ts';

const vn = (local: string) => new Date(`${local}+07:00`);
const officer: Actor = { id: 'officer-1', kind: 'officer' };
const district = { code: '000.00.22.H56', name: 'UBND huyện Quảng Xương', tier: 'district' as const };

/** In progress, due Friday 27/11/2026 at 10:00, for a procedure whose financial obligations stop the clock. */
const landRegistration: LifecycleState = {
  status: 'in_progress',
  currentAgency: district,
  dueAt: '2026-11-27T10:00:00+07:00',
  pausesForPayment: true,
  supplementRequests: 0,
  controlSlip: [],
};

const act = (state: LifecycleState, action: LifecycleAction, at: Date) =>
  applyAction(state, action, officer, at, weekendsOnlyCalendar).state;
const requestPayment: LifecycleAction = { type: 'request_payment', amountVnd: 1_500_000 };

describe('the clock waits while the applicant pays, where the procedure says so', () => {
  it('stops on request_payment and moves the appointment by the working time waited on confirm_payment', () => {
    const waiting = act(landRegistration, requestPayment, vn('2026-11-25T10:00:00'));
    expect(waiting.status).toBe('payment_requested');
    expect(waiting.clock).toEqual({ pausedAt: '2026-11-25T10:00:00+07:00', remainingWorkingMinutes: 960 });
    expect(
      needsApology(
        { ...waiting, dueAt: '2026-11-20T10:00:00+07:00' },
        vn('2026-11-30T09:00:00'),
        weekendsOnlyCalendar,
      ),
    ).toBe(false);
    // Paid on Monday 30/11 at 10:00: three working days waited; the two that were left count from then.
    const paid = act(waiting, { type: 'confirm_payment' }, vn('2026-11-30T10:00:00'));
    expect(paid.status).toBe('in_progress');
    expect(paid.clock).toBeUndefined();
    expect(paid.dueAt).toBe('2026-12-02T10:00:00+07:00');
  });

  it('moves the apology’s new appointment by the same wait', () => {
    const apologised = { ...landRegistration, extendedDueAt: '2026-12-01T10:00:00+07:00' };
    const waiting = act(apologised, requestPayment, vn('2026-11-25T10:00:00'));
    const paid = act(waiting, { type: 'confirm_payment' }, vn('2026-11-26T10:00:00'));
    expect(paid.dueAt).toBe('2026-11-30T10:00:00+07:00');
    expect(paid.extendedDueAt).toBe('2026-12-02T10:00:00+07:00');
  });

  it('is read from the procedure when the dossier is submitted, and kept with the dossier', () => {
    const receive = (procedure: ReturnType<typeof procedureOf>) =>
      prepareDossier({
        request: requestFor(procedure.code),
        procedure,
        agency: commune,
        dossierCode: '000.17.22.H56-261124-0001',
        submittedAt: vn('2026-11-24T09:00:00'),
        files: [],
        lookupSecretHash: 'hash',
      });
    const code = '1.004227.000.00.00.H56';
    expect(receive(procedureOf(commune, code, { pausesForPayment: true })).pausesForPayment).toBe(true);
    expect(receive(procedureOf(commune, code)).pausesForPayment).toBeUndefined();
  });

  it('keeps running for procedures that do not stop it (the default)', () => {
    const { pausesForPayment: _, ...ordinary } = landRegistration;
    const waiting = act(ordinary, requestPayment, vn('2026-11-25T10:00:00'));
    expect(waiting.status).toBe('payment_requested');
    expect(waiting.clock).toBeUndefined();
    const paid = act(waiting, { type: 'confirm_payment' }, vn('2026-11-30T10:00:00'));
    expect(paid.dueAt).toBe(landRegistration.dueAt);
    const notPausing = act(
      { ...landRegistration, pausesForPayment: false },
      requestPayment,
      vn('2026-11-25T10:00:00'),
    );
    expect(notPausing.clock).toBeUndefined();
  });
});

describe('a pause for the applicant never erases lateness', () => {
  it('a supplement requested after the appointment leaves the dossier late', () => {
    const late = { ...landRegistration, dueAt: '2026-11-20T17:00:00+07:00' };
    const waiting = act(
      late,
      { type: 'request_supplement', reason: 'Thiếu bản vẽ', documents: ['Sơ đồ thửa đất'] },
      vn('2026-11-23T09:00:00'),
    );
    expect(waiting.clock?.remainingWorkingMinutes).toBe(0);
    const resumed = act(waiting, { type: 'receive_supplement' }, vn('2026-11-24T09:00:00'));
    // One working day waited: the appointment moves from Friday 17:00 to Monday 17:00, still behind us.
    expect(resumed.dueAt).toBe('2026-11-23T17:00:00+07:00');
    const settled = act(resumed, { type: 'complete' }, vn('2026-11-24T09:00:00'));
    expect(settled.result?.timeliness).toBe('late');
  });

  it('for any pause and resume, the working time left, or overrun, is what it was when the clock stopped', () => {
    const day = fc.integer({ min: 0, max: 20 * 24 * 60 });
    const start = vn('2026-11-02T00:00:00').getTime();
    fc.assert(
      fc.property(day, day, day, fc.boolean(), (dueMinute, pauseMinute, waitMinutes, forPayment) => {
        const dueAt = new Date(start + dueMinute * 60_000);
        const pausedAt = new Date(start + pauseMinute * 60_000);
        const resumedAt = new Date(pausedAt.getTime() + waitMinutes * 60_000);
        const state = { ...landRegistration, dueAt: dueAt.toISOString() };
        const [pause, resume]: [LifecycleAction, LifecycleAction] = forPayment
          ? [requestPayment, { type: 'confirm_payment' }]
          : [{ type: 'request_supplement', reason: 'r', documents: [] }, { type: 'receive_supplement' }];
        const resumed = act(act(state, pause, pausedAt), resume, resumedAt);
        const before = workingMinutesBetween(pausedAt, dueAt, weekendsOnlyCalendar);
        const after = workingMinutesBetween(resumedAt, new Date(resumed.dueAt ?? ''), weekendsOnlyCalendar);
        expect(after).toBe(before);
      }),
    );
  });
});
