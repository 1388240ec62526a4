import { beforeAll, describe, expect, it } from 'vitest';
import type { DossierRecord } from '../../shared/domain/lifecycle/dossier.ts';
import {
  api,
  completeDossierRequest,
  dossierRequest,
  postJson,
  readDossier,
  recordedMail,
  waitFor,
} from '../support/deployment.ts';
import { receiveDossier, signInOfficer, wholeQueue } from '../support/officers.ts';

const COMMUNE = '000.17.22.H56';
const OTHER_UNIT = '000.00.22.H56';

interface Answer {
  dossierCode: string;
  status: string;
  syncCode: number;
  submittedAt: string;
  lookupSecret: string;
  receivedAt?: string;
  dueAt?: string;
  receipt?: { canonical: string; document: Record<string, unknown>; signature: Record<string, unknown> };
}

const mailAbout = (code: string, subject: string) =>
  waitFor(
    async () => (await recordedMail()).find((m) => m.Subject.includes(code) && m.Subject.includes(subject)),
    `the "${subject}" mail of ${code}`,
  );

describe('reception before receipt', () => {
  let desk: string;
  let submitted: Answer;

  beforeAll(async () => {
    desk = await signInOfficer(COMMUNE, ['tiep_nhan']);
    const answer = await postJson<Answer>('/dossiers', await completeDossierRequest());
    expect(answer.status, JSON.stringify(answer.body)).toBe(201);
    submitted = answer.body;
  });

  it('an online submission is "Mới đăng ký" (1): no receipt, no appointment, mail says "đã nộp"', async () => {
    expect(submitted).toMatchObject({ status: 'submitted', syncCode: 1 });
    expect(submitted).not.toHaveProperty('receipt');
    expect(submitted).not.toHaveProperty('dueAt');
    expect(submitted).not.toHaveProperty('receivedAt');
    const stored = (await readDossier(submitted.dossierCode)) as DossierRecord;
    expect(stored).toMatchObject({ status: 'submitted', submittedAt: submitted.submittedAt });
    expect(stored.receipt).toBeUndefined();
    expect(stored.dueAt).toBeUndefined();
    const view = await api<Record<string, unknown>>(
      `/dossiers/${encodeURIComponent(submitted.dossierCode)}`,
      {
        headers: { 'x-lookup-secret': submitted.lookupSecret },
      },
    );
    expect(view.body).toMatchObject({
      awaitingReception: true,
      dueAtWording: 'Chờ tiếp nhận / Awaiting reception',
    });
    const form = await api<{ error: { code: string } }>(
      `/dossiers/${encodeURIComponent(submitted.dossierCode)}/forms/01`,
      { headers: { 'x-lookup-secret': submitted.lookupSecret } },
    );
    expect(form.status).toBe(409);
    expect(form.body.error.code).toBe('NOT_RECEIVED');
    const mail = await mailAbout(submitted.dossierCode, 'Đã nộp');
    expect(mail.BodyText).toContain('đã nộp hồ sơ');
    expect(mail.BodyText).toContain('mã tra cứu');
    expect(mail.BodyText).not.toContain('đã tiếp nhận');
  });

  it('the desk’s queue lists it, awaiting reception', async () => {
    const queue = await wholeQueue<{ dossierCode: string; awaiting?: unknown }>(desk, 'tab=reception');
    expect(queue.dossiers.find((entry) => entry.dossierCode === submitted.dossierCode)).toMatchObject({
      awaiting: { vi: 'Chờ tiếp nhận', en: 'Awaiting reception' },
    });
  });

  it('an officer without the desk role, or of another unit, cannot receive it', async () => {
    const specialist = await signInOfficer(COMMUNE, ['chuyen_vien']);
    const refused = await postJson<{ error: { code: string } }>(
      `/officer/dossiers/${encodeURIComponent(submitted.dossierCode)}/actions`,
      { type: 'accept' },
      { authorization: `Bearer ${specialist}` },
    );
    expect(refused.status).toBe(403);
    const elsewhere = await postJson(
      `/officer/dossiers/${encodeURIComponent(submitted.dossierCode)}/actions`,
      { type: 'accept' },
      { authorization: `Bearer ${await signInOfficer(OTHER_UNIT, ['tiep_nhan'])}` },
    );
    expect(elsewhere.status).toBe(404);
  });

  it('accepting it signs form 01 that verifies, starts the clock and mails "đã tiếp nhận"', async () => {
    const view = await receiveDossier<{ status: string; receivedAt: string; dueAt: string }>(
      desk,
      submitted.dossierCode,
    );
    expect(view.status).toBe('accepted');
    expect(new Date(view.dueAt).getTime()).toBeGreaterThan(new Date(view.receivedAt).getTime());
    const stored = (await readDossier(submitted.dossierCode)) as DossierRecord;
    const receipt = stored.receipt;
    if (!receipt) throw new Error('a received dossier has its receipt');
    expect(receipt.document).toMatchObject({
      form: '01',
      dossierCode: submitted.dossierCode,
      receivedAt: view.receivedAt,
      appointmentAt: view.dueAt,
    });
    const verified = await postJson('/verify', { document: receipt.canonical, signature: receipt.signature });
    expect(verified.body).toMatchObject({ valid: true });
    const tampered = await postJson('/verify', {
      document: receipt.canonical.replace('Hoa', 'Hoà'),
      signature: receipt.signature,
    });
    expect(tampered.body).toMatchObject({ valid: false });
    const mail = await mailAbout(submitted.dossierCode, 'Tiếp nhận');
    expect(mail.BodyText).toContain('đã tiếp nhận hồ sơ');
    expect(mail.BodyText).toContain('Hẹn trả kết quả');
    expect(mail.BodyText).toContain(receipt.signature.value as string);
    const form = await api(`/dossiers/${encodeURIComponent(submitted.dossierCode)}/forms/01`, {
      headers: { 'x-lookup-secret': submitted.lookupSecret },
    });
    expect(form.status).toBe(200);
    // Accepting twice is refused: the dossier is received once.
    const again = await postJson(
      `/officer/dossiers/${encodeURIComponent(submitted.dossierCode)}/actions`,
      { type: 'accept' },
      { authorization: `Bearer ${desk}` },
    );
    expect(again.status).toBe(409);
  });

  it('refuses a public submission claiming the counter or postal channel with 422 naming the field', async () => {
    for (const channel of ['counter', 'postal']) {
      const refused = await postJson<{ error: { code: string; fields: { field: string }[] } }>(
        '/dossiers',
        dossierRequest({ channel }),
      );
      expect(refused.status).toBe(422);
      expect(refused.body.error.code).toBe('CHANNEL_NOT_ALLOWED');
      expect(refused.body.error.fields.map((f) => f.field)).toEqual(['channel']);
    }
  });

  it('records a counter dossier received at once by the officer, and refuses another unit’s procedure', async () => {
    const counter = await postJson<Answer>(
      '/officer/dossiers',
      await completeDossierRequest({ channel: 'counter' }),
      { authorization: `Bearer ${desk}` },
    );
    expect(counter.status, JSON.stringify(counter.body)).toBe(201);
    expect(counter.body).toMatchObject({ status: 'accepted', syncCode: 2 });
    expect(counter.body.receipt?.document).toMatchObject({ channel: 'counter' });
    const stored = (await readDossier(counter.body.dossierCode)) as DossierRecord;
    expect(stored.history.find((entry) => entry.status === 'accepted')?.by).toMatch(/\S/);
    expect(stored.channel).toBe('counter');

    const online = await postJson<{ error: { code: string } }>('/officer/dossiers', dossierRequest(), {
      authorization: `Bearer ${desk}`,
    });
    expect(online.status).toBe(422);
    const otherUnit = await postJson('/officer/dossiers', dossierRequest({ channel: 'counter' }), {
      authorization: `Bearer ${await signInOfficer(OTHER_UNIT, ['tiep_nhan'])}`,
    });
    expect(otherUnit.status).toBe(403);
  });
});
