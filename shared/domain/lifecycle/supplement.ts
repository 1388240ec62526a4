import { toVietnamIso } from '../calendar/time.ts';
import { DomainError } from '../common/errors.ts';
import { DOSSIER_STATUSES } from './dossier-status.ts';
import type { LifecycleOutcome, LifecycleState } from './lifecycle.ts';

/**
 * A request for supplementary documents (form 02) and the citizen's answer: what the officer asked
 * for, and when the citizen supplied it through the lookup page.
 */
export interface SupplementRound {
  requestedAt: string;
  reason: string;
  documents: string[];
  suppliedAt?: string | undefined;
}

/** 409: the dossier is not waiting for documents from the citizen. */
export function supplementNotRequested(status: LifecycleState['status']): DomainError {
  const { vi, en } = DOSSIER_STATUSES[status];
  return new DomainError(
    'ILLEGAL_TRANSITION',
    {
      vi: `Hồ sơ đang ở trạng thái "${vi}", không có yêu cầu bổ sung giấy tờ nào đang chờ.`,
      en: `The dossier is "${en}": no request for supplementary documents is waiting.`,
    },
    [],
    { status, allowed: [] },
  );
}

/**
 * The citizen supplies the documents asked for. A request made at reception, before the dossier was
 * received, has no clock running (`clock` absent): the dossier goes back to the desk as new, to be
 * checked again. A request made during processing paused the clock: the dossier stays waiting,
 * marked supplied, until the officer receives the supplement and the clock resumes.
 */
export function applySupplement(
  current: LifecycleState,
  supplied: { files: readonly { fileName: string }[]; note?: string | undefined },
  now: Date,
): LifecycleOutcome {
  if (current.status !== 'supplement_requested') throw supplementNotRequested(current.status);
  const at = toVietnamIso(now);
  const clockStarted = current.clock !== undefined;
  const state: LifecycleState = {
    ...current,
    status: clockStarted ? 'supplement_requested' : 'submitted',
    controlSlip: [...current.controlSlip],
    supplement: {
      ...(current.supplement ?? { requestedAt: at, reason: current.outcome?.reason ?? '', documents: [] }),
      suppliedAt: at,
    },
  };
  const names = supplied.files.map((file) => file.fileName).join('; ');
  const note = [`Công dân đã bổ sung: ${names}`, supplied.note].filter(Boolean).join(' — ');
  return {
    state,
    history: { status: state.status, at, by: 'citizen', note: clip(note, HISTORY_NOTE_MAX) },
  };
}

/** A history note is shown in the citizen's view, which holds each note to this length. */
const HISTORY_NOTE_MAX = 500;
const clip = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/** The citizen answered the current request and the desk has yet to act on it. */
export function supplementSupplied(state: Pick<LifecycleState, 'status' | 'supplement'>): boolean {
  return (
    (state.status === 'supplement_requested' || state.status === 'submitted') &&
    state.supplement?.suppliedAt !== undefined
  );
}
