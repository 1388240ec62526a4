import { describe, expect, it } from 'vitest';
import { weekendsOnlyCalendar } from '../../../shared/domain/calendar/calendar.ts';
import { DomainError } from '../../../shared/domain/common/errors.ts';
import type { LifecycleAction, LifecycleState } from '../../../shared/domain/lifecycle/lifecycle.ts';
import type { OfficerRole } from '../../../shared/domain/officers/officers.ts';
import { defaultProcess } from '../../../shared/domain/process/default-processes.ts';
import {
  advanceProcess,
  type ProcessActor,
  startProcess,
  stepActionsFor,
  unitResolver,
} from '../../../shared/domain/process/engine.ts';
import type { PublishedProcess } from '../../../shared/domain/process/process-definition.ts';
import { applyWithProcess, officerStatusRule } from '../../../shared/domain/process/process-lifecycle.ts';
import { statusOf } from '../../../shared/http/errors.ts';

const calendar = weekendsOnlyCalendar;
const vn = (local: string) => new Date(`${local}+07:00`);
const district = { code: '000.00.22.H56', name: 'UBND huyện Quảng Xương', tier: 'district' as const };
const province = { code: '000.00.00.H56', name: 'UBND tỉnh Thanh Hóa', tier: 'province' as const };
const department = { code: '000.07.00.H56', name: 'Sở Tài nguyên và Môi trường', tier: 'province' as const };
const units = { receivingAgency: district, resolveUnit: unitResolver([province], [department]) };
const DAY = 480;

/** A 5-working-day district dossier received Monday 02/11/2026 at 08:00, due Monday 09/11 at 08:00. */
function received(definition: PublishedProcess = defaultProcess('district')): LifecycleState {
  const dueAt = '2026-11-09T08:00:00+07:00';
  return {
    status: 'accepted',
    currentAgency: district,
    receivedAt: '2026-11-02T08:00:00+07:00',
    dueAt,
    supplementRequests: 0,
    controlSlip: [],
    process: startProcess(
      definition,
      { ...units, currentAgency: district, statutoryMinutes: 5 * DAY, calendar },
      vn('2026-11-02T08:00:00'),
      dueAt,
      'desk',
    ),
  };
}

const officer = (username: string, roles: OfficerRole[], unit = district.code): ProcessActor => ({
  kind: 'officer',
  username,
  roles,
  unitCodes: [unit],
});

function act(
  state: LifecycleState,
  action: LifecycleAction,
  actor: ProcessActor,
  at: string,
  definition: PublishedProcess = defaultProcess('district'),
  target?: { code: string; name: string; tier: 'district' | 'province' },
) {
  const id = actor.kind === 'officer' ? actor.username : actor.id;
  return applyWithProcess(state, action, { id, kind: 'officer' }, vn(at), calendar, target, {
    definition,
    actor,
    units,
  }).state;
}

function refusal(run: () => unknown) {
  try {
    run();
  } catch (error) {
    if (error instanceof DomainError)
      return { code: error.code, status: statusOf(error), details: error.details };
    throw error;
  }
  throw new Error('not refused');
}

function progressOf(state: LifecycleState) {
  if (!state.process) throw new Error('the dossier follows no process');
  return state.process;
}

const desk = officer('tiep-nhan', ['tiep_nhan']);
const specialist = officer('chuyen-vien', ['chuyen_vien']);
const head = officer('truong-phong', ['lanh_dao_phong']);
const leader = officer('pho-chu-tich', ['lanh_dao']);
const clerk = officer('van-thu', ['van_thu']);

describe('a step at another unit', () => {
  it('hands the dossier to that unit and back, so that each unit’s queue lists it while it holds a step', () => {
    const lienThong: PublishedProcess = {
      ...defaultProcess('district'),
      code: 'QT-LIEN-THONG',
      version: 1,
      // The department reviews; the district's leader signs (`receiving`), whoever held it before.
      steps: defaultProcess('district').steps.map((step) =>
        step.code === 'XEM_XET'
          ? { ...step, unit: { agency: department.code } }
          : step.code === 'PHE_DUYET'
            ? { ...step, unit: 'receiving' as const }
            : step,
      ),
    };
    let state = received(lienThong);
    state = act(state, { type: 'forward' }, desk, '2026-11-02T09:00:00', lienThong);
    state = act(state, { type: 'forward' }, specialist, '2026-11-03T09:00:00', lienThong);
    expect(state.currentAgency).toEqual(department);
    expect(progressOf(state).active[0]).toMatchObject({ step: 'XEM_XET', unit: department });
    const there = officer('truong-phong-so', ['lanh_dao_phong'], department.code);
    state = act(state, { type: 'forward' }, there, '2026-11-04T09:00:00', lienThong);
    expect(state.currentAgency).toEqual(district);
    expect(progressOf(state).done.map((row) => row.unit.code)).toEqual([
      district.code,
      district.code,
      department.code,
    ]);
  });
});

/** The district default driven to the leader's signing step. */
function atSigning() {
  let state = act(received(), { type: 'forward' }, desk, '2026-11-02T09:00:00');
  state = act(state, { type: 'forward' }, specialist, '2026-11-04T10:00:00');
  return act(state, { type: 'forward' }, head, '2026-11-05T09:00:00');
}

describe('starting a process at reception', () => {
  it('opens the first step at the receiving unit, its deadline its share of the statutory time', () => {
    const { process } = received();
    expect(process?.active).toEqual([
      expect.objectContaining({
        step: 'TIEP_NHAN',
        role: 'tiep_nhan',
        unit: district,
        startedAt: '2026-11-02T08:00:00+07:00',
        budgetMinutes: 240,
        dueAt: '2026-11-02T13:30:00+07:00',
        handedOverBy: 'desk',
      }),
    ]);
    expect(process).toMatchObject({
      code: 'MAC-DINH-DISTRICT',
      version: 0,
      statutoryMinutes: 2400,
      done: [],
    });
  });

  it('resolves parent, tier and named units through the caller’s resolver', () => {
    const [reception] = defaultProcess('district').steps;
    if (!reception) throw new Error('the default has no steps');
    const start = (unit: PublishedProcess['steps'][number]['unit']) =>
      startProcess(
        { ...defaultProcess('district'), steps: [{ ...reception, unit, next: [] }] },
        { ...units, currentAgency: district, statutoryMinutes: DAY, calendar },
        vn('2026-11-02T08:00:00'),
        '2026-11-03T08:00:00+07:00',
        'desk',
      ).active[0]?.unit;
    expect(start('parent')).toEqual(province);
    expect(start({ tier: 'province' })).toEqual(province);
    expect(start({ agency: department.code })).toEqual(department);
    expect(() => start({ tier: 'central' })).toThrow(/does not resolve/);
  });
});

describe('the district default, step by step', () => {
  it('moves through its steps with the right roles; statuses follow (2 → 4 → 9 → 10)', () => {
    let state = act(received(), { type: 'forward' }, desk, '2026-11-02T09:00:00');
    expect(state.status).toBe('in_progress');
    expect(state.process?.active.map((step) => step.step)).toEqual(['THAM_DINH']);
    state = act(state, { type: 'forward' }, specialist, '2026-11-04T10:00:00');
    expect(state.process?.draftedBy).toBe('chuyen-vien');
    state = act(state, { type: 'forward' }, head, '2026-11-05T09:00:00');
    state = act(state, { type: 'complete' }, leader, '2026-11-05T15:00:00');
    expect(state.status).toBe('done');
    expect(state.process?.active.map((step) => step.step)).toEqual(['VAN_THU']);
    state = act(state, { type: 'forward' }, clerk, '2026-11-06T08:00:00');
    expect(state.status).toBe('done');
    state = act(state, { type: 'return_result' }, desk, '2026-11-06T09:00:00');
    expect(state.status).toBe('result_returned');
    expect(state.process?.active).toEqual([]);
    expect(
      state.process?.done.map((row) => [row.step, row.handedOverBy, row.finishedBy, row.timeliness]),
    ).toEqual([
      ['TIEP_NHAN', 'desk', 'tiep-nhan', 'on_time'],
      ['THAM_DINH', 'tiep-nhan', 'chuyen-vien', 'on_time'],
      ['XEM_XET', 'chuyen-vien', 'truong-phong', 'late'],
      ['PHE_DUYET', 'truong-phong', 'pho-chu-tich', 'on_time'],
      ['VAN_THU', 'pho-chu-tich', 'van-thu', 'on_time'],
      ['TRA_KET_QUA', 'van-thu', 'tiep-nhan', 'early'],
    ]);
    expect(state.process?.done[0]?.workingMinutes).toBe(60);
  });

  it('refuses the wrong role (403) and the wrong step (409) with who may act, nothing changed', () => {
    const start = received();
    const wrongRole = refusal(() => act(start, { type: 'forward' }, specialist, '2026-11-02T09:00:00'));
    expect(wrongRole).toMatchObject({ code: 'STEP_ROLE_REQUIRED', status: 403 });
    expect(wrongRole.details.allowed).toContainEqual(
      expect.objectContaining({
        action: 'forward',
        step: 'TIEP_NHAN',
        role: 'tiep_nhan',
        unitCode: district.code,
      }),
    );
    const wrongStep = refusal(() => act(start, { type: 'complete' }, leader, '2026-11-02T09:00:00'));
    expect(wrongStep).toMatchObject({ code: 'STEP_ACTION_NOT_ALLOWED', status: 409 });
    const otherUnit = refusal(() =>
      act(start, { type: 'forward' }, officer('x', ['tiep_nhan'], province.code), '2026-11-02T09:00:00'),
    );
    expect(otherUnit).toMatchObject({ code: 'STEP_ROLE_REQUIRED', status: 403 });
    expect(start.process?.active.map((step) => step.step)).toEqual(['TIEP_NHAN']);
  });

  it('does not let the drafter sign the result', () => {
    let state = act(received(), { type: 'forward' }, desk, '2026-11-02T09:00:00');
    const both = officer('chuyen-vien', ['chuyen_vien', 'lanh_dao_phong', 'lanh_dao']);
    state = act(state, { type: 'forward' }, both, '2026-11-03T09:00:00');
    state = act(state, { type: 'forward' }, both, '2026-11-03T10:00:00');
    expect(refusal(() => act(state, { type: 'complete' }, both, '2026-11-03T11:00:00'))).toMatchObject({
      code: 'DRAFTER_CANNOT_SIGN',
      status: 403,
    });
    const actions = stepActionsFor(
      progressOf(state),
      defaultProcess('district'),
      both,
      state.status,
      officerStatusRule,
    );
    expect(actions.mine.map((entry) => entry.action)).not.toContain('complete');
    expect(act(state, { type: 'complete' }, leader, '2026-11-03T11:00:00').status).toBe('done');
  });

  it('sends a draft back to the specialist, who drafts again', () => {
    const state = act(atSigning(), { type: 'send_back', reason: 'Sửa lại' }, leader, '2026-11-05T10:00:00');
    expect(state.status).toBe('in_progress');
    expect(state.process?.active.map((step) => [step.step, step.handedOverBy])).toEqual([
      ['THAM_DINH', 'pho-chu-tich'],
    ]);
    expect(state.process?.done.at(-1)).toMatchObject({
      step: 'PHE_DUYET',
      action: 'send_back',
      next: ['THAM_DINH'],
    });
  });

  it('lets the head of division assign the step to one officer, who alone takes it', () => {
    let state = act(received(), { type: 'forward' }, desk, '2026-11-02T09:00:00');
    state = act(state, { type: 'assign', assignee: 'chuyen-vien-2' }, head, '2026-11-02T09:30:00');
    expect(state.process?.active[0]?.assignee).toBe('chuyen-vien-2');
    expect(refusal(() => act(state, { type: 'forward' }, specialist, '2026-11-03T09:00:00'))).toMatchObject({
      code: 'STEP_ROLE_REQUIRED',
    });
    const other = officer('chuyen-vien-2', ['chuyen_vien']);
    expect(act(state, { type: 'forward' }, other, '2026-11-03T09:00:00').process?.draftedBy).toBe(
      'chuyen-vien-2',
    );
  });

  it('moves the step to the unit a dossier is transferred to', () => {
    let state = act(received(), { type: 'forward' }, desk, '2026-11-02T09:00:00');
    state = act(
      state,
      { type: 'transfer', toAgencyCode: department.code },
      specialist,
      '2026-11-02T10:00:00',
      undefined,
      department,
    );
    expect(state.currentAgency).toEqual(department);
    expect(state.process?.active[0]?.unit).toEqual(department);
    const there = officer('cv-so', ['chuyen_vien'], department.code);
    state = act(state, { type: 'forward' }, there, '2026-11-03T10:00:00');
    expect(state.process?.active[0]).toMatchObject({ step: 'XEM_XET', unit: department });
  });

  it('moves the open step’s deadline by the time waited for a supplement', () => {
    let state = act(received(), { type: 'forward' }, desk, '2026-11-02T09:00:00');
    const before = state.process?.active[0]?.dueAt;
    expect(before).toBe('2026-11-04T14:30:00+07:00');
    state = act(
      state,
      { type: 'request_supplement', reason: 'Thiếu', documents: ['Bản sao'] },
      specialist,
      '2026-11-02T10:00:00',
    );
    state = act(state, { type: 'receive_supplement' }, specialist, '2026-11-03T10:00:00');
    expect(state.process?.active[0]).toMatchObject({
      dueAt: '2026-11-05T14:30:00+07:00',
      pausedWorkingMinutes: 480,
    });
    state = act(state, { type: 'forward' }, specialist, '2026-11-03T11:00:00');
    expect(state.process?.done.at(-1)).toMatchObject({ step: 'THAM_DINH', workingMinutes: 120 });
  });

  it('finishes a step only once its preconditions hold', () => {
    const start = received();
    const reception = progressOf(start).active[0];
    const change = { currentAgency: district, dueAt: start.dueAt, pausedAfter: true };
    const run = (status: 'supplement_requested' | 'accepted') =>
      advanceProcess(
        progressOf(start),
        defaultProcess('district'),
        { type: 'forward' },
        {
          by: 'tiep-nhan',
          at: vn('2026-11-02T09:00:00'),
          step: reception,
          change: { ...change, status },
          units,
          calendar,
        },
      );
    expect(refusal(() => run('supplement_requested'))).toMatchObject({
      code: 'STEP_ACTION_NOT_ALLOWED',
      details: { precondition: 'documents_complete' },
    });
    expect(run('accepted').active.map((step) => step.step)).toEqual(['THAM_DINH']);
  });

  it('closes every active step when the dossier is stopped or withdrawn', () => {
    const examining = act(received(), { type: 'forward' }, desk, '2026-11-02T09:00:00');
    const stopped = act(
      examining,
      { type: 'stop', reason: 'Không đủ điều kiện' },
      specialist,
      '2026-11-02T10:00:00',
    );
    expect(stopped.status).toBe('stopped');
    expect(stopped.process?.active).toEqual([]);
    expect(stopped.process?.done.at(-1)).toMatchObject({
      step: 'THAM_DINH',
      action: 'stop',
      finishedBy: 'chuyen-vien',
    });
    const withdrawn = applyWithProcess(
      examining,
      { type: 'withdraw' },
      { id: 'citizen', kind: 'citizen' },
      vn('2026-11-02T10:00:00'),
      calendar,
      undefined,
      {
        definition: defaultProcess('district'),
        actor: { kind: 'system', id: 'citizen', unitCodes: [] },
        units,
      },
    ).state;
    expect(withdrawn.status).toBe('withdrawn');
    expect(withdrawn.process?.active).toEqual([]);
    expect(withdrawn.process?.done.at(-1)).toMatchObject({ step: 'THAM_DINH', action: 'withdraw' });
  });
});
