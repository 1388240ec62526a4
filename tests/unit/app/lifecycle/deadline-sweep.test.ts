import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type DeadlineSweepPorts,
  type DeadlineSweepResult,
  sweepDeadlines,
} from '../../../../shared/app/lifecycle/deadline-sweep.ts';
import type { OfficerAlertMessage } from '../../../../shared/contracts/mail.ts';
import { type AuditEntry, nextAuditEntry, verifyAuditChain } from '../../../../shared/domain/audit/audit.ts';
import { vietnameseCivilServiceCalendar } from '../../../../shared/domain/calendar/holidays.ts';
import { toVietnamIso } from '../../../../shared/domain/calendar/time.ts';
import { DomainError } from '../../../../shared/domain/common/errors.ts';
import {
  AWAITING_APPROVAL,
  AWAITING_DRAFT,
  deadlineWatch,
  NOTHING_TO_WATCH,
} from '../../../../shared/domain/lifecycle/deadline-alerts.ts';
import type { DossierRecord } from '../../../../shared/domain/lifecycle/dossier.ts';
import { type LifecycleOutcome, leaderAttention } from '../../../../shared/domain/lifecycle/lifecycle.ts';
import type { OfficerRecord } from '../../../../shared/domain/officers/officers.ts';
import type { ActiveStep } from '../../../../shared/domain/process/process-state.ts';
import { storedDossier } from '../dossier-fixture.ts';

/** Friday 27 November 2026, 10:00 in Vietnam. */
const NOW = '2026-11-27T10:00:00+07:00';

/** A sweep's answer: the counts given, every other count nought. */
const counted = (counts: Partial<DeadlineSweepResult>): DeadlineSweepResult => ({
  drafted: 0,
  raced: 0,
  lateWithoutApology: 0,
  stepsAlerted: 0,
  leadersAlerted: 0,
  ...counts,
});

const COMMUNE = '000.17.22.H56';
const DISTRICT = '000.00.22.H56';
const UNITS = new Map([
  [COMMUNE, { name: 'Ủy ban nhân dân xã Quảng Bình', officialEmail: 'ubnd.quangbinh@thanhhoa.gov.vn' }],
  [DISTRICT, { name: 'Ủy ban nhân dân huyện Quảng Xương', officialEmail: 'ubnd@quangxuong.thanhhoa.gov.vn' }],
]);
const officer = (
  username: string,
  roles: OfficerRecord['roles'],
  extra: Partial<OfficerRecord> = {},
): OfficerRecord => ({
  officerId: `sub-${username}`,
  username,
  agencyCode: COMMUNE,
  roles,
  active: true,
  validFrom: '2026-01-01T00:00:00+07:00',
  email: `${username}@quangbinh.thanhhoa.gov.vn`,
  updatedAt: '2026-01-01T00:00:00+07:00',
  updatedBy: 'operator:an',
  ...extra,
});
/** The commune's officers: a desk officer, two specialists, a leader, a former leader, one without an address. */
const OFFICERS = [
  officer('tn-hoa', ['tiep_nhan']),
  officer('cv-lan', ['chuyen_vien']),
  officer('cv-binh', ['chuyen_vien']),
  officer('ld-minh', ['lanh_dao']),
  officer('ld-cu', ['lanh_dao'], { active: false }),
  officer('cv-moi', ['chuyen_vien'], { email: undefined }),
];

/** Dossiers, audit chains, officers and queued alerts in memory; a dossier named in `changedMeanwhile` refuses its write once. */
function memoryPorts(
  dossiers: DossierRecord[],
  options: {
    changedMeanwhile?: string[];
    failWith?: Error;
    officers?: OfficerRecord[];
    /** Read every dossier, as the whole-table scan did, rather than through the index. */
    everyDossier?: boolean;
    now?: string;
  } = {},
) {
  const alerts: Omit<OfficerAlertMessage, 'type'>[] = [];
  const stored = new Map(dossiers.map((d) => [d.dossierCode, d]));
  const chains = new Map<string, AuditEntry[]>();
  const changed = new Set(options.changedMeanwhile ?? []);
  const lines: { message: string; fields: Record<string, unknown> }[] = [];
  const read: string[] = [];
  const log = (message: string, fields: Record<string, unknown>) => lines.push({ message, fields });
  const ports: DeadlineSweepPorts = {
    dossiers: {
      // The sparse indexes as the store keeps them: each dossier keyed as its last write left it.
      async *dueForSweep(now, draftUntil) {
        for (const dossier of [...stored.values()]) {
          const { nextDeadline, apologyWatch } = deadlineWatch(dossier);
          const dueByClock = nextDeadline !== undefined && nextDeadline <= now;
          const toDraft =
            apologyWatch?.startsWith(AWAITING_DRAFT) === true &&
            (draftUntil === undefined || apologyWatch <= `${AWAITING_DRAFT}${draftUntil}`);
          if (options.everyDossier || dueByClock || toDraft) {
            read.push(dossier.dossierCode);
            yield dossier;
          }
        }
      },
      // A scan counts by the rule itself (late at the second after `dueBy`); the index by the keys
      // the store wrote.
      lateAwaitingApproval: async (dueBy) =>
        [...stored.values()].filter((dossier) => {
          if (options.everyDossier)
            return (
              dossier.apology !== undefined &&
              leaderAttention(dossier, new Date(Date.parse(dueBy) + 1000)) === 'late_without_apology'
            );
          const watch = deadlineWatch(dossier).apologyWatch ?? '';
          return watch.startsWith(AWAITING_APPROVAL) && watch <= `${AWAITING_APPROVAL}${dueBy}`;
        }).length,
      applyLifecycle: async (dossier, outcome: LifecycleOutcome, entry) => {
        if (options.failWith) throw options.failWith;
        if (changed.delete(dossier.dossierCode))
          throw new DomainError('ILLEGAL_TRANSITION', {
            vi: 'Hồ sơ vừa được người khác cập nhật; vui lòng tải lại.',
            en: 'The dossier was changed by someone else meanwhile; reload it.',
          });
        const written = {
          ...dossier,
          ...outcome.state,
          history: [...dossier.history, outcome.history],
          version: dossier.version + 1,
        };
        stored.set(dossier.dossierCode, written);
        chains.set(entry.chain, [...(chains.get(entry.chain) ?? []), entry]);
        return written;
      },
    },
    audit: {
      next: async (chain, fields) => nextAuditEntry(chain, chains.get(chain)?.at(-1), fields),
    },
    officers: {
      ofAgency: async (code) => (options.officers ?? OFFICERS).filter((o) => o.agencyCode === code),
    },
    agencies: {
      get: async (code) => UNITS.get(code),
    },
    alert: async (message) => {
      alerts.push(message);
    },
    calendar: vietnameseCivilServiceCalendar(),
    extensionWorkingDays: 1,
    log: { info: log, warn: log, error: log },
    now: () => new Date(options.now ?? NOW),
  };
  return { ports, stored, chains, lines, alerts, read };
}

const late = storedDossier({ dossierCode: 'H56-LATE', dueAt: '2026-11-26T17:00:00+07:00' });
/** Two working days (Monday and Tuesday) of office time left at NOW: the draft window has just opened. */
const dueTuesday = storedDossier({ dossierCode: 'H56-TUE', dueAt: '2026-12-01T10:00:00+07:00' });
/** One minute more than two working days left: not yet. */
const dueLater = storedDossier({ dossierCode: 'H56-LATER', dueAt: '2026-12-01T10:01:00+07:00' });

const summary = (memory: ReturnType<typeof memoryPorts>) =>
  memory.lines.filter((line) => line.message === 'deadline sweep');

describe('the deadline sweep: apologies', () => {
  it('a dossier past its appointment gets a form 04 draft without a reason, audited, and is flagged', async () => {
    const memory = memoryPorts([late]);
    expect(await sweepDeadlines(memory.ports)).toEqual(
      counted({ drafted: 1, lateWithoutApology: 1, leadersAlerted: 1 }),
    );
    expect(memory.stored.get('H56-LATE')?.apology).toEqual({
      state: 'draft',
      draftedAt: NOW,
      draftedBy: 'system',
      missedDueAt: '2026-11-26T17:00:00+07:00',
      // One working day after now, the appointment having passed; Saturday and Sunday are not working days.
      proposedDueAt: '2026-11-30T10:00:00+07:00',
    });
    expect(memory.stored.get('H56-LATE')?.history.slice(-2)).toEqual([
      {
        status: 'in_progress',
        at: NOW,
        by: 'system',
        note: 'Sắp đến hạn hoặc quá hạn: dự thảo phiếu xin lỗi và hẹn lại (mẫu 04), chờ lý do và phê duyệt',
      },
      {
        status: 'in_progress',
        at: NOW,
        by: 'system',
        note: 'Quá hạn chưa có văn bản xin lỗi được phê duyệt: đã báo lãnh đạo đơn vị',
      },
    ]);
    const chain = memory.chains.get('H56-LATE') ?? [];
    expect(chain.map((entry) => [entry.action, entry.actor])).toEqual([
      ['draft_apology', 'system'],
      ['deadline_alert', 'system'],
    ]);
    expect(verifyAuditChain('H56-LATE', chain)).toMatchObject({ intact: true, length: 2 });
    expect(memory.lines).toEqual([
      {
        message: 'late without apology',
        fields: {
          dossierCode: 'H56-LATE',
          agency: '000.17.22.H56',
          dueAt: '2026-11-26T17:00:00+07:00',
          apology: 'none',
        },
      },
      {
        message: 'deadline sweep',
        fields: { drafted: 1, raced: 0, lateWithoutApology: 1, stepsAlerted: 0, leadersAlerted: 1 },
      },
    ]);
  });

  it('drafts ahead of the appointment, from two working days before it, proposing a date after it', async () => {
    const memory = memoryPorts([dueTuesday, dueLater]);
    expect(await sweepDeadlines(memory.ports)).toMatchObject({ drafted: 1, raced: 0, lateWithoutApology: 0 });
    expect(memory.stored.get('H56-TUE')?.apology).toMatchObject({
      state: 'draft',
      missedDueAt: '2026-12-01T10:00:00+07:00',
      proposedDueAt: '2026-12-02T10:00:00+07:00',
    });
    expect(memory.stored.get('H56-LATER')?.apology).toBeUndefined();
  });

  it('a second run drafts nothing again, nor for a paused or settled dossier; the late one stays flagged', async () => {
    const memory = memoryPorts([
      late,
      storedDossier({
        dossierCode: 'H56-PAUSED',
        dueAt: '2026-11-20T17:00:00+07:00',
        status: 'supplement_requested',
        clock: { pausedAt: '2026-11-19T09:00:00+07:00', remainingWorkingMinutes: 600 },
      }),
      storedDossier({ dossierCode: 'H56-DONE', dueAt: '2026-11-20T17:00:00+07:00', status: 'done' }),
    ]);
    await sweepDeadlines(memory.ports);
    expect(await sweepDeadlines(memory.ports)).toEqual(counted({ lateWithoutApology: 1 }));
    expect([...memory.chains.keys()]).toEqual(['H56-LATE']);
  });

  it('a late dossier with an approved apology is not flagged', async () => {
    const approved = storedDossier({
      dossierCode: 'H56-APOLOGISED',
      dueAt: '2026-11-26T17:00:00+07:00',
      extendedDueAt: '2026-12-01T17:00:00+07:00',
      apology: {
        state: 'approved',
        draftedAt: '2026-11-24T10:00:00+07:00',
        reason: 'Chờ ý kiến cơ quan phối hợp',
        missedDueAt: '2026-11-26T17:00:00+07:00',
        proposedDueAt: '2026-12-01T17:00:00+07:00',
        newDueAt: '2026-12-01T17:00:00+07:00',
      },
    });
    const memory = memoryPorts([approved]);
    expect(await sweepDeadlines(memory.ports)).toMatchObject({ drafted: 0, raced: 0, lateWithoutApology: 0 });
    expect(memory.alerts).toEqual([]);
  });

  it('a dossier an officer changed meanwhile is counted as raced and left for the next run', async () => {
    const memory = memoryPorts([late], { changedMeanwhile: ['H56-LATE'] });
    expect(await sweepDeadlines(memory.ports)).toMatchObject({ drafted: 0, raced: 1 });
    expect(memory.stored.get('H56-LATE')?.apology).toBeUndefined();
    expect(await sweepDeadlines(memory.ports)).toMatchObject({ drafted: 1, raced: 0 });
  });

  it('any other failure stops the sweep', async () => {
    const memory = memoryPorts([late], { failWith: new Error('ProvisionedThroughputExceededException') });
    await expect(sweepDeadlines(memory.ports)).rejects.toThrow('ProvisionedThroughputExceededException');
    expect(summary(memory)).toEqual([]);
  });
});

const activeStep = (overrides: Partial<ActiveStep> = {}): ActiveStep => ({
  step: 'THAM_DINH',
  name: { vi: 'Thẩm định hồ sơ', en: 'Examination' },
  role: 'chuyen_vien',
  unit: { code: COMMUNE, name: 'Ủy ban nhân dân xã Quảng Bình', tier: 'commune' },
  startedAt: '2026-11-24T09:15:00+07:00',
  // Thursday 17:00: at NOW the step is 2 h 30 min of office time late (Friday 07:30–10:00).
  dueAt: '2026-11-26T17:00:00+07:00',
  budgetMinutes: 960,
  handedOverBy: 'system',
  ...overrides,
});
/** A dossier whose appointment is far off (no apology yet) with the steps given open. */
const withSteps = (dossierCode: string, active: ActiveStep[], overrides: Partial<DossierRecord> = {}) =>
  storedDossier({
    dossierCode,
    dueAt: '2026-12-10T17:00:00+07:00',
    process: { code: 'QT-XA', version: 1, statutoryMinutes: 4800, active, done: [] },
    ...overrides,
  });

describe('the deadline sweep: steps running late', () => {
  it('alerts a step past its own deadline once, before the dossier is late: recorded, audited, mailed to holders and leaders', async () => {
    const dossier = withSteps('H56-STEP', [
      activeStep(),
      activeStep({
        step: 'XAC_MINH',
        name: { vi: 'Xác minh', en: 'Verification' },
        unit: { code: DISTRICT, name: 'Ủy ban nhân dân huyện Quảng Xương', tier: 'district' },
        dueAt: '2026-11-30T17:00:00+07:00',
      }),
    ]);
    const memory = memoryPorts([dossier]);
    expect(await sweepDeadlines(memory.ports)).toEqual(counted({ stepsAlerted: 1 }));
    const stored = memory.stored.get('H56-STEP');
    expect(stored?.process?.active.map((step) => [step.step, step.overdueAlertedAt])).toEqual([
      ['THAM_DINH', NOW],
      ['XAC_MINH', undefined],
    ]);
    expect(stored?.version).toBe(dossier.version + 1);
    expect(stored?.history.at(-1)).toEqual({
      status: 'in_progress',
      at: NOW,
      by: 'system',
      note: 'Bước "Thẩm định hồ sơ" quá hạn của bước: đã báo người xử lý và lãnh đạo đơn vị',
    });
    expect(memory.chains.get('H56-STEP')?.map((entry) => entry.action)).toEqual(['deadline_alert']);
    // The specialists and the desk hold the unassigned step; the leader is told; the former leader
    // and the officer without an address are not.
    expect(memory.alerts.map((alert) => alert.to)).toEqual([
      'tn-hoa@quangbinh.thanhhoa.gov.vn',
      'cv-lan@quangbinh.thanhhoa.gov.vn',
      'cv-binh@quangbinh.thanhhoa.gov.vn',
      'ld-minh@quangbinh.thanhhoa.gov.vn',
    ]);
    expect(memory.alerts[0]).toEqual({
      kind: 'step_overdue',
      alertId: 'H56-STEP#THAM_DINH#2026-11-24T09:15:00+07:00',
      to: 'tn-hoa@quangbinh.thanhhoa.gov.vn',
      dossierCode: 'H56-STEP',
      procedure: { code: '1.001193.000.00.00.H56', name: 'Đăng ký khai sinh' },
      unit: { code: COMMUNE, name: 'Ủy ban nhân dân xã Quảng Bình' },
      step: { code: 'THAM_DINH', name: { vi: 'Thẩm định hồ sơ', en: 'Examination' } },
      dueAt: '2026-11-26T17:00:00+07:00',
      lateWorkingMinutes: 150,
    });
    expect(JSON.stringify(memory.alerts)).not.toContain('Nguyễn');

    const again = await sweepDeadlines(memory.ports);
    expect(again).toMatchObject({ stepsAlerted: 0, raced: 0 });
    expect(memory.alerts).toHaveLength(4);
  });

  it('mails an assigned step to its assignee and the leaders only', async () => {
    const memory = memoryPorts([withSteps('H56-ASSIGNED', [activeStep({ assignee: 'cv-lan' })])]);
    await sweepDeadlines(memory.ports);
    expect(memory.alerts.map((alert) => alert.to)).toEqual([
      'cv-lan@quangbinh.thanhhoa.gov.vn',
      'ld-minh@quangbinh.thanhhoa.gov.vn',
    ]);
  });

  it('mails the unit’s official address when none of its officers has one', async () => {
    const atDistrict = activeStep({
      unit: { code: DISTRICT, name: 'UBND huyện Quảng Xương', tier: 'district' },
    });
    const memory = memoryPorts([withSteps('H56-DISTRICT', [atDistrict])], {
      officers: [
        ...OFFICERS,
        officer('cv-huyen', ['chuyen_vien'], { agencyCode: DISTRICT, email: undefined }),
      ],
    });
    await sweepDeadlines(memory.ports);
    expect(memory.alerts).toEqual([
      expect.objectContaining({
        to: 'ubnd@quangxuong.thanhhoa.gov.vn',
        unit: { code: DISTRICT, name: 'Ủy ban nhân dân huyện Quảng Xương' },
      }),
    ]);
  });

  it('alerts nothing while the clock is paused, for a finished step, or on a settled dossier', async () => {
    const finished = {
      ...activeStep(),
      finishedAt: '2026-11-26T18:00:00+07:00',
      finishedBy: 'officer:cv-lan',
      action: 'forward' as const,
      next: ['KY_DUYET'],
      timeliness: 'late' as const,
      workingMinutes: 1000,
    };
    const memory = memoryPorts([
      withSteps('H56-PAUSED', [activeStep()], {
        status: 'supplement_requested',
        clock: { pausedAt: '2026-11-25T09:00:00+07:00', remainingWorkingMinutes: 2000 },
      }),
      withSteps('H56-DONE-STEP', [activeStep({ step: 'KY_DUYET', dueAt: '2026-12-01T17:00:00+07:00' })], {
        process: {
          code: 'QT-XA',
          version: 1,
          statutoryMinutes: 4800,
          active: [activeStep({ step: 'KY_DUYET', dueAt: '2026-12-01T17:00:00+07:00' })],
          done: [finished],
        },
      }),
      withSteps('H56-SETTLED', [activeStep()], { status: 'done', settledAt: '2026-11-26T16:00:00+07:00' }),
    ]);
    expect(await sweepDeadlines(memory.ports)).toMatchObject({ stepsAlerted: 0, raced: 0 });
    expect(memory.alerts).toEqual([]);
    expect(memory.chains.size).toBe(0);
  });

  it('skips a dossier an officer changed meanwhile, mailing nothing, and alerts it on the next run', async () => {
    const memory = memoryPorts([withSteps('H56-RACE', [activeStep()])], { changedMeanwhile: ['H56-RACE'] });
    expect(await sweepDeadlines(memory.ports)).toMatchObject({ stepsAlerted: 0, raced: 1 });
    expect(memory.alerts).toEqual([]);
    expect(memory.stored.get('H56-RACE')?.process?.active[0]?.overdueAlertedAt).toBeUndefined();
    expect(await sweepDeadlines(memory.ports)).toMatchObject({ stepsAlerted: 1, raced: 0 });
    expect(memory.alerts).toHaveLength(4);
  });

  it('tells a late dossier’s leaders once, naming its appointment, together with its overdue step', async () => {
    const memory = memoryPorts([
      withSteps('H56-BOTH', [activeStep()], {
        dueAt: '2026-11-26T17:00:00+07:00',
        apology: {
          state: 'draft',
          draftedAt: '2026-11-24T10:00:00+07:00',
          missedDueAt: '2026-11-26T17:00:00+07:00',
          proposedDueAt: '2026-11-30T17:00:00+07:00',
        },
      }),
    ]);
    expect(await sweepDeadlines(memory.ports)).toEqual(
      counted({ lateWithoutApology: 1, stepsAlerted: 1, leadersAlerted: 1 }),
    );
    expect(memory.stored.get('H56-BOTH')?.leaderAlertedAt).toBe(NOW);
    expect(memory.alerts.filter((alert) => alert.kind === 'late_without_apology')).toEqual([
      {
        kind: 'late_without_apology',
        alertId: 'H56-BOTH',
        to: 'ld-minh@quangbinh.thanhhoa.gov.vn',
        dossierCode: 'H56-BOTH',
        procedure: { code: '1.001193.000.00.00.H56', name: 'Đăng ký khai sinh' },
        unit: { code: COMMUNE, name: 'Ủy ban nhân dân xã Quảng Bình' },
        dueAt: '2026-11-26T17:00:00+07:00',
        lateWorkingMinutes: 150,
      },
    ]);
    expect(await sweepDeadlines(memory.ports)).toMatchObject({ leadersAlerted: 0, lateWithoutApology: 1 });
    expect(memory.chains.get('H56-BOTH')).toHaveLength(1);
  });
});

describe('the deadline sweep reads the index of open dossiers, not the table', () => {
  const HOUR = 3_600_000;
  const at = (hoursFromNow: number) => toVietnamIso(new Date(Date.parse(NOW) + hoursFromNow * HOUR));
  const step = (code: string, dueInHours: number, alerted: boolean): ActiveStep => ({
    step: code,
    name: { vi: 'Thẩm định', en: 'Examination' },
    role: 'chuyen_vien',
    unit: { code: COMMUNE, name: 'UBND xã Quảng Bình', tier: 'commune' },
    startedAt: at(-100),
    dueAt: at(dueInHours),
    budgetMinutes: 960,
    handedOverBy: 'system',
    ...(alerted ? { overdueAlertedAt: at(-1) } : {}),
  });
  /** The system's form 04 for an appointment `missedInHours` from now, in `state`. */
  const apologyIn = (state: 'draft' | 'approved', missedInHours: number) => ({
    state,
    draftedAt: at(missedInHours - 10),
    draftedBy: 'system',
    missedDueAt: at(missedInHours),
    proposedDueAt: at(48),
  });
  const dossierArbitrary = fc.record({
    status: fc.constantFrom('accepted', 'in_progress', 'supplement_requested', 'payment_requested', 'done'),
    dueInHours: fc.integer({ min: -300, max: 400 }),
    apology: fc.constantFrom('none', 'draft', 'approved'),
    leaderAlerted: fc.boolean(),
    paused: fc.boolean(),
    steps: fc.array(fc.record({ dueInHours: fc.integer({ min: -200, max: 300 }), alerted: fc.boolean() }), {
      maxLength: 2,
    }),
  });

  it('finds exactly what a sweep of every dossier finds, at any time of the week', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(dossierArbitrary, { minLength: 1, maxLength: 6 }),
        fc.integer({ min: 0, max: 24 * 9 }),
        async (shapes, hoursLater) => {
          const dossiers = shapes.map((shape, index) =>
            storedDossier({
              dossierCode: `H56-P${index}`,
              kpiShard: String(index % 4),
              status: shape.status,
              dueAt: at(shape.dueInHours),
              ...(shape.apology === 'none'
                ? {}
                : {
                    apology: {
                      state: shape.apology,
                      draftedAt: at(-50),
                      draftedBy: 'system',
                      missedDueAt: at(shape.dueInHours),
                      proposedDueAt: at(shape.dueInHours + 48),
                    },
                  }),
              ...(shape.leaderAlerted ? { leaderAlertedAt: at(-2) } : {}),
              ...(shape.paused ? { clock: { pausedAt: at(-3), remainingWorkingMinutes: 600 } } : {}),
              process: {
                code: 'QT-XA',
                version: 1,
                statutoryMinutes: 2400,
                active: shape.steps.map((s, i) => step(`B${i}`, s.dueInHours, s.alerted)),
                done: [],
              },
            }),
          );
          const now = at(hoursLater);
          const indexed = memoryPorts(structuredClone(dossiers), { now });
          const scanned = memoryPorts(structuredClone(dossiers), { now, everyDossier: true });
          expect(await sweepDeadlines(indexed.ports)).toEqual(await sweepDeadlines(scanned.ports));
          expect([...indexed.stored.values()]).toEqual([...scanned.stored.values()]);
          expect(indexed.alerts).toEqual(scanned.alerts);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('keys only received open dossiers, by their earliest deadline still to act on', () => {
    const open = storedDossier({
      dueAt: '2026-12-01T10:00:00+07:00',
      process: {
        code: 'QT-XA',
        version: 1,
        statutoryMinutes: 2400,
        active: [step('B0', -5, true), step('B1', 30, false)],
        done: [],
      },
    });
    expect(deadlineWatch(open)).toEqual({
      deadlineShard: '0',
      nextDeadline: at(30),
      apologyShard: '0',
      apologyWatch: `${AWAITING_DRAFT}2026-12-01T10:00:00+07:00`,
    });
    expect(deadlineWatch({ ...open, status: 'done' })).toEqual({
      deadlineShard: undefined,
      nextDeadline: undefined,
      apologyShard: undefined,
      apologyWatch: undefined,
    });
    expect(
      deadlineWatch({ ...open, status: 'submitted', receivedAt: undefined }).deadlineShard,
    ).toBeUndefined();
    const approved = apologyIn('approved', -40);
    const nothingLeft: DossierRecord = { ...open, process: undefined, apology: approved };
    expect(deadlineWatch(nothingLeft)).toMatchObject({
      nextDeadline: NOTHING_TO_WATCH,
      apologyWatch: undefined,
    });
    // Drafted, not approved: awaiting approval; once the leaders were told, the appointment is no
    // longer due by the clock, only an open step would be.
    const drafted: DossierRecord = { ...nothingLeft, apology: { ...approved, state: 'draft' } };
    expect(deadlineWatch(drafted)).toMatchObject({
      nextDeadline: '2026-12-01T10:00:00+07:00',
      apologyWatch: `${AWAITING_APPROVAL}2026-12-01T10:00:00+07:00`,
    });
    expect(deadlineWatch({ ...drafted, leaderAlertedAt: at(-1) }).nextDeadline).toBe(NOTHING_TO_WATCH);
    // While the clock stands still for the applicant, nothing falls due and no apology is watched.
    expect(
      deadlineWatch({ ...open, clock: { pausedAt: at(-1), remainingWorkingMinutes: 60 } }),
    ).toMatchObject({ nextDeadline: NOTHING_TO_WATCH, apologyWatch: undefined });
  });

  it('reads none of the dossiers with nothing to do, and counts the late ones awaiting approval', async () => {
    const pending = apologyIn('draft', -30);
    const memory = memoryPorts([
      // Drafted, its leaders told, no step open: late, but nothing left to do.
      storedDossier({ dossierCode: 'H56-TOLD', dueAt: at(-30), apology: pending, leaderAlertedAt: at(-29) }),
      // Due in ten days, its step in three: nothing yet.
      storedDossier({
        dossierCode: 'H56-LATER',
        dueAt: at(240),
        process: {
          code: 'QT-XA',
          version: 1,
          statutoryMinutes: 2400,
          active: [step('B0', 72, false)],
          done: [],
        },
      }),
      // Its step's deadline passed an hour ago: alerted now.
      storedDossier({
        dossierCode: 'H56-STEP',
        dueAt: at(240),
        process: {
          code: 'QT-XA',
          version: 1,
          statutoryMinutes: 2400,
          active: [step('B0', -1, false)],
          done: [],
        },
      }),
    ]);
    expect(await sweepDeadlines(memory.ports)).toMatchObject({
      lateWithoutApology: 1,
      stepsAlerted: 1,
      leadersAlerted: 0,
      drafted: 0,
    });
    expect(memory.read).toEqual(['H56-STEP']);
    memory.read.length = 0;
    expect(await sweepDeadlines(memory.ports)).toMatchObject({ lateWithoutApology: 1, stepsAlerted: 0 });
    expect(memory.read).toEqual([]);
  });
});
