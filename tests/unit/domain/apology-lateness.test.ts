import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { weekendsOnlyCalendar } from '../../../shared/domain/calendar/calendar.ts';
import { contributions, factsOfDossier, localDay, timelinessOf } from '../../../shared/domain/kpi/kpi.ts';
import type { DossierRecord } from '../../../shared/domain/lifecycle/dossier.ts';
import {
  type Actor,
  applyAction,
  currentAppointment,
  draftApology,
  type LifecycleState,
} from '../../../shared/domain/lifecycle/lifecycle.ts';

const vn = (local: string) => new Date(`${local}+07:00`);
const officer: Actor = { id: 'officer-1', kind: 'officer' };
const commune = { code: '000.17.22.H56', name: 'UBND xã Quảng Bình', tier: 'commune' as const };

/** A dossier due on Friday 20/11/2026 at 17:00, still being processed. */
const dueOn20th: LifecycleState = {
  status: 'in_progress',
  currentAgency: commune,
  dueAt: '2026-11-20T17:00:00+07:00',
  supplementRequests: 0,
  controlSlip: [],
};

const stored = (state: LifecycleState): Partial<DossierRecord> => ({
  ...state,
  agency: commune,
  receivedAt: '2026-11-16T09:00:00+07:00',
  channel: 'online',
  attachments: [],
});

function apologisedOn23rd(state: LifecycleState = dueOn20th) {
  const monday = vn('2026-11-23T09:00:00');
  const withDraft = { ...state, apology: draftApology(state, monday, weekendsOnlyCalendar, 3) };
  return applyAction(
    withDraft,
    { type: 'approve_apology', reason: 'Chờ kết quả xác minh của cơ quan phối hợp' },
    officer,
    monday,
    weekendsOnlyCalendar,
  ).state;
}

describe('an apology (form 04) does not erase lateness', () => {
  it('keeps the statutory appointment beside the new one the citizen is given', () => {
    const approved = apologisedOn23rd();
    expect(approved.dueAt).toBe('2026-11-20T17:00:00+07:00');
    expect(approved.extendedDueAt).toBe('2026-11-26T09:00:00+07:00');
    expect(currentAppointment(approved)).toBe('2026-11-26T09:00:00+07:00');
  });

  it('counts the dossier as open and overdue between the apology and the settlement', () => {
    const facts = factsOfDossier(stored(apologisedOn23rd()));
    const open = contributions(facts ?? expect.unreachable()).find((c) => c.kind === 'open');
    expect(open).toMatchObject({ kind: 'open', dueDay: '2026-11-20' });
    // Overdue on the 23rd: the due day is before the day the figures are taken.
    expect(open && open.kind === 'open' && open.dueDay < localDay(vn('2026-11-23T12:00:00'))).toBe(true);
  });

  it('settled on 24/11 it is late, not early, in the dossier and in indicator 2.1', () => {
    const settled = applyAction(
      apologisedOn23rd(),
      { type: 'complete', resultDocumentKey: 'dossiers/x/result/r.pdf' },
      officer,
      vn('2026-11-24T10:00:00'),
      weekendsOnlyCalendar,
    ).state;
    expect(settled.result?.timeliness).toBe('late');
    const facts = factsOfDossier(stored(settled));
    expect(timelinessOf(facts ?? expect.unreachable())).toBe('late');
    const flow = contributions(facts ?? expect.unreachable()).find(
      (c) => c.kind === 'flow' && c.counts.settled === 1,
    );
    expect(flow).toMatchObject({ day: '2026-11-24', counts: { settledLate: 1 } });
  });

  it('for any settlement after the statutory appointment, the apology never makes it early or on time', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 60 * 24 * 20 }), (minutesAfterApproval) => {
        const approvedAt = vn('2026-11-23T09:00:00').getTime();
        const settledAt = new Date(approvedAt + minutesAfterApproval * 60_000);
        const settled = applyAction(
          apologisedOn23rd(),
          { type: 'complete', resultDocumentKey: 'dossiers/x/result/r.pdf' },
          officer,
          settledAt,
          weekendsOnlyCalendar,
        ).state;
        return settled.result?.timeliness === 'late';
      }),
    );
  });

  it('moves the new appointment too when the clock was paused for the applicant', () => {
    const approved = apologisedOn23rd();
    const paused = applyAction(
      approved,
      { type: 'request_supplement', reason: 'Thiếu bản sao', documents: ['CCCD'] },
      officer,
      vn('2026-11-24T09:00:00'),
      weekendsOnlyCalendar,
    ).state;
    const resumed = applyAction(
      paused,
      { type: 'receive_supplement' },
      officer,
      vn('2026-11-25T09:00:00'),
      weekendsOnlyCalendar,
    ).state;
    expect(resumed.extendedDueAt).toBe('2026-11-27T09:00:00+07:00');
  });
});
