import { describe, expect, it } from 'vitest';
import { giveFeedback } from '../../../../shared/app/lookup/give-feedback.ts';
import { viewDossier } from '../../../../shared/app/lookup/view-dossier.ts';
import { withdrawDossier } from '../../../../shared/app/lookup/withdraw-dossier.ts';
import { vietnameseCivilServiceCalendar } from '../../../../shared/domain/calendar/holidays.ts';
import type { DossierStatus } from '../../../../shared/domain/lifecycle/dossier-status.ts';
import { codeOf, memoryProcesses } from '../fixtures.ts';
import { memoryGate, receivedDossier } from '../memory-ports.ts';

const now = () => new Date('2026-11-25T10:00:00+07:00');

async function citizen(secretOf: (secret: string) => string | undefined = (secret) => secret) {
  const received = await receivedDossier(undefined, { submittedOnline: true });
  const { dossiers, dossierCode } = received;
  const ports = {
    gate: memoryGate(secretOf(received.secret)),
    dossiers,
    audit: dossiers.audit,
    now,
    calendar: vietnameseCivilServiceCalendar(),
    processes: memoryProcesses(),
  };
  const setStatus = (status: DossierStatus) => {
    const record = dossiers.records.get(dossierCode);
    if (record) dossiers.records.set(dossierCode, { ...record, status });
  };
  return { ports, dossiers, dossierCode, setStatus };
}

describe('the citizen’s lookup', () => {
  it('shows the dossier to its secret and audits the view of personal data', async () => {
    const { ports, dossiers, dossierCode } = await citizen();
    const view = await viewDossier(ports, dossierCode);
    // Submitted online and not received yet: no appointment, no receipt, "Chờ tiếp nhận" instead.
    expect(view).toMatchObject({
      dossierCode,
      status: 'submitted',
      awaitingReception: true,
      dueAtWording: 'Chờ tiếp nhận / Awaiting reception',
    });
    expect(view).not.toHaveProperty('dueAt');
    expect(view).not.toHaveProperty('receipt');
    expect(view.remaining).toBeUndefined();
    expect(dossiers.chains.get(dossierCode)?.at(-1)).toMatchObject({
      kind: 'personal_data_view',
      action: 'citizen_lookup',
      actor: 'citizen',
    });
  });

  it('answers 404 to a wrong secret and audits nothing', async () => {
    const { ports, dossiers, dossierCode } = await citizen(() => 'AAAAAAAAAAAAAAAAAAAAAA');
    expect(await codeOf(viewDossier(ports, dossierCode))).toEqual(['NOT_FOUND', 404]);
    expect(dossiers.chains.get(dossierCode)).toHaveLength(1);
  });
});

describe('withdrawal', () => {
  it('withdraws a submitted dossier, audited, and answers its new status', async () => {
    const { ports, dossiers, dossierCode } = await citizen();
    expect(await withdrawDossier(ports, dossierCode, 'Nộp nhầm thủ tục')).toEqual({
      dossierCode,
      status: 'withdrawn',
      syncCode: expect.any(Number),
    });
    expect(dossiers.records.get(dossierCode)?.status).toBe('withdrawn');
    expect(dossiers.chains.get(dossierCode)?.map((entry) => entry.actor)).toEqual(['online', 'citizen']);
  });

  it('refuses a dossier that can no longer be withdrawn', async () => {
    const { ports, dossiers, dossierCode } = await citizen();
    await withdrawDossier(ports, dossierCode, undefined);
    const version = dossiers.records.get(dossierCode)?.version;
    expect(await codeOf(withdrawDossier(ports, dossierCode, undefined))).toEqual(['ILLEGAL_TRANSITION', 409]);
    expect(dossiers.records.get(dossierCode)?.version).toBe(version);
  });

  it('answers 404 without the secret', async () => {
    const { ports, dossiers, dossierCode } = await citizen(() => undefined);
    expect(await codeOf(withdrawDossier(ports, dossierCode, undefined))).toEqual(['NOT_FOUND', 404]);
    expect(dossiers.records.get(dossierCode)?.status).toBe('submitted');
  });
});

describe('feedback', () => {
  it('is taken once on a settled dossier', async () => {
    const { ports, dossiers, dossierCode, setStatus } = await citizen();
    setStatus('done');
    const feedback = await giveFeedback(ports, dossierCode, () => ({ rating: 5, comment: '  Nhanh gọn ' }));
    expect(feedback).toEqual({ rating: 5, comment: 'Nhanh gọn', at: '2026-11-25T10:00:00+07:00' });
    expect(dossiers.records.get(dossierCode)?.feedback).toEqual(feedback);
    expect(await codeOf(giveFeedback(ports, dossierCode, () => ({ rating: 1 })))).toEqual([
      'FEEDBACK_ALREADY_GIVEN',
      409,
    ]);
    expect(dossiers.records.get(dossierCode)?.feedback).toEqual(feedback);
  });

  it('is refused while the dossier is not settled', async () => {
    const { ports, dossiers, dossierCode } = await citizen();
    expect(await codeOf(giveFeedback(ports, dossierCode, () => ({ rating: 4 })))).toEqual([
      'FEEDBACK_NOT_OPEN',
      409,
    ]);
    expect(dossiers.records.get(dossierCode)?.feedback).toBeUndefined();
  });

  it('reads the request only once the secret has opened the dossier', async () => {
    const { ports, dossierCode, setStatus } = await citizen(() => undefined);
    setStatus('done');
    let read = false;
    const request = () => {
      read = true;
      return { rating: 5 };
    };
    expect(await codeOf(giveFeedback(ports, dossierCode, request))).toEqual(['NOT_FOUND', 404]);
    expect(read).toBe(false);
  });
});
