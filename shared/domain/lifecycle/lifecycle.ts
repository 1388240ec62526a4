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
import type { Signature, SignedDocument } from '../signing/signed-document.ts';
import type { DossierStatus } from './dossier-status.ts';

/**
 * The one-stop lifecycle: which action may follow which status, and what each action changes.
 * Pure: the caller loads the dossier, applies the outcome with a conditional write, and records it.
 */
export type LifecycleAction =
  | { type: 'accept' }
  | { type: 'refuse'; reason: string }
  | { type: 'start_processing' }
  | { type: 'request_supplement'; reason: string; documents: string[] }
  | { type: 'receive_supplement' }
  | { type: 'transfer'; toAgencyCode: string; note?: string | undefined }
  | { type: 'request_payment'; amountVnd: number }
  | { type: 'confirm_payment' }
  | { type: 'stop'; reason: string }
  | { type: 'complete'; resultDocumentKey?: string | undefined; note?: string | undefined }
  | { type: 'return_result' }
  | { type: 'withdraw'; reason?: string | undefined }
  | { type: 'approve_apology'; newDueAt?: string | undefined };

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

export const LIFECYCLE_RULES: Record<LifecycleActionType, Rule> = {
  accept: { from: ['submitted'], to: 'accepted', by: 'officer' },
  refuse: { from: ['submitted'], to: 'not_accepted', form: '03', by: 'officer' },
  start_processing: { from: ['accepted'], to: 'in_progress', by: 'officer' },
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
  approve_apology: {
    from: ['accepted', 'in_progress', 'supplement_requested', 'payment_requested'],
    form: '04',
    by: 'officer',
  },
  withdraw: {
    from: ['submitted', 'accepted', 'in_progress', 'supplement_requested', 'payment_requested'],
    to: 'withdrawn',
    by: 'citizen',
  },
};

export function allowedActions(status: DossierStatus, by: Rule['by']): LifecycleActionType[] {
  return keysOf(LIFECYCLE_RULES).filter((type) => {
    const rule = LIFECYCLE_RULES[type];
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

/** The part of a dossier the lifecycle reads and changes. */
/** Form 04: the apology and new appointment drafted when a dossier becomes late. */
export interface Apology {
  state: 'draft' | 'approved';
  draftedAt: string;
  missedDueAt: string;
  proposedDueAt: string;
  approvedAt?: string | undefined;
  approvedBy?: string | undefined;
  newDueAt?: string | undefined;
  /** The approved letter as signed: canonical text and KMS signature. */
  letter?: { document: Record<string, unknown>; canonical: string; signature: Signature } | undefined;
}

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
  clock?: { pausedAt: string; remainingWorkingMinutes: number } | undefined;
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
        /** KMS signature over the SHA-256 of the result file, for procedures whose result must be signed. */
        documentSignature?: { keyId: string; algorithm: string; value: string; sha256: string } | undefined;
        completedBy: string;
        timeliness: Timeliness;
      }
    | undefined;
  outcome?:
    | { form?: string | undefined; reason?: string | undefined; amountVnd?: number | undefined }
    | undefined;
  apology?: Apology | undefined;
}

export interface Actor {
  id: string;
  kind: Rule['by'];
}

export interface LifecycleOutcome {
  state: LifecycleState;
  history: { status: DossierStatus; at: string; by: string; note?: string | undefined };
}

export function illegalTransition(
  action: LifecycleActionType,
  status: DossierStatus,
  by: Rule['by'],
): DomainError {
  const allowed = allowedActions(status, by);
  return new DomainError(
    'ILLEGAL_TRANSITION',
    {
      vi: `Không thể "${action}" khi hồ sơ đang ở trạng thái "${status}". Được phép: ${allowed.join(', ') || 'không có'}.`,
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
        const remaining = Math.max(0, workingMinutesBetween(now, new Date(current.dueAt), calendar));
        state.clock = { pausedAt: at, remainingWorkingMinutes: remaining };
        state.supplementRequests = current.supplementRequests + 1;
      }
      state.outcome = { form: rule.form, reason: action.reason };
      note = `${action.reason} — ${action.documents.join('; ')}`;
      break;
    }
    case 'receive_supplement': {
      if (!current.clock) {
        // Completed at reception: the desk checks the dossier again before the clock starts.
        state.status = 'submitted';
        break;
      }
      const remaining = current.clock?.remainingWorkingMinutes ?? 0;
      state.dueAt = toVietnamIso(addWorkingMinutes(now, remaining, calendar));
      if (current.extendedDueAt && current.clock) {
        // The wait for the applicant does not count against the new appointment either.
        const paused = workingMinutesBetween(new Date(current.clock.pausedAt), now, calendar);
        state.extendedDueAt = toVietnamIso(
          addWorkingMinutes(new Date(current.extendedDueAt), Math.max(0, paused), calendar),
        );
      }
      state.clock = undefined;
      break;
    }
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
    case 'approve_apology': {
      if (current.apology?.state !== 'draft') {
        throw new DomainError(
          'ILLEGAL_TRANSITION',
          {
            vi: 'Không có văn bản xin lỗi (mẫu 04) đang chờ duyệt.',
            en: 'There is no apology letter (form 04) awaiting approval.',
          },
          [],
          {
            status: current.status,
            allowed: allowedActions(current.status, 'officer').filter((a) => a !== 'approve_apology'),
          },
        );
      }
      const newDueAt = new Date(action.newDueAt ?? current.apology.proposedDueAt);
      if (newDueAt.getTime() <= now.getTime()) {
        throw new DomainError(
          'VALIDATION_FAILED',
          {
            vi: 'Ngày hẹn mới phải sau thời điểm hiện tại.',
            en: 'The new appointment must be in the future.',
          },
          [{ field: 'newDueAt', message: { vi: 'Phải sau hiện tại.', en: 'Must be in the future.' } }],
        );
      }
      state.extendedDueAt = toVietnamIso(newDueAt);
      state.apology = {
        ...current.apology,
        state: 'approved',
        approvedAt: at,
        approvedBy: actor.id,
        newDueAt: state.extendedDueAt,
      };
      note = `Mẫu 04: hẹn lại ${state.extendedDueAt}`;
      break;
    }
    case 'request_payment':
      state.outcome = { amountVnd: action.amountVnd };
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
      };
      note = action.note;
      break;
    }
    default:
      break;
  }
  return { state, history: { status: state.status, at, by: actor.id, note } };
}

/** What the audit trail records of a lifecycle change. */
export function auditFieldsOf(
  outcome: LifecycleOutcome,
  action: LifecycleActionType | 'draft_apology',
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

/** Open dossiers past their appointment that have no apology yet: the sweep drafts form 04 for them. */
export function needsApology(state: LifecycleState, now: Date): boolean {
  return (
    LIFECYCLE_RULES.approve_apology.from.includes(state.status) &&
    !state.clock &&
    !state.apology &&
    state.dueAt !== undefined &&
    new Date(state.dueAt).getTime() < now.getTime()
  );
}

/** The draft: a new appointment `extensionWorkingDays` after now, for an officer to approve or change. */
export function draftApology(
  state: LifecycleState,
  now: Date,
  calendar: WorkingCalendar,
  extensionWorkingDays: number,
): Apology {
  return {
    state: 'draft',
    draftedAt: toVietnamIso(now),
    missedDueAt: statutoryDueAt(state),
    proposedDueAt: toVietnamIso(addWorkingDays(now, extensionWorkingDays, calendar)),
  };
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
