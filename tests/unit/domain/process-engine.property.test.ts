import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addWorkingMinutes, weekendsOnlyCalendar } from '../../../shared/domain/calendar/calendar.ts';
import { toVietnamIso } from '../../../shared/domain/calendar/time.ts';
import { DOSSIER_STATUSES } from '../../../shared/domain/lifecycle/dossier-status.ts';
import type { LifecycleAction, LifecycleState } from '../../../shared/domain/lifecycle/lifecycle.ts';
import { OFFICER_ROLES } from '../../../shared/domain/officers/officers.ts';
import { type ProcessActor, startProcess, unitResolver } from '../../../shared/domain/process/engine.ts';
import { applyWithProcess, type ProcessContext } from '../../../shared/domain/process/process-lifecycle.ts';
import { processArbitrary, type RandomProcess } from '../../support/random-process.ts';

const calendar = weekendsOnlyCalendar;
const district = { code: '000.00.22.H56', name: 'UBND huyện Quảng Xương', tier: 'district' as const };
const units = { receivingAgency: district, resolveUnit: unitResolver([], []) };
const RECEIVED = new Date('2026-11-02T08:00:00+07:00');

/** What a run chooses at each action: which active step, how long after, whether to pause first. */
const choices = fc.array(
  fc.record({
    pick: fc.nat(),
    after: fc.integer({ min: 0, max: 600 }),
    pause: fc.option(
      fc.record({ kind: fc.constantFrom('supplement', 'payment'), waits: fc.integer({ min: 1, max: 900 }) }),
      { freq: 3 },
    ),
  }),
  { minLength: 40, maxLength: 40 },
);

function received(process: RandomProcess): LifecycleState {
  const dueAt = toVietnamIso(addWorkingMinutes(RECEIVED, process.statutoryMinutes, calendar));
  return {
    status: 'accepted',
    currentAgency: district,
    receivedAt: toVietnamIso(RECEIVED),
    dueAt,
    pausesForPayment: true,
    supplementRequests: 0,
    controlSlip: [],
    process: startProcess(
      process.definition,
      { ...units, currentAgency: district, statutoryMinutes: process.statutoryMinutes, calendar },
      RECEIVED,
      dueAt,
      'desk',
    ),
  };
}

/** Every officer role at the district, a new username for each action (so the drafter never signs). */
const actorFor = (n: number): ProcessActor => ({
  kind: 'officer',
  username: `can-bo-${n}`,
  roles: OFFICER_ROLES,
  unitCodes: [district.code],
});

const HAND_ON = ['forward', 'complete', 'return_result'] as const;

/** Drives the dossier with forward/complete/return_result at random active steps, pausing at random. */
function drive(process: RandomProcess, run: typeof choices extends fc.Arbitrary<infer T> ? T : never) {
  let state = received(process);
  let now = RECEIVED;
  const trace: LifecycleState[] = [state];
  let n = 0;
  const act = (action: LifecycleAction) => {
    n += 1;
    const context: ProcessContext = { definition: process.definition, actor: actorFor(n), units };
    state = applyWithProcess(
      state,
      action,
      { id: `can-bo-${n}`, kind: 'officer' },
      now,
      calendar,
      undefined,
      context,
    ).state;
    trace.push(state);
  };
  for (const choice of run) {
    const active = state.process?.active ?? [];
    if (active.length === 0) break;
    const target = active[choice.pick % active.length];
    if (!target) break;
    const step = process.definition.steps.find((candidate) => candidate.code === target.step);
    const pauseAction = choice.pause?.kind === 'payment' ? 'request_payment' : 'request_supplement';
    if (
      choice.pause &&
      step?.actions.includes(pauseAction) &&
      ['accepted', 'in_progress'].includes(state.status)
    ) {
      if (pauseAction === 'request_payment' && state.status !== 'in_progress') continue;
      act(
        pauseAction === 'request_payment'
          ? { type: 'request_payment', amountVnd: 100_000 }
          : { type: 'request_supplement', reason: 'Thiếu bản sao', documents: ['Bản sao giấy khai sinh'] },
      );
      now = addWorkingMinutes(now, choice.pause.waits, calendar);
      act({ type: pauseAction === 'request_payment' ? 'confirm_payment' : 'receive_supplement' });
    }
    now = addWorkingMinutes(now, choice.after, calendar);
    const action = HAND_ON.find((type) => step?.actions.includes(type));
    if (!action) throw new Error(`step ${target.step} cannot be handed on`);
    act(action === 'forward' ? { type: 'forward', step: target.step } : { type: action });
  }
  return { state, trace };
}

describe('random valid processes driven by the engine', () => {
  it('every path ends: handing steps on reaches no active step, the result returned', () => {
    fc.assert(
      fc.property(processArbitrary(), choices, (process, run) => {
        const { state } = drive(process, run);
        expect(state.process?.active).toEqual([]);
        expect(state.status).toBe('result_returned');
        expect(state.process?.done.map((record) => record.step)).toEqual(
          expect.arrayContaining(process.definition.steps.map((step) => step.code)),
        );
      }),
    );
  });

  it('no step deadline is after the dossier’s statutory deadline', () => {
    fc.assert(
      fc.property(processArbitrary(), choices, (process, run) => {
        for (const state of drive(process, run).trace) {
          const dueAt = Date.parse(state.dueAt ?? '');
          for (const active of state.process?.active ?? []) {
            expect(Date.parse(active.dueAt)).toBeLessThanOrEqual(dueAt);
          }
        }
      }),
    );
  });

  it('along a sequential process, the steps’ working time adds up to the clock time the dossier used', () => {
    fc.assert(
      fc.property(processArbitrary({ parallel: false }), choices, (process, run) => {
        const { state } = drive(process, run);
        const settledAt = state.settledAt ?? '';
        const stepTime = (state.process?.done ?? [])
          .filter((record) => Date.parse(record.finishedAt) <= Date.parse(settledAt))
          .reduce((sum, record) => sum + record.workingMinutes, 0);
        expect(stepTime).toBe(state.result?.processingWorkingMinutes);
      }),
    );
  });

  it('status codes never go back, except from waiting for the applicant to processing', () => {
    fc.assert(
      fc.property(processArbitrary(), choices, (process, run) => {
        const codes = drive(process, run).trace.map((state) => DOSSIER_STATUSES[state.status].syncCode);
        codes.slice(1).forEach((code, index) => {
          const before = codes[index] ?? 0;
          if (code < before) expect([5, 6]).toContain(before);
        });
        expect(codes.at(-1)).toBe(10);
      }),
    );
  });
});
