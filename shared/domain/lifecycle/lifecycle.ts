import type { Tier } from '../agencies/tiers.ts';
import {
  addWorkingDays,
  addWorkingMinutes,
  classifyTimeliness,
  type Timeliness,
  type WorkingCalendar,
  workingMinutesBetween,
} from '../calendar/calendar.ts';
import { toVietnamIso } from '../calendar/time.ts';
import { DomainError } from '../common/errors.ts';
import { keysOf } from '../common/keys.ts';
import type { ProcessProgress } from '../process/process-state.ts';
import type { FileSignature, Signature, SignedDocument } from '../signing/signed-document.ts';
import { apologyDraftOpensAt } from './apology-deadline.ts';
import { DOSSIER_STATUSES, type DossierStatus } from './dossier-status.ts';
import type { SupplementRound } from './supplement.ts';

/**
 * The one-stop lifecycle: which action may follow which status, and what each action changes.
 * Pure: the caller loads the dossier, applies the outcome with a conditional write, and records it.
 */
export type LifecycleAction =
  | { type: 'accept' }
  | { type: 'refuse'; reason: string }
  | { type: 'start_processing' }
  | { type: 'forward'; step?: string | undefined; note?: string | undefined }
  | { type: 'send_back'; step?: string | undefined; toStep?: string | undefined; reason?: string | undefined }
  | { type: 'assign'; step?: string | undefined; assignee: string }
  | { type: 'request_supplement'; reason: string; documents: string[] }
  | { type: 'receive_supplement' }
  | { type: 'transfer'; toAgencyCode: string; note?: string | undefined }
  | { type: 'request_payment'; amountVnd: number }
  | { type: 'confirm_payment' }
  | { type: 'stop'; reason: string }
  | { type: 'complete'; resultDocumentKey?: string | undefined; note?: string | undefined }
  | { type: 'return_result' }
  | { type: 'withdraw'; reason?: string | undefined }
  | { type: 'draft_apology'; reason: string; proposedDueAt?: string | undefined }
  | { type: 'approve_apology'; newDueAt?: string | undefined; reason?: string | undefined };

export type LifecycleActionType = LifecycleAction['type'];

interface Rule {
  from: readonly DossierStatus[];
  /** The status after the action; absent when the action leaves the status as it is. */
  to?: DossierStatus;
  /** The form the action produces, as numbered in Circular 03/2025 Annex I. */
  form?: '02' | '03' | '04' | '05' | '06';
  by: 'officer' | 'citizen';
}

const WORKING: readonly DossierStatus[] = ['accepted', 'in_progress'];
/** Open dossiers whose unit still owes the result: form 04 may be drafted and approved for them. */
const APOLOGY_STATUSES: readonly DossierStatus[] = [
  'accepted',
  'in_progress',
  'supplement_requested',
  'payment_requested',
];

export const LIFECYCLE_RULES: Record<LifecycleActionType, Rule> = {
  accept: { from: ['submitted'], to: 'accepted', by: 'officer' },
  refuse: { from: ['submitted'], to: 'not_accepted', form: '03', by: 'officer' },
  start_processing: { from: ['accepted'], to: 'in_progress', by: 'officer' },
  // Steps of a process: handing the first step on starts processing; after the result is signed,
  // the clerk's and the desk's steps hand on without changing the status (see the process engine).
  forward: { from: ['accepted', 'in_progress', 'done'], by: 'officer' },
  send_back: { from: ['in_progress'], to: 'in_progress', by: 'officer' },
  assign: {
    from: ['accepted', 'in_progress', 'supplement_requested', 'payment_requested', 'done'],
    by: 'officer',
  },
  request_supplement: {
    from: ['submitted', ...WORKING],
    to: 'supplement_requested',
    form: '02',
    by: 'officer',
  },
  receive_supplement: { from: ['supplement_requested'], to: 'in_progress', by: 'officer' },
  transfer: { from: WORKING, to: 'in_progress', form: '06', by: 'officer' },
  request_payment: { from: ['in_progress'], to: 'payment_requested', by: 'officer' },
  confirm_payment: { from: ['payment_requested'], to: 'in_progress', by: 'officer' },
  stop: {
    from: ['in_progress', 'supplement_requested', 'payment_requested'],
    to: 'stopped',
    form: '05',
    by: 'officer',
  },
  complete: { from: ['in_progress'], to: 'done', by: 'officer' },
  return_result: { from: ['done'], to: 'result_returned', by: 'officer' },
  draft_apology: { from: APOLOGY_STATUSES, by: 'officer' },
  approve_apology: { from: APOLOGY_STATUSES, form: '04', by: 'officer' },
  withdraw: {
    from: ['submitted', 'accepted', 'in_progress', 'supplement_requested', 'payment_requested'],
    to: 'withdrawn',
    by: 'citizen',
  },
};

/** Actions that only move a dossier through its internal process: none for a dossier without one. */
export const PROCESS_ONLY_ACTIONS: readonly LifecycleActionType[] = ['forward', 'send_back', 'assign'];

export function allowedActions(
  status: DossierStatus,
  by: Rule['by'],
  options: { process?: boolean } = {},
): LifecycleActionType[] {
  return keysOf(LIFECYCLE_RULES).filter((type) => {
    const rule = LIFECYCLE_RULES[type];
    if (!options.process && PROCESS_ONLY_ACTIONS.includes(type)) return false;
    return rule.by === by && rule.from.includes(status);
  });
}

export interface AgencyRef {
  code: string;
  name: string;
  tier: Tier;
}

/** A row of the process-control slip (form 06): one handover between units. */
export interface ControlSlipRow {
  from: AgencyRef;
  to: AgencyRef;
  handedOverBy: string;
  at: string;
  dueAt: string;
  result: Timeliness;
  note?: string | undefined;
}

/**
 * Form 04: the apology and new appointment for a dossier that cannot be settled by its statutory
 * appointment, drafted by the sweep or by the officer holding the dossier, approved by a leader.
 */
export interface Apology {
  state: 'draft' | 'approved';
  draftedAt: string;
  /** `system` for the sweep's draft, else the officer who wrote it. */
  draftedBy?: string | undefined;
  /** Why the dossier cannot be settled in time: printed on the letter, required before approval. */
  reason?: string | undefined;
  /** The statutory appointment the letter says cannot be met. */
  missedDueAt: string;
  proposedDueAt: string;
  approvedAt?: string | undefined;
  approvedBy?: string | undefined;
  newDueAt?: string | undefined;
  /** The approved letter as signed: canonical text and KMS signature. */
  letter?: { document: Record<string, unknown>; canonical: string; signature: Signature } | undefined;
}

/** The part of a dossier the lifecycle reads and changes. */
export interface LifecycleState {
  status: DossierStatus;
  currentAgency: AgencyRef;
  /**
   * When the one-stop desk received the dossier as complete and valid: the clock starts here
   * (Decree 61/2018 Art. 15–16 as amended by Decree 107/2021). Absent until then.
   */
  receivedAt?: string | undefined;
  /** Form 01 as signed at reception; absent until the dossier is received. */
  receipt?: SignedDocument | undefined;
  /**
   * The statutory appointment: receipt plus the procedure's time, moved only by clock pauses (time
   * waiting for the applicant does not count). Timeliness and indicator 2.1 are judged against it.
   * Absent until the dossier is received.
   */
  dueAt?: string | undefined;
  /**
   * The new appointment an approved apology (form 04) gave the citizen. It does not replace `dueAt`:
   * a dossier settled after its statutory appointment is late, apology or not (Decree 61/2018 Art. 19
   * as amended; Decision 766/2022 indicator 2.1).
   */
  extendedDueAt?: string | undefined;
  /** Present while the clock stands still, waiting for the applicant (a supplement, or a payment). */
  clock?: { pausedAt: string; remainingWorkingMinutes: number } | undefined;
  /**
   * The procedure, as it stood when the dossier was received, stops the clock while the applicant
   * pays its financial obligations (request_payment to confirm_payment).
   */
  pausesForPayment?: boolean | undefined;
  /**
   * Working minutes the clock stood still waiting for the applicant, added up each time it resumes:
   * what the processing time (Decision 766 indicator 2.2) leaves out.
   */
  pausedWorkingMinutes?: number | undefined;
  supplementRequests: number;
  controlSlip: ControlSlipRow[];
  settledAt?: string | undefined;
  result?:
    | {
        /** The dossier's own copy of the result file (under `dossiers/<code>/result/`). */
        documentKey?: string | undefined;
        /** The upload the result file was copied from, and the SHA-256 (hex) and size of its bytes. */
        uploadKey?: string | undefined;
        documentSha256?: string | undefined;
        documentSizeBytes?: number | undefined;
        /** The unit's signature over the result file, for procedures whose result must be signed. */
        documentSignature?: (FileSignature & { sha256: string }) | undefined;
        completedBy: string;
        timeliness: Timeliness;
        /** Working minutes from receipt to settlement, pauses for the applicant left out (766, 2.2). */
        processingWorkingMinutes?: number | undefined;
      }
    | undefined;
  outcome?:
    | { form?: string | undefined; reason?: string | undefined; amountVnd?: number | undefined }
    | undefined;
  apology?: Apology | undefined;
  /** The latest request for supplementary documents (form 02) and when the citizen supplied them. */
  supplement?: SupplementRound | undefined;
  /**
   * The internal process the dossier follows from reception (its steps, holders and step deadlines).
   * Absent on dossiers received before processes were defined: they follow the lifecycle alone.
   */
  process?: ProcessProgress | undefined;
  /** When the unit's leaders were told the dossier is late without an approved apology (once). */
  leaderAlertedAt?: string | undefined;
}

export interface Actor {
  id: string;
  kind: Rule['by'];
}

export interface LifecycleOutcome {
  state: LifecycleState;
  history: { status: DossierStatus; at: string; by: string; note?: string | undefined };
}

/** Each action as an officer or citizen reads it in a Vietnamese message. */
const ACTION_LABELS: Partial<Record<LifecycleActionType, string>> = {
  accept: 'tiếp nhận hồ sơ',
  refuse: 'từ chối tiếp nhận',
  start_processing: 'bắt đầu xử lý',
  forward: 'chuyển bước xử lý',
  send_back: 'trả lại bước trước',
  assign: 'phân công cán bộ xử lý',
  request_supplement: 'yêu cầu bổ sung hồ sơ',
  receive_supplement: 'nhận hồ sơ bổ sung',
  transfer: 'chuyển hồ sơ',
  request_payment: 'yêu cầu thực hiện nghĩa vụ tài chính',
  confirm_payment: 'xác nhận đã thực hiện nghĩa vụ tài chính',
  stop: 'dừng giải quyết',
  complete: 'hoàn thành giải quyết',
  return_result: 'trả kết quả',
  withdraw: 'rút hồ sơ',
  approve_apology: 'duyệt văn bản xin lỗi và hẹn lại',
};
const actionLabel = (action: LifecycleActionType) => ACTION_LABELS[action] ?? 'thao tác này';

export function illegalTransition(
  action: LifecycleActionType,
  status: DossierStatus,
  by: Rule['by'],
): DomainError {
  const allowed = allowedActions(status, by);
  return new DomainError(
    'ILLEGAL_TRANSITION',
    {
      vi: `Không thể ${actionLabel(action)} khi hồ sơ đang ở trạng thái "${DOSSIER_STATUSES[status].vi}". Được phép: ${allowed.map(actionLabel).join(', ') || 'không có thao tác nào'}.`,
      en: `Cannot "${action}" a dossier that is "${status}". Allowed: ${allowed.join(', ') || 'none'}.`,
    },
    [],
    { status, allowed },
  );
}

/**
 * Applies one action. `target` is the receiving agency of a transfer; `calendar` decides working
 * time for the supplement clock (paused while the citizen completes the dossier, as Decision 766
 * indicator 2.1 excludes that time).
 */
export function applyAction(
  current: LifecycleState,
  action: LifecycleAction,
  actor: Actor,
  now: Date,
  calendar: WorkingCalendar,
  target?: AgencyRef,
): LifecycleOutcome {
  const rule = LIFECYCLE_RULES[action.type];
  if (rule.by !== actor.kind || !rule.from.includes(current.status)) {
    throw illegalTransition(action.type, current.status, actor.kind);
  }
  const at = toVietnamIso(now);
  const state: LifecycleState = {
    ...current,
    status: rule.to ?? current.status,
    controlSlip: [...current.controlSlip],
  };
  let note: string | undefined;

  switch (action.type) {
    case 'accept':
      // The appointment and the signed receipt depend on the procedure: the caller adds them.
      state.receivedAt = at;
      break;
    case 'forward':
      if (current.status === 'accepted') state.status = 'in_progress';
      note = action.note;
      break;
    case 'send_back':
      note = action.reason;
      break;
    case 'refuse':
    case 'stop':
      state.outcome = { form: rule.form, reason: action.reason };
      note = action.reason;
      break;
    case 'withdraw':
      state.outcome = { reason: action.reason };
      note = action.reason;
      break;
    case 'request_supplement': {
      // At reception (form 02 before the dossier is received) no clock has started, so none pauses.
      // Only requests during processing count towards "more than one request is late" (indicator 2.1).
      if (current.dueAt !== undefined) {
        state.clock = pausedClock(current, now, calendar);
        state.supplementRequests = current.supplementRequests + 1;
      }
      state.outcome = { form: rule.form, reason: action.reason };
      state.supplement = { requestedAt: at, reason: action.reason, documents: action.documents };
      note = `${action.reason} — ${action.documents.join('; ')}`;
      break;
    }
    case 'receive_supplement':
    case 'confirm_payment':
      if (action.type === 'receive_supplement' && current.dueAt === undefined) {
        // Completed at reception: the desk checks the dossier again before the clock starts.
        state.status = 'submitted';
        break;
      }
      if (current.clock) {
        const waited = pausedSince(current.clock, now, calendar);
        state.dueAt = movedBy(statutoryDueAt(current), waited, calendar);
        if (current.extendedDueAt) state.extendedDueAt = movedBy(current.extendedDueAt, waited, calendar);
      }
      state.clock = undefined;
      break;
    case 'transfer': {
      if (!target) throw new Error('transfer needs the receiving agency');
      if (target.code === current.currentAgency.code) {
        throw new DomainError(
          'VALIDATION_FAILED',
          {
            vi: 'Không thể chuyển hồ sơ cho chính đơn vị đang xử lý.',
            en: 'A dossier cannot be transferred to the unit holding it.',
          },
          [
            {
              field: 'toAgencyCode',
              message: { vi: 'Trùng đơn vị hiện tại.', en: 'Same as the current unit.' },
            },
          ],
        );
      }
      const dueAt = statutoryDueAt(current);
      state.controlSlip.push({
        from: current.currentAgency,
        to: target,
        handedOverBy: actor.id,
        at,
        dueAt,
        result: classifyTimeliness(now, new Date(dueAt)),
        note: action.note,
      });
      state.currentAgency = target;
      note = `${current.currentAgency.code} → ${target.code}`;
      break;
    }
    case 'draft_apology': {
      if (current.apology?.state === 'approved') throw apologyAlreadyApproved(current.status);
      const proposed = action.proposedDueAt
        ? toVietnamIso(laterThanAppointment(new Date(action.proposedDueAt), current, now, 'proposedDueAt'))
        : (current.apology?.proposedDueAt ?? draftApology(current, now, calendar).proposedDueAt);
      state.apology = {
        ...(current.apology ?? draftApology(current, now, calendar)),
        draftedAt: at,
        draftedBy: actor.id,
        reason: action.reason,
        missedDueAt: statutoryDueAt(current),
        proposedDueAt: proposed,
      };
      note = `Mẫu 04 (dự thảo): ${action.reason}`;
      break;
    }
    case 'approve_apology': {
      if (current.apology?.state !== 'draft') {
        if (current.apology?.state === 'approved') throw apologyAlreadyApproved(current.status);
        throw new DomainError(
          'ILLEGAL_TRANSITION',
          {
            vi: 'Không có phiếu xin lỗi và hẹn lại ngày trả kết quả (mẫu 04) đang chờ duyệt.',
            en: 'There is no apology letter (form 04) awaiting approval.',
          },
          [],
          {
            status: current.status,
            allowed: allowedActions(current.status, 'officer').filter((a) => a !== 'approve_apology'),
          },
        );
      }
      const reason = action.reason ?? current.apology.reason;
      if (!reason) throw apologyReasonMissing();
      const newDueAt = laterThanAppointment(
        new Date(action.newDueAt ?? current.apology.proposedDueAt),
        current,
        now,
        'newDueAt',
      );
      state.extendedDueAt = toVietnamIso(newDueAt);
      state.apology = {
        ...current.apology,
        state: 'approved',
        reason,
        missedDueAt: statutoryDueAt(current),
        approvedAt: at,
        approvedBy: actor.id,
        newDueAt: state.extendedDueAt,
      };
      note = `Mẫu 04: hẹn lại ${state.extendedDueAt}`;
      break;
    }
    case 'request_payment':
      state.outcome = { amountVnd: action.amountVnd };
      if (current.pausesForPayment === true) state.clock = pausedClock(current, now, calendar);
      break;
    case 'complete': {
      state.settledAt = at;
      state.result = {
        documentKey: action.resultDocumentKey,
        completedBy: actor.id,
        // More than one supplement request counts as late (Decision 766, indicator 2.1).
        timeliness:
          current.supplementRequests > 1
            ? 'late'
            : classifyTimeliness(now, new Date(statutoryDueAt(current))),
        processingWorkingMinutes: processingWorkingMinutes(current, now, calendar),
      };
      note = action.note;
      break;
    }
    default:
      break;
  }
  if (current.clock && !state.clock) {
    state.pausedWorkingMinutes =
      (current.pausedWorkingMinutes ?? 0) + pausedSince(current.clock, now, calendar);
  }
  return { state, history: { status: state.status, at, by: actor.id, note } };
}

/** The clock stopped at `now`, keeping the working time that was left (none once the dossier is late). */
function pausedClock(current: LifecycleState, now: Date, calendar: WorkingCalendar) {
  const remaining = Math.max(0, workingMinutesBetween(now, new Date(statutoryDueAt(current)), calendar));
  return { pausedAt: toVietnamIso(now), remainingWorkingMinutes: remaining };
}

/**
 * An appointment moved by the working time spent waiting for the applicant: the wait does not count
 * (Decision 766 indicator 2.1), and lateness from before the pause stays.
 */
function movedBy(due: string, waitedMinutes: number, calendar: WorkingCalendar): string {
  return waitedMinutes === 0 ? due : toVietnamIso(addWorkingMinutes(new Date(due), waitedMinutes, calendar));
}

/** Working minutes a pause has lasted by `now` (none for a pause that starts later). */
export const pausedSince = (clock: { pausedAt: string }, now: Date, calendar: WorkingCalendar) =>
  Math.max(0, workingMinutesBetween(new Date(clock.pausedAt), now, calendar));

/**
 * Working minutes from receipt to `now`, less the time the clock stood still for the applicant
 * (a pause still running ends now); undefined for a dossier that records no receipt time.
 */
export function processingWorkingMinutes(
  state: Pick<LifecycleState, 'receivedAt' | 'pausedWorkingMinutes' | 'clock'>,
  now: Date,
  calendar: WorkingCalendar,
): number | undefined {
  if (!state.receivedAt) return undefined;
  const elapsed = Math.max(0, workingMinutesBetween(new Date(state.receivedAt), now, calendar));
  const paused =
    (state.pausedWorkingMinutes ?? 0) + (state.clock ? pausedSince(state.clock, now, calendar) : 0);
  return Math.max(0, elapsed - paused);
}

/** What the audit trail records of a lifecycle change. */
export function auditFieldsOf(
  outcome: LifecycleOutcome,
  action: LifecycleActionType | 'draft_apology' | 'deadline_alert',
  actor: string,
) {
  return {
    kind: 'state_change' as const,
    action,
    actor,
    at: outcome.history.at,
    details: {
      status: outcome.state.status,
      agency: outcome.state.currentAgency.code,
      ...(outcome.state.dueAt ? { dueAt: outcome.state.dueAt } : {}),
      ...(outcome.state.extendedDueAt ? { extendedDueAt: outcome.state.extendedDueAt } : {}),
      ...(outcome.history.note ? { note: outcome.history.note } : {}),
    },
  };
}

const apologyAlreadyApproved = (status: DossierStatus) =>
  new DomainError(
    'ILLEGAL_TRANSITION',
    {
      vi: 'Hồ sơ đã có phiếu xin lỗi và hẹn lại ngày trả kết quả được duyệt; chỉ được hẹn lại một lần.',
      en: 'The dossier already has an approved apology and new appointment; it is given only once.',
    },
    [],
    {
      status,
      allowed: allowedActions(status, 'officer').filter(
        (a) => a !== 'approve_apology' && a !== 'draft_apology',
      ),
    },
  );

export const apologyReasonMissing = () =>
  new DomainError(
    'APOLOGY_REASON_REQUIRED',
    {
      vi: 'Văn bản xin lỗi (mẫu 04) phải ghi rõ lý do quá hạn trước khi duyệt: nhập lý do (thao tác "draft_apology" hoặc trường "reason").',
      en: 'The apology letter (form 04) must state the reason for the delay before approval: give it (action "draft_apology" or field "reason").',
    },
    [
      {
        field: 'reason',
        message: { vi: 'Thiếu lý do quá hạn.', en: 'The reason for the delay is missing.' },
      },
    ],
  );

/** A new appointment: after now and after the statutory appointment it replaces for the citizen. */
function laterThanAppointment(
  instant: Date,
  current: Pick<LifecycleState, 'dueAt' | 'status'>,
  now: Date,
  field: 'newDueAt' | 'proposedDueAt',
): Date {
  if (instant.getTime() <= now.getTime()) {
    throw new DomainError(
      'VALIDATION_FAILED',
      { vi: 'Ngày hẹn mới phải sau thời điểm hiện tại.', en: 'The new appointment must be in the future.' },
      [{ field, message: { vi: 'Phải sau hiện tại.', en: 'Must be in the future.' } }],
    );
  }
  if (instant.getTime() <= new Date(statutoryDueAt(current)).getTime()) {
    throw new DomainError(
      'VALIDATION_FAILED',
      {
        vi: 'Ngày hẹn mới phải sau ngày hẹn trả kết quả theo quy định.',
        en: 'The new appointment must be after the statutory appointment.',
      },
      [
        {
          field,
          message: { vi: 'Phải sau ngày hẹn theo quy định.', en: 'Must be after the statutory appointment.' },
        },
      ],
    );
  }
  return instant;
}

/**
 * Open dossiers with a running clock and no apology yet, once their draft window has opened (see
 * `apologyDraftOpensAt`): the sweep drafts form 04 for them, so that the letter can be approved and
 * sent at least one working day before the statutory appointment.
 */
export function needsApology(state: LifecycleState, now: Date, calendar: WorkingCalendar): boolean {
  return (
    LIFECYCLE_RULES.approve_apology.from.includes(state.status) &&
    !state.clock &&
    !state.apology &&
    state.dueAt !== undefined &&
    now.getTime() >= apologyDraftOpensAt(new Date(statutoryDueAt(state)), calendar).getTime()
  );
}

/** Working days between the statutory appointment (or now, if later) and the new one a draft proposes. */
export const DEFAULT_APOLOGY_EXTENSION_WORKING_DAYS = 3;

/**
 * A draft without a reason (the sweep's, or the base of an officer's): a new appointment
 * `extensionWorkingDays` after the statutory one, or after now when that has passed.
 */
export function draftApology(
  state: LifecycleState,
  now: Date,
  calendar: WorkingCalendar,
  extensionWorkingDays = DEFAULT_APOLOGY_EXTENSION_WORKING_DAYS,
): Apology {
  const from = Math.max(now.getTime(), new Date(statutoryDueAt(state)).getTime());
  return {
    state: 'draft',
    draftedAt: toVietnamIso(now),
    missedDueAt: statutoryDueAt(state),
    proposedDueAt: toVietnamIso(addWorkingDays(new Date(from), extensionWorkingDays, calendar)),
  };
}

/** Why a dossier is brought to the leader of the unit holding it. */
export type LeaderAttention = 'late_without_apology';

/**
 * An open dossier past its statutory appointment without an approved apology: its unit did not
 * send form 04 in time, and its leader is told. A dossier waiting for the applicant is not late.
 */
export function leaderAttention(
  state: Pick<LifecycleState, 'status' | 'clock' | 'dueAt' | 'apology'>,
  now: Date,
): LeaderAttention | undefined {
  const late =
    LIFECYCLE_RULES.approve_apology.from.includes(state.status) &&
    !state.clock &&
    state.dueAt !== undefined &&
    new Date(state.dueAt).getTime() < now.getTime();
  return late && state.apology?.state !== 'approved' ? 'late_without_apology' : undefined;
}

/**
 * The appointment the citizen was last given: the apology's new one if approved, else the statutory
 * one; none before the dossier is received.
 */
export function currentAppointment(
  state: Pick<LifecycleState, 'dueAt' | 'extendedDueAt'>,
): string | undefined {
  return state.extendedDueAt ?? state.dueAt;
}

/** The statutory appointment of a dossier that must have one (it was received). */
export function statutoryDueAt(state: Pick<LifecycleState, 'dueAt' | 'status'>): string {
  if (state.dueAt === undefined) throw new Error(`A ${state.status} dossier has no appointment`);
  return state.dueAt;
}

/** Reception (Decree 61/2018 Art. 15–16): not received yet, so no receipt, appointment or clock. */
export const awaitingReception = (state: Pick<LifecycleState, 'receivedAt'>): boolean =>
  state.receivedAt === undefined;

export const AWAITING_RECEPTION = { vi: 'Chờ tiếp nhận', en: 'Awaiting reception' } as const;
