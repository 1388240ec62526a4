import { toVietnamIso } from '../calendar/time.ts';
import { DomainError } from '../common/errors.ts';
import type { CitizenFeedback, DossierRecord } from '../lifecycle/dossier.ts';
import { type DossierStatus, SETTLED_STATUSES } from '../lifecycle/dossier-status.ts';
import type { FeedbackRequest } from './feedback-schema.ts';

/** Feedback rates the service as delivered, so it opens only once the dossier is settled. */
export const FEEDBACK_STATUSES: readonly DossierStatus[] = [...SETTLED_STATUSES];

export function feedbackNotOpen(): DomainError {
  return new DomainError('FEEDBACK_NOT_OPEN', {
    vi: 'Chỉ có thể đánh giá khi hồ sơ đã giải quyết xong hoặc đã trả kết quả.',
    en: 'Feedback can be given only once the dossier is settled (done or result returned).',
  });
}

export function feedbackAlreadyGiven(): DomainError {
  return new DomainError('FEEDBACK_ALREADY_GIVEN', {
    vi: 'Hồ sơ này đã được đánh giá; mỗi hồ sơ chỉ được đánh giá một lần.',
    en: 'Feedback has already been given for this dossier; only one is accepted.',
  });
}

/** Whether the citizen may still rate the dossier: settled, and not rated yet. */
export function feedbackOpen(dossier: Pick<DossierRecord, 'status' | 'feedback'>): boolean {
  return FEEDBACK_STATUSES.includes(dossier.status) && !dossier.feedback;
}

const RATINGS = [1, 2, 3, 4, 5] as const;
const isRating = (value: number): value is CitizenFeedback['rating'] =>
  RATINGS.some((rating) => rating === value);

/** The feedback to store, or the 409 that explains why none can be given now. */
export function newFeedback(
  dossier: Pick<DossierRecord, 'status' | 'feedback'>,
  request: FeedbackRequest,
  now: Date,
): CitizenFeedback {
  if (dossier.feedback) throw feedbackAlreadyGiven();
  if (!FEEDBACK_STATUSES.includes(dossier.status)) throw feedbackNotOpen();
  const comment = request.comment?.trim();
  const { rating } = request;
  if (!isRating(rating)) throw new Error(`A rating of ${rating} passed FeedbackRequestSchema`);
  return {
    rating,
    ...(comment ? { comment } : {}),
    at: toVietnamIso(now),
  };
}
