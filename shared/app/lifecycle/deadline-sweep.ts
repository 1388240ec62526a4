import type { OfficerAlertMessage } from '../../contracts/mail.ts';
import type { AuditEntry, AuditFields } from '../../domain/audit/audit.ts';
import type { WorkingCalendar } from '../../domain/calendar/calendar.ts';
import { toVietnamIso } from '../../domain/calendar/time.ts';
import { isDomainError } from '../../domain/common/errors.ts';
import {
  alertRecipients,
  needsLeaderAlert,
  overdueSteps,
  sweepHorizon,
  withStepsAlerted,
  workingMinutesLate,
} from '../../domain/lifecycle/deadline-alerts.ts';
import type { DossierRecord } from '../../domain/lifecycle/dossier.ts';
import {
  auditFieldsOf,
  draftApology,
  type LifecycleOutcome,
  leaderAttention,
  needsApology,
} from '../../domain/lifecycle/lifecycle.ts';
import type { OfficerRecord } from '../../domain/officers/officers.ts';
import type { ActiveStep } from '../../domain/process/process-state.ts';
import type { Log } from '../log.ts';

export interface DeadlineSweepPorts {
  dossiers: {
    /**
     * The open dossiers with something due by `now` (a step's deadline or the appointment, see
     * `deadlineWatch`) or awaiting form 04's draft with an appointment at most `draftUntil` (every
     * one of those without it), each once: the others have nothing for the sweep to do yet.
     */
    dueForSweep(now: string, draftUntil: string | undefined): AsyncIterable<DossierRecord>;
    /** How many open dossiers with form 04 drafted, not approved, have their appointment at or before `dueBy`. */
    lateAwaitingApproval(dueBy: string): Promise<number>;
    /**
     * Writes the outcome and its audit entry, refused (a domain error) if the dossier changed since it
     * was read; answers the dossier as written.
     */
    applyLifecycle(
      dossier: DossierRecord,
      outcome: LifecycleOutcome,
      entry: AuditEntry,
    ): Promise<DossierRecord>;
  };
  /** The next entry of a dossier's audit chain. */
  audit: { next(chain: string, fields: AuditFields): Promise<AuditEntry> };
  /** A unit's officer records, whatever their state (the sweep keeps those valid now). */
  officers: { ofAgency(agencyCode: string): Promise<OfficerRecord[]> };
  /** A registered unit's name and official address. */
  agencies: { get(code: string): Promise<{ name: string; officialEmail: string } | undefined> };
  /** Queues one alert mail. */
  alert(message: Omit<OfficerAlertMessage, 'type'>): Promise<void>;
  calendar: WorkingCalendar;
  /** Working days from now to the appointment the draft proposes. */
  extensionWorkingDays: number;
  log: Log;
  now(): Date;
}

export interface DeadlineSweepResult {
  drafted: number;
  raced: number;
  /** Open dossiers past their statutory appointment without an approved apology. */
  lateWithoutApology: number;
  /** Steps found past their own deadline and alerted (each once). */
  stepsAlerted: number;
  /** Dossiers late without an approved apology whose unit's leaders were told (each once). */
  leadersAlerted: number;
}

/**
 * Writes a system change and answers the dossier as written, for a second change in the same run;
 * undefined when an officer changed the dossier meanwhile (the next run looks again).
 */
async function write(
  ports: DeadlineSweepPorts,
  dossier: DossierRecord,
  outcome: LifecycleOutcome,
  action: 'draft_apology' | 'deadline_alert',
): Promise<DossierRecord | undefined> {
  try {
    return await ports.dossiers.applyLifecycle(
      dossier,
      outcome,
      await ports.audit.next(dossier.dossierCode, auditFieldsOf(outcome, action, 'system')),
    );
  } catch (error) {
    if (!isDomainError(error)) throw error;
    return undefined;
  }
}

/**
 * Every open dossier within two working days of its statutory appointment (or past it) gets a form 04
 * draft, once; the officer holding it writes the reason, a leader approves it before the letter's
 * deadline, one working day before the appointment. Each step past its own deadline is alerted once
 * to its holder and its unit's leaders, and a dossier late without an approved apology once to its
 * unit's leaders: the alert is recorded on the dossier first (a conditional write), then mailed.
 */
export async function sweepDeadlines(ports: DeadlineSweepPorts): Promise<DeadlineSweepResult> {
  const now = ports.now();
  const result: DeadlineSweepResult = {
    drafted: 0,
    raced: 0,
    lateWithoutApology: 0,
    stepsAlerted: 0,
    leadersAlerted: 0,
  };
  const at = toVietnamIso(now);
  // Counted before any draft of this run, so that a dossier drafted now is counted once, below.
  // Appointments are kept to the second: one before now is at the latest the second before it.
  result.lateWithoutApology = await ports.dossiers.lateAwaitingApproval(
    toVietnamIso(new Date(now.getTime() - 1)),
  );
  for await (const dossier of ports.dossiers.dueForSweep(at, sweepHorizon(now, ports.calendar))) {
    let current = dossier;
    if (leaderAttention(current, now) === 'late_without_apology') {
      // Those with a draft awaiting approval were counted from the index, read or not.
      if (!current.apology) result.lateWithoutApology += 1;
      ports.log.warn('late without apology', {
        dossierCode: current.dossierCode,
        agency: current.currentAgency.code,
        dueAt: current.dueAt,
        apology: current.apology?.state ?? 'none',
      });
    }
    if (needsApology(current, now, ports.calendar)) {
      const drafted = await write(ports, current, apologyDraft(current, now, ports), 'draft_apology');
      if (!drafted) {
        result.raced += 1;
        continue;
      }
      result.drafted += 1;
      current = drafted;
    }
    const steps = overdueSteps(current, now);
    const leaders = needsLeaderAlert(current, now);
    if (steps.length === 0 && !leaders) continue;
    const outcome = alertsRecorded(current, steps, leaders, now);
    if (!(await write(ports, current, outcome, 'deadline_alert'))) {
      result.raced += 1;
      continue;
    }
    for (const step of steps) await mailStepAlert(ports, current, step, now);
    if (leaders) await mailLeaderAlert(ports, current, now);
    result.stepsAlerted += steps.length;
    result.leadersAlerted += leaders ? 1 : 0;
  }
  ports.log.info('deadline sweep', { ...result });
  return result;
}

function apologyDraft(dossier: DossierRecord, now: Date, ports: DeadlineSweepPorts): LifecycleOutcome {
  return {
    state: {
      ...dossier,
      apology: {
        ...draftApology(dossier, now, ports.calendar, ports.extensionWorkingDays),
        draftedBy: 'system',
      },
    },
    history: {
      status: dossier.status,
      at: toVietnamIso(now),
      by: 'system',
      note: 'Sắp đến hạn hoặc quá hạn: dự thảo phiếu xin lỗi và hẹn lại (mẫu 04), chờ lý do và phê duyệt',
    },
  };
}

function alertsRecorded(
  dossier: DossierRecord,
  steps: readonly ActiveStep[],
  leaders: boolean,
  now: Date,
): LifecycleOutcome {
  const at = toVietnamIso(now);
  const notes = [
    ...steps.map((step) => `Bước "${step.name.vi}" quá hạn của bước: đã báo người xử lý và lãnh đạo đơn vị`),
    ...(leaders ? ['Quá hạn chưa có văn bản xin lỗi được phê duyệt: đã báo lãnh đạo đơn vị'] : []),
  ];
  return {
    state: {
      ...dossier,
      ...(dossier.process && steps.length > 0
        ? { process: withStepsAlerted(dossier.process, steps, at) }
        : {}),
      ...(leaders ? { leaderAlertedAt: at } : {}),
    },
    history: { status: dossier.status, at, by: 'system', note: notes.join('; ') },
  };
}

/** The unit's name and who to tell there; nobody when the unit has neither officers with an address nor a registry entry. */
async function recipientsAt(
  ports: DeadlineSweepPorts,
  unitCode: string,
  now: Date,
  step?: ActiveStep,
): Promise<{ name: string | undefined; to: string[] }> {
  const [officers, agency] = await Promise.all([
    ports.officers.ofAgency(unitCode),
    ports.agencies.get(unitCode),
  ]);
  const to = alertRecipients(officers, { officialEmail: agency?.officialEmail ?? '' }, now, step);
  if (to.length === 0) ports.log.warn('deadline alert without recipient', { agency: unitCode });
  return { name: agency?.name, to };
}

async function mailStepAlert(ports: DeadlineSweepPorts, dossier: DossierRecord, step: ActiveStep, now: Date) {
  const { name, to } = await recipientsAt(ports, step.unit.code, now, step);
  for (const address of to) {
    await ports.alert({
      kind: 'step_overdue',
      alertId: `${dossier.dossierCode}#${step.step}#${step.startedAt}`,
      to: address,
      dossierCode: dossier.dossierCode,
      procedure: { code: dossier.procedure.code, name: dossier.procedure.name },
      unit: { code: step.unit.code, name: name ?? step.unit.name },
      step: { code: step.step, name: step.name },
      dueAt: step.dueAt,
      lateWorkingMinutes: workingMinutesLate(step.dueAt, now, ports.calendar),
    });
  }
}

async function mailLeaderAlert(ports: DeadlineSweepPorts, dossier: DossierRecord, now: Date) {
  const unit = dossier.currentAgency;
  const dueAt = dossier.dueAt ?? toVietnamIso(now);
  const { name, to } = await recipientsAt(ports, unit.code, now);
  for (const address of to) {
    await ports.alert({
      kind: 'late_without_apology',
      alertId: dossier.dossierCode,
      to: address,
      dossierCode: dossier.dossierCode,
      procedure: { code: dossier.procedure.code, name: dossier.procedure.name },
      unit: { code: unit.code, name: name ?? unit.name },
      dueAt,
      lateWorkingMinutes: workingMinutesLate(dueAt, now, ports.calendar),
    });
  }
}
