import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { completeDossierRequest, dossierRequest, postJson } from '../support/deployment.ts';

interface Submitted {
  dossierCode: string;
  lookupSecret: string;
}

/** Household business registration at the Quảng Xương district desk, used by these tests only. */
const DISTRICT_PROCEDURE = '1.001612.000.00.00.H56';
const sequenceOf = (code: string) => Number(code.split('-').pop());

describe('Idempotency-Key and daily sequences', () => {
  it('creates one dossier when the same request is sent twice with the same key', async () => {
    const key = randomUUID();
    const request = await completeDossierRequest({ procedureCode: DISTRICT_PROCEDURE });
    const first = await postJson<Submitted>('/dossiers', request, { 'Idempotency-Key': key });
    const second = await postJson<Submitted>('/dossiers', request, { 'Idempotency-Key': key });
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.body.dossierCode).toBe(first.body.dossierCode);
    expect(second.body.lookupSecret).toBe(first.body.lookupSecret);

    // The next dossier of the day takes the very next number: the retry consumed none.
    const next = await postJson<Submitted>(
      '/dossiers',
      await completeDossierRequest({ procedureCode: DISTRICT_PROCEDURE }),
      { 'Idempotency-Key': randomUUID() },
    );
    expect(next.status, JSON.stringify(next.body)).toBe(201);
    expect(sequenceOf(next.body.dossierCode)).toBe(sequenceOf(first.body.dossierCode) + 1);
  });

  it('creates one dossier when a copy sent at the same time is refused as in progress and retried at once', async () => {
    const key = randomUUID();
    const request = await completeDossierRequest({ procedureCode: DISTRICT_PROCEDURE });
    const codes = new Set<string>();
    const sendUntilAccepted = async () => {
      for (let attempt = 0; attempt < 40; attempt += 1) {
        const answer = await postJson<Submitted>('/dossiers', request, { 'Idempotency-Key': key });
        if (answer.status === 201) return codes.add(answer.body.dossierCode);
        expect(answer.status).toBe(409);
        await new Promise((done) => setTimeout(done, 25));
      }
      throw new Error('never accepted');
    };
    await Promise.all([sendUntilAccepted(), sendUntilAccepted(), sendUntilAccepted()]);
    expect([...codes]).toHaveLength(1);
  });

  it('refuses the same key with a different body', async () => {
    const key = randomUUID();
    const first = await postJson(
      '/dossiers',
      await completeDossierRequest({ procedureCode: DISTRICT_PROCEDURE }),
      {
        'Idempotency-Key': key,
      },
    );
    expect(first.status).toBe(201);
    const changed = await postJson<{ error: { code: string } }>(
      '/dossiers',
      dossierRequest({ procedureCode: DISTRICT_PROCEDURE, note: 'khác' }),
      {
        'Idempotency-Key': key,
      },
    );
    expect(changed.status).toBe(422);
    expect(changed.body.error.code).toBe('IDEMPOTENCY_KEY_REUSED');
  });

  it('hands out distinct, gap-free sequence numbers under concurrent submissions', async () => {
    const requests = await Promise.all(
      Array.from({ length: 12 }, () => completeDossierRequest({ procedureCode: DISTRICT_PROCEDURE })),
    );
    const answers = await Promise.all(requests.map((request) => postJson<Submitted>('/dossiers', request)));
    for (const answer of answers) expect(answer.status).toBe(201);
    const sequences = answers.map((answer) => sequenceOf(answer.body.dossierCode)).sort((a, b) => a - b);
    expect(new Set(sequences).size).toBe(12);
    const first = sequences[0] ?? 0;
    expect(sequences).toEqual(Array.from({ length: 12 }, (_, i) => first + i));
  });
});
