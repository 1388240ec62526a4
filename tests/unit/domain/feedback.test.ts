import { describe, expect, it } from 'vitest';
import { DossierViewSchema } from '../../../shared/contracts/dossiers.ts';
import { FeedbackRequestSchema } from '../../../shared/contracts/feedback.ts';
import { fieldIssuesOf } from '../../../shared/contracts/messages.ts';
import { weekendsOnlyCalendar } from '../../../shared/domain/calendar/calendar.ts';
import { DomainError } from '../../../shared/domain/common/errors.ts';
import { applicantIdentity } from '../../../shared/domain/intake/applicant.ts';
import { citizenDossierView } from '../../../shared/domain/intake/citizen-view.ts';
import { feedbackOpen, newFeedback } from '../../../shared/domain/intake/feedback.ts';
import type { DossierRecord } from '../../../shared/domain/lifecycle/dossier.ts';
import { DOSSIER_STATUS_NAMES, type DossierStatus } from '../../../shared/domain/lifecycle/dossier-status.ts';
import { statusOf } from '../../../shared/http/errors.ts';
import { storedDossier } from '../app/dossier-fixture.ts';

const now = new Date('2026-11-25T03:00:00Z');
function dossier(status: DossierStatus, extra: Partial<DossierRecord> = {}): DossierRecord {
  return storedDossier({
    status,
    history: [
      { status: 'submitted', at: '2026-11-24T09:15:00+07:00', by: 'online' },
      { status: 'routed', at: '2026-11-24T09:15:01+07:00', by: 'system' },
    ],
    ...extra,
  });
}
const commune = dossier('submitted').currentAgency;

const errorCode = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    return error instanceof DomainError ? [error.code, statusOf(error)] : error;
  }
  return undefined;
};

describe('citizen feedback', () => {
  it('opens only on settled dossiers', () => {
    const open = DOSSIER_STATUS_NAMES.filter((status) => feedbackOpen(dossier(status)));
    expect(open).toEqual(['done', 'result_returned']);
  });

  it('refuses feedback before the dossier is settled with a 409', () => {
    for (const status of ['submitted', 'in_progress', 'withdrawn', 'stopped'] as const) {
      expect(errorCode(() => newFeedback(dossier(status), { rating: 4 }, now))).toEqual([
        'FEEDBACK_NOT_OPEN',
        409,
      ]);
    }
  });

  it('accepts one feedback only', () => {
    const given = dossier('done', { feedback: { rating: 2, at: '2026-11-25T10:00:00+07:00' } });
    expect(feedbackOpen(given)).toBe(false);
    expect(errorCode(() => newFeedback(given, { rating: 5 }, now))).toEqual(['FEEDBACK_ALREADY_GIVEN', 409]);
  });

  it('stores the rating, the comment as written and the time in Vietnam', () => {
    const comment = 'Cán bộ hướng dẫn tận tình.\n<b>Cảm ơn</b>';
    expect(newFeedback(dossier('result_returned'), { rating: 5, comment }, now)).toEqual({
      rating: 5,
      comment,
      at: '2026-11-25T10:00:00+07:00',
    });
  });

  it('leaves an empty comment out', () => {
    expect(newFeedback(dossier('done'), { rating: 3, comment: '  ' }, now)).toEqual({
      rating: 3,
      at: '2026-11-25T10:00:00+07:00',
    });
  });

  it('validates the rating as a whole number from 1 to 5, naming the field in both languages', () => {
    for (const rating of [0, 6, 2.5, '5', undefined]) {
      const result = FeedbackRequestSchema.safeParse({ rating });
      expect(result.success).toBe(false);
      if (result.success) continue;
      expect(fieldIssuesOf(result.error)[0]).toEqual({
        field: 'rating',
        message: {
          vi: 'Mức đánh giá là số nguyên từ 1 đến 5.',
          en: 'The rating is a whole number from 1 to 5.',
        },
      });
    }
    expect(FeedbackRequestSchema.safeParse({ rating: 1 }).success).toBe(true);
  });

  it('keeps line breaks in the comment and limits it to 1000 characters', () => {
    expect(FeedbackRequestSchema.parse({ rating: 4, comment: 'Dòng 1\r\nDòng 2' }).comment).toBe(
      'Dòng 1\nDòng 2',
    );
    expect(FeedbackRequestSchema.safeParse({ rating: 4, comment: 'a'.repeat(1001) }).success).toBe(false);
    expect(FeedbackRequestSchema.safeParse({ rating: 4, comment: 'a'.repeat(1000) }).success).toBe(true);
  });
});

describe('the citizen view of a dossier', () => {
  it('labels the status and every step in both languages, and says how long is left', () => {
    const view = citizenDossierView(dossier('in_progress'), now, weekendsOnlyCalendar);
    expect(view.statusLabel).toEqual({ vi: 'Đang xử lý', en: 'In progress' });
    expect(view.history.map((entry) => entry.label.en)).toEqual(['Submitted', 'Sent to the handling agency']);
    expect(view.remaining?.vi).toMatch(/^còn \d+ ngày \d+ giờ$/);
    expect(view.currentAgency).toEqual(commune);
    expect(view.feedbackOpen).toBe(false);
    expect(DossierViewSchema.safeParse(view).success).toBe(true);
  });

  it('shows the apology state and the feedback, without the applicant or the letter', () => {
    const view = citizenDossierView(
      dossier('done', {
        feedback: { rating: 4, at: '2026-11-25T10:00:00+07:00' },
        apology: {
          state: 'approved',
          draftedAt: '2026-11-27T17:05:00+07:00',
          missedDueAt: '2026-11-27T09:15:00+07:00',
          proposedDueAt: '2026-12-02T09:15:00+07:00',
          newDueAt: '2026-12-02T09:15:00+07:00',
          approvedBy: 'can-bo-1',
        },
      }),
      now,
      weekendsOnlyCalendar,
    );
    expect(view.apology).toEqual({
      state: 'approved',
      missedDueAt: '2026-11-27T09:15:00+07:00',
      newDueAt: '2026-12-02T09:15:00+07:00',
    });
    expect(view.feedback?.rating).toBe(4);
    expect(view.remaining).toBeUndefined();
    const text = JSON.stringify(view);
    const { applicant } = dossier('submitted');
    const [idNumber, phone] = [applicantIdentity(applicant).value, applicant.phone];
    for (const hidden of [idNumber, phone, 'can-bo-1', 'lookupSecretHash'])
      expect(text).not.toContain(hidden);
    expect(DossierViewSchema.safeParse(view).success).toBe(true);
  });
});
