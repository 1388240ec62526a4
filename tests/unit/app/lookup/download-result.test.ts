import { describe, expect, it } from 'vitest';
import { downloadResult } from '../../../../shared/app/lookup/download-result.ts';
import { hashLookupSecret } from '../../../../shared/domain/intake/lookup-secret.ts';
import type { DossierRecord } from '../../../../shared/domain/lifecycle/dossier.ts';
import { codeOf } from '../fixtures.ts';
import { dossier, memoryAudit, memoryClock, memoryPresigner } from '../memory.ts';
import { memoryGate } from '../memory-ports.ts';

const code = 'H56.17.22-261201-0001';
const secret = 'q3V9kTz0bLm2Xw8RfA1c_g';
const resultKey = `dossiers/${code}/result/7d1c.pdf`;
const signature = {
  keyId: 'key-ecdsa',
  algorithm: 'ECDSA_SHA_256' as const,
  value: 'MEUCIQ',
  sha256: 'cd'.repeat(32),
};
const settled = (overrides: Partial<DossierRecord> = {}) =>
  dossier({
    status: 'result_returned',
    lookupSecretHash: hashLookupSecret(secret),
    result: {
      documentKey: resultKey,
      documentSha256: 'cd'.repeat(32),
      documentSizeBytes: 2048,
      documentSignature: signature,
      completedBy: 'chuyen-vien-1',
      timeliness: 'on_time',
    },
    ...overrides,
  });

function citizen(record: DossierRecord, presented: string | undefined) {
  const { audit, chains } = memoryAudit();
  const { files, links } = memoryPresigner();
  const ports = {
    gate: memoryGate(presented),
    dossiers: { get: async (wanted: string) => (wanted === record.dossierCode ? record : undefined) },
    files,
    audit,
    publicBaseUrl: 'https://dichvucong.test/',
    now: memoryClock().now,
  };
  return { ports, chains, links };
}

describe('the citizen’s result download', () => {
  it('links the returned result for five minutes, saved under the dossier’s code, with its signature', async () => {
    const { ports, links, chains } = citizen(settled(), secret);
    const answer = await downloadResult(ports, code);
    expect(answer).toEqual({
      url: `https://bucket.test/${resultKey}?X-Amz-Expires=300`,
      expiresAt: '2026-12-01T09:05:00+07:00',
      fileName: `${code}-ket-qua.pdf`,
      contentType: 'application/pdf',
      sha256: 'cd'.repeat(32),
      sizeBytes: 2048,
      signed: true,
      signature: { keyId: 'key-ecdsa', algorithm: 'ECDSA_SHA_256', value: 'MEUCIQ' },
      verifyUrl: `https://dichvucong.test/verify?code=${code}&key=key-ecdsa&signature=MEUCIQ`,
    });
    expect(links).toEqual([
      {
        key: resultKey,
        seconds: 300,
        contentType: 'application/pdf',
        contentDisposition: `attachment; filename="${code}-ket-qua.pdf"; filename*=UTF-8''${code}-ket-qua.pdf`,
      },
    ]);
    expect(answer.url).not.toContain(secret);
    expect(chains.get(code)).toEqual([
      expect.objectContaining({
        kind: 'download',
        action: 'result',
        actor: 'citizen',
        details: { key: resultKey, sha256: 'cd'.repeat(32) },
      }),
    ]);
  });

  it('gives a session-key signature with its statement, and puts the statement in the verification link', async () => {
    const delegation = { canonical: '{"notAfter":"2026-12-01T10:00:00.000Z"}', value: 'MEQCIA' };
    const record = settled();
    const result = record.result && { ...record.result, documentSignature: { ...signature, delegation } };
    const { ports } = citizen({ ...record, result }, secret);
    const answer = await downloadResult(ports, code);
    expect(answer.signature).toEqual({
      keyId: 'key-ecdsa',
      algorithm: 'ECDSA_SHA_256',
      value: 'MEUCIQ',
      delegation,
    });
    const query = new URL(answer.verifyUrl).searchParams;
    expect(query.get('signature')).toBe('MEUCIQ');
    expect(JSON.parse(query.get('delegation') ?? '{}')).toEqual(delegation);
  });

  it('gives the result as soon as the dossier is settled (done), before the desk records its return', async () => {
    const { ports } = citizen(settled({ status: 'done' }), secret);
    expect((await downloadResult(ports, code)).fileName).toBe(`${code}-ket-qua.pdf`);
  });

  it('says when the result is not signed', async () => {
    const unsigned = settled();
    const { documentSignature: _, ...result } = unsigned.result ?? { completedBy: '', timeliness: 'on_time' };
    const { ports } = citizen({ ...unsigned, result }, secret);
    const answer = await downloadResult(ports, code);
    expect(answer.signed).toBe(false);
    expect(answer.verifyUrl).toBe(`https://dichvucong.test/verify?code=${code}`);
    expect(answer).not.toHaveProperty('signature');
  });

  it('refuses with 409 before the dossier is settled, linking and auditing nothing', async () => {
    for (const status of ['submitted', 'in_progress', 'supplement_requested', 'not_accepted'] as const) {
      const { ports, links, chains } = citizen(settled({ status }), secret);
      expect(await codeOf(downloadResult(ports, code)), status).toEqual(['RESULT_NOT_READY', 409]);
      expect(links).toEqual([]);
      expect(chains.size).toBe(0);
    }
  });

  it('says the result is on paper when the settled dossier has no result file', async () => {
    const { ports, links } = citizen(
      settled({ result: { completedBy: 'x', timeliness: 'on_time' } }),
      secret,
    );
    expect(await codeOf(downloadResult(ports, code))).toEqual(['NO_ELECTRONIC_RESULT', 404]);
    expect(links).toEqual([]);
  });

  it('answers a wrong or missing secret as an unknown dossier, linking nothing', async () => {
    for (const wrong of ['wrongwrongwrongwrong', undefined]) {
      const { ports, links, chains } = citizen(settled(), wrong);
      expect(await codeOf(downloadResult(ports, code))).toEqual(['NOT_FOUND', 404]);
      expect(links).toEqual([]);
      expect(chains.size).toBe(0);
    }
  });
});
