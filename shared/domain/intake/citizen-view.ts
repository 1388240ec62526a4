import type { WorkingCalendar } from '../calendar/calendar.ts';
import { toVietnameseWording } from '../calendar/time.ts';
import type { DossierRecord } from '../lifecycle/dossier.ts';
import type { DossierView } from '../lifecycle/dossier-schema.ts';
import { DOSSIER_STATUSES } from '../lifecycle/dossier-status.ts';
import { AWAITING_RECEPTION, awaitingReception, currentAppointment } from '../lifecycle/lifecycle.ts';
import { queueEntry } from '../officers/officer-view.ts';
import { citizenProgress } from '../process/engine.ts';
import type { ProcessDefinition } from '../process/process-definition.ts';
import { feedbackOpen } from './feedback.ts';

const ROUTING_STEPS = {
  routed: { vi: 'Đã chuyển đến cơ quan giải quyết', en: 'Sent to the handling agency' },
  acknowledged: { vi: 'Cơ quan giải quyết đã nhận hồ sơ', en: 'Received by the handling agency' },
};

function labelOf(step: DossierView['history'][number]['status']) {
  const { vi, en } =
    step === 'routed' || step === 'acknowledged' ? ROUTING_STEPS[step] : DOSSIER_STATUSES[step];
  return { vi, en };
}

/**
 * What the citizen sees with the lookup secret: the same personal data as the signed receipt and
 * no more (no applicant details beyond it, no attachments, no officers' notes on the apology).
 */
export function citizenDossierView(
  dossier: DossierRecord,
  now: Date,
  calendar: WorkingCalendar,
  /** The process version the dossier is pinned to, for its steps' plain-words labels. */
  definition?: ProcessDefinition,
): DossierView {
  // A draft is the unit's working paper until a leader approves it; the citizen sees the letter.
  const apology = dossier.apology?.state === 'approved' ? dossier.apology : undefined;
  const { supplement } = dossier;
  const appointment = currentAppointment(dossier);
  return {
    dossierCode: dossier.dossierCode,
    status: dossier.status,
    statusLabel: labelOf(dossier.status),
    syncCode: DOSSIER_STATUSES[dossier.status].syncCode,
    procedure: dossier.procedure,
    agency: dossier.agency,
    currentAgency: dossier.currentAgency,
    channel: dossier.channel,
    ...(dossier.submittedAt ? { submittedAt: dossier.submittedAt } : {}),
    ...(dossier.receivedAt ? { receivedAt: dossier.receivedAt } : {}),
    ...(appointment ? { dueAt: appointment } : {}),
    dueAtWording: appointment
      ? toVietnameseWording(new Date(appointment))
      : `${AWAITING_RECEPTION.vi} / ${AWAITING_RECEPTION.en}`,
    awaitingReception: awaitingReception(dossier),
    remaining: queueEntry(dossier, now, calendar).remaining,
    history: dossier.history.map((entry) => ({ ...entry, label: labelOf(entry.status) })),
    ...(dossier.receipt ? { receipt: dossier.receipt } : {}),
    apology: apology && {
      state: apology.state,
      missedDueAt: apology.missedDueAt,
      ...(apology.newDueAt ? { newDueAt: apology.newDueAt } : {}),
    },
    supplement: supplement && {
      requestedAt: supplement.requestedAt,
      reason: supplement.reason,
      documents: supplement.documents,
      ...(supplement.suppliedAt ? { suppliedAt: supplement.suppliedAt } : {}),
    },
    feedback: dossier.feedback,
    feedbackOpen: feedbackOpen(dossier),
    ...(dossier.process ? { progress: citizenProgress(dossier.process, definition) } : {}),
  };
}
