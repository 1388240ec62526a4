import { beforeAll, describe, expect, it } from 'vitest';
import { api, postJson, readDossier, submittedDossier } from '../support/deployment.ts';
import { settleDossier, signInOfficer } from '../support/officers.ts';

const COMMUNE = '000.17.22.H56';

interface ErrorBody {
  error: {
    code: string;
    message: { vi: string; en: string };
    fields: { field: string; message: { vi: string; en: string } }[];
  };
}
interface Feedback {
  rating: number;
  comment?: string;
  at: string;
}

const feedback = (code: string, secret: string, body: unknown) =>
  postJson<Feedback & ErrorBody>(`/dossiers/${encodeURIComponent(code)}/feedback`, body, {
    'x-lookup-secret': secret,
  });

describe('citizen feedback on a settled dossier', () => {
  let officer: string;
  let code: string;
  let secret: string;

  beforeAll(async () => {
    officer = await signInOfficer(COMMUNE);
    ({ dossierCode: code, lookupSecret: secret } = await submittedDossier({}, { routed: true }));
  });

  it('answers a wrong secret and an unknown code with the same 404', async () => {
    const wrong = await feedback(code, 'A'.repeat(22), { rating: 5 });
    const unknown = await feedback(`${COMMUNE}-991231-9999`, secret, { rating: 5 });
    expect(wrong.status).toBe(404);
    expect(unknown.status).toBe(404);
    const { code: wrongCode, message: wrongMessage } = wrong.body.error;
    expect({ code: wrongCode, message: wrongMessage }).toEqual({
      code: unknown.body.error.code,
      message: unknown.body.error.message,
    });
    expect(wrong.body.error.message.en).toBe('No dossier matches this code and lookup secret.');
  });

  it('refuses feedback before the dossier is settled, in both languages', async () => {
    const early = await feedback(code, secret, { rating: 4 });
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe('FEEDBACK_NOT_OPEN');
    expect(early.body.error.message.vi).toContain('đã giải quyết xong');
    expect(early.body.error.message.en).toContain('settled');
    expect((await readDossier(code))?.feedback).toBeUndefined();
  });

  it('names a bad rating in both languages', async () => {
    await settleDossier(officer, code);
    for (const rating of [0, 6, 3.5, 'năm']) {
      const bad = await feedback(code, secret, { rating });
      expect(bad.status).toBe(400);
      expect(bad.body.error.fields).toEqual([
        {
          field: 'rating',
          message: {
            vi: 'Mức đánh giá là số nguyên từ 1 đến 5.',
            en: 'The rating is a whole number from 1 to 5.',
          },
        },
      ]);
    }
    const long = await feedback(code, secret, { rating: 4, comment: 'x'.repeat(1001) });
    expect(long.status).toBe(400);
    expect(long.body.error.fields[0]?.field).toBe('comment');
  });

  it('stores one feedback on the dossier, answers 201, and refuses a second with 409', async () => {
    const comment = 'Cán bộ xã hướng dẫn rất tận tình.\n<script>alert(1)</script>';
    const given = await feedback(code, secret, { rating: 5, comment });
    expect(given.status).toBe(201);
    expect(given.body).toEqual({ rating: 5, comment, at: expect.stringMatching(/\+07:00$/) });

    const stored = await readDossier(code);
    expect(stored?.feedback).toEqual(given.body);
    expect(stored?.status).toBe('done');

    const again = await feedback(code, secret, { rating: 1, comment: 'đổi ý' });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('FEEDBACK_ALREADY_GIVEN');
    expect(again.body.error.message.en).toContain('already');
    expect((await readDossier(code))?.feedback).toEqual(given.body);

    const view = await api<{ feedback: Feedback; feedbackOpen: boolean; statusLabel: { vi: string } }>(
      `/dossiers/${encodeURIComponent(code)}`,
      { headers: { 'x-lookup-secret': secret } },
    );
    expect(view.body).toMatchObject({
      feedback: given.body,
      feedbackOpen: false,
      statusLabel: { vi: 'Đã xử lý xong' },
    });
  });
});
