import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { weekendsOnlyCalendar } from '../../../shared/domain/calendar/calendar.ts';
import { DomainError } from '../../../shared/domain/common/errors.ts';
import { DOSSIER_STATUS_NAMES, DOSSIER_STATUSES } from '../../../shared/domain/lifecycle/dossier-status.ts';
import {
  type Actor,
  applyAction,
  type LifecycleAction,
  type LifecycleState,
} from '../../../shared/domain/lifecycle/lifecycle.ts';
import { applySupplement, supplementSupplied } from '../../../shared/domain/lifecycle/supplement.ts';
import { renderCitizenMail } from '../../../shared/domain/mail/citizen-mail.ts';
import { statusOf } from '../../../shared/http/errors.ts';
import { storedDossier } from '../app/dossier-fixture.ts';

const vn = (local: string) => new Date(`${local}+07:00`);
const commune = { code: '000.17.22.H56', name: 'UBND xã Quảng Bình', tier: 'commune' as const };
const officer: Actor = { id: 'officer-1', kind: 'officer' };
const calendar = weekendsOnlyCalendar;
const inProgress: LifecycleState = {
  status: 'in_progress',
  currentAgency: commune,
  dueAt: '2026-11-27T10:00:00+07:00',
  supplementRequests: 0,
  controlSlip: [],
};
const askFor: LifecycleAction = {
  type: 'request_supplement',
  reason: 'Thiếu tờ khai',
  documents: ['Tờ khai (bản chính)'],
};
const files = [{ fileName: 'to-khai.pdf' }];

/** A dossier waiting for documents asked for on Tuesday 24/11 at 10:00, its clock paused then. */
const waiting = applyAction(inProgress, askFor, officer, vn('2026-11-24T10:00:00'), calendar).state;

/** The documents supplied on Wednesday 25/11 at 09:00, then received by the officer at `receivedAt`. */
const receivedSupplement = (receivedAt: string) =>
  applyAction(
    applySupplement(waiting, { files }, vn('2026-11-25T09:00:00')).state,
    { type: 'receive_supplement' },
    officer,
    vn(receivedAt),
    calendar,
  );

describe('a request for supplementary documents', () => {
  it('records what was asked for, not yet supplied', () => {
    expect(waiting.supplement).toEqual({
      requestedAt: '2026-11-24T10:00:00+07:00',
      reason: 'Thiếu tờ khai',
      documents: ['Tờ khai (bản chính)'],
    });
    expect(supplementSupplied(waiting)).toBe(false);
  });

  it('starts a new round without the mark of the one answered before', () => {
    const resumed = receivedSupplement('2026-11-25T10:00:00');
    const again = applyAction(
      resumed.state,
      { type: 'request_supplement', reason: 'Thiếu ảnh', documents: ['Tờ khai (bản chính)'] },
      officer,
      vn('2026-11-26T10:00:00'),
      calendar,
    );
    expect(again.state.supplement).toEqual({
      requestedAt: '2026-11-26T10:00:00+07:00',
      reason: 'Thiếu ảnh',
      documents: ['Tờ khai (bản chính)'],
    });
  });
});

describe('the citizen supplying documents', () => {
  it('leaves a dossier whose clock is paused waiting, marked supplied, with the clock untouched', () => {
    const { state, history } = applySupplement(
      waiting,
      { files, note: 'Bản scan' },
      vn('2026-11-25T09:00:00'),
    );
    expect(state.status).toBe('supplement_requested');
    expect(state.clock).toEqual(waiting.clock);
    expect(state.dueAt).toBe(waiting.dueAt);
    expect(state.supplement?.suppliedAt).toBe('2026-11-25T09:00:00+07:00');
    expect(supplementSupplied(state)).toBe(true);
    expect(history).toEqual({
      status: 'supplement_requested',
      at: '2026-11-25T09:00:00+07:00',
      by: 'citizen',
      note: 'Công dân đã bổ sung: to-khai.pdf — Bản scan',
    });
  });

  it('then resumes the clock only when the officer receives the supplement', () => {
    const resumed = receivedSupplement('2026-11-26T08:00:00');
    expect(resumed.state.status).toBe('in_progress');
    expect(resumed.state.clock).toBeUndefined();
    expect(supplementSupplied(resumed.state)).toBe(false);
  });

  it('returns a dossier asked at reception, before its clock started, to the desk as new', () => {
    const atReception: LifecycleState = { ...waiting, clock: undefined };
    const { state, history } = applySupplement(atReception, { files }, vn('2026-11-25T09:00:00'));
    expect(state.status).toBe('submitted');
    expect(state.clock).toBeUndefined();
    expect(supplementSupplied(state)).toBe(true);
    expect(history.status).toBe('submitted');
  });

  it('goes back to the desk exactly when the clock had not started, whatever else the dossier holds', () => {
    fc.assert(
      fc.property(
        fc.option(
          fc.record({
            pausedAt: fc.constant('2026-11-24T10:00:00+07:00'),
            remainingWorkingMinutes: fc.nat(5000),
          }),
          {
            nil: undefined,
          },
        ),
        fc.array(fc.string({ minLength: 1, maxLength: 40 }), { minLength: 1, maxLength: 20 }),
        (clock, names) => {
          const outcome = applySupplement(
            { ...waiting, clock },
            { files: names.map((fileName) => ({ fileName })) },
            vn('2026-11-25T09:00:00'),
          );
          expect(outcome.state.status).toBe(clock ? 'supplement_requested' : 'submitted');
          expect(outcome.state.clock).toEqual(clock);
          expect(outcome.history.note?.length).toBeLessThanOrEqual(500);
        },
      ),
    );
  });

  it('is refused (409) in every other status, naming the status in each language', () => {
    for (const status of DOSSIER_STATUS_NAMES.filter((name) => name !== 'supplement_requested')) {
      try {
        applySupplement({ ...inProgress, status }, { files }, vn('2026-11-25T09:00:00'));
        expect.unreachable(`${status} took a supplement`);
      } catch (error) {
        expect(error).toBeInstanceOf(DomainError);
        const refusal = error as DomainError;
        expect([refusal.code, statusOf(refusal)]).toEqual(['ILLEGAL_TRANSITION', 409]);
        expect(refusal.bilingual.vi).toContain(`"${DOSSIER_STATUSES[status].vi}"`);
        expect(refusal.bilingual.vi).not.toContain(status);
        expect(refusal.bilingual.en).toContain(`"${DOSSIER_STATUSES[status].en}"`);
      }
    }
  });
});

describe('the acknowledgement mail', () => {
  const at = '2026-11-25T09:00:00+07:00';
  const supplied = (status: 'supplement_requested' | 'submitted') =>
    storedDossier({
      status,
      supplement: {
        requestedAt: '2026-11-24T10:00:00+07:00',
        reason: 'Thiếu tờ khai',
        documents: [],
        suppliedAt: at,
      },
      attachments: [
        { key: 'dossiers/x/attachments/a.pdf', fileName: 'don.pdf', contentType: 'application/pdf' },
        {
          key: 'dossiers/x/attachments/b.pdf',
          fileName: 'to-khai.pdf',
          contentType: 'application/pdf',
          suppliedAt: at,
        },
      ],
    });

  it('says the supplement was received and lists the files supplied, Vietnamese first', () => {
    const mail = renderCitizenMail(
      'supplement_received',
      supplied('supplement_requested'),
      'https://x.gov.vn/verify',
    );
    expect(mail?.subject).toBe(
      'Đã nhận hồ sơ bổ sung 000.17.22.H56-261124-0001 / Supplementary documents received',
    );
    expect(mail?.text).toContain('đã nhận hồ sơ bổ sung của Ông/Bà');
    expect(mail?.text).toContain('Giấy tờ đã bổ sung: to-khai.pdf\n');
    expect(mail?.text).toContain('Thời hạn giải quyết tiếp tục được tính');
    expect(mail?.text.indexOf('---')).toBeGreaterThan(mail?.text.indexOf('Kính gửi') ?? Infinity);
  });

  it('tells a citizen whose dossier went back to the desk that it will be checked again', () => {
    const mail = renderCitizenMail('supplement_received', supplied('submitted'), 'https://x.gov.vn/verify');
    expect(mail?.text).toContain('chuyển lại bộ phận một cửa để kiểm tra');
    expect(mail?.text).toContain('will check the dossier again');
  });
});
