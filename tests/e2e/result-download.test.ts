import { createHash, randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { AuditLog } from '../../shared/adapters/audit-log.ts';
import type { FileLink, ResultLink } from '../../shared/contracts/files.ts';
import {
  api,
  dataOutput,
  readDossier,
  recordedMail,
  submittedDossier,
  waitFor,
} from '../support/deployment.ts';
import { officerAct, officerGet, settleDossier, signInOfficer } from '../support/officers.ts';
import { testSourceAddress } from '../support/source-address.ts';

const COMMUNE = '000.17.22.H56';
const OTHER_UNIT = '000.18.22.H56';

interface ErrorAnswer {
  error: { code: string; message: { vi: string; en: string } };
}

const citizenResult = <T = ResultLink>(code: string, secret: string, source = testSourceAddress()) =>
  api<T>(`/dossiers/${encodeURIComponent(code)}/result`, {
    headers: { 'x-lookup-secret': secret, 'x-forwarded-for': source },
  });

/** What a presigned link promises in its query: how long it lives and how S3 is to answer. */
function presigned(url: string) {
  const query = new URL(url).searchParams;
  return {
    expires: Number(query.get('X-Amz-Expires')),
    disposition: query.get('response-content-disposition') ?? '',
    type: query.get('response-content-type') ?? '',
  };
}

describe('the result reaches the citizen, and officers open the dossier’s files', () => {
  let code = '';
  let secret = '';
  let desk = '';

  beforeAll(async () => {
    desk = await signInOfficer(COMMUNE);
    ({ dossierCode: code, lookupSecret: secret } = await submittedDossier({}, { routed: true }));
  });

  it('has no result before the dossier is settled: 409, in both languages', async () => {
    const answer = await citizenResult<ErrorAnswer>(code, secret);
    expect(answer.status).toBe(409);
    expect(answer.body.error.code).toBe('RESULT_NOT_READY');
    expect(answer.body.error.message.vi).toContain('chưa có kết quả');
    expect(answer.body.error.message.en).toContain('no result yet');
    const officerResult = await officerGet<ErrorAnswer>(
      desk,
      `/officer/dossiers/${encodeURIComponent(code)}/result`,
    );
    expect(officerResult.status).toBe(409);
  });

  it('lets an officer of the unit open an attachment in the browser, and no one else', async () => {
    const path = `/officer/dossiers/${encodeURIComponent(code)}/attachments/0`;
    const stored = (await readDossier(code))?.attachments[0];
    const answer = await officerGet<FileLink>(desk, path);
    expect(answer.status).toBe(200);
    expect(answer.headers.get('cache-control')).toBe('no-store');
    expect(answer.body).toMatchObject({ fileName: stored?.fileName, contentType: 'application/pdf' });
    const link = presigned(answer.body.url);
    expect(link.expires).toBeGreaterThan(0);
    expect(link.expires).toBeLessThanOrEqual(300);
    expect(link.type).toBe('application/pdf');
    expect(link.disposition).toMatch(/^inline; filename="[A-Za-z0-9._-]+"; filename\*=UTF-8''/);
    const file = await fetch(answer.body.url);
    expect(file.status).toBe(200);
    const bytes = Buffer.from(await file.arrayBuffer());
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(stored?.sha256);

    expect(
      (await officerGet(desk, `/officer/dossiers/${encodeURIComponent(code)}/attachments/99`)).status,
    ).toBe(404);
    expect((await officerGet(await signInOfficer(OTHER_UNIT), path)).status).toBe(404);
    expect((await api(path)).status).toBe(401);
    expect((await api(path, { headers: { 'x-lookup-secret': secret } })).status).toBe(401);
  });

  it('gives the citizen the settled result: a 5-minute link without the secret, saved under the code', async () => {
    await settleDossier(desk, code);
    const answer = await citizenResult(code, secret);
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({
      fileName: `${code}-ket-qua.pdf`,
      contentType: 'application/pdf',
      signed: true,
      signature: { keyId: expect.any(String), value: expect.any(String) },
      verifyUrl: expect.stringContaining(`verify?code=${encodeURIComponent(code)}`),
    });
    expect(answer.body.url).not.toContain(secret);
    const link = presigned(answer.body.url);
    expect(link.expires).toBeGreaterThan(0);
    expect(link.expires).toBeLessThanOrEqual(300);
    expect(link.disposition).toBe(
      `attachment; filename="${code}-ket-qua.pdf"; filename*=UTF-8''${code}-ket-qua.pdf`,
    );
    const expiresIn = new Date(answer.body.expiresAt).getTime() - Date.now();
    expect(expiresIn).toBeGreaterThan(0);
    expect(expiresIn).toBeLessThanOrEqual(300_000);
    const file = await fetch(answer.body.url);
    expect(file.status).toBe(200);
    const bytes = Buffer.from(await file.arrayBuffer());
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(answer.body.sha256);
  });

  it('still gives it after the desk records the return, and to the unit’s officers', async () => {
    expect((await officerAct(desk, code, { type: 'return_result' })).status).toBe(200);
    expect((await citizenResult(code, secret)).status).toBe(200);
    const officerLink = await officerGet<FileLink>(
      desk,
      `/officer/dossiers/${encodeURIComponent(code)}/result`,
    );
    expect(officerLink.status).toBe(200);
    expect(presigned(officerLink.body.url).disposition).toMatch(/^inline; /);
  });

  it('mails that the result is ready with the lookup page’s link, the code filled in and no secret', async () => {
    const mail = await waitFor(
      async () =>
        (await recordedMail()).find((m) => m.Subject.includes(code) && m.Subject.includes('Result ready')),
      `the result-ready mail of ${code}`,
    );
    expect(mail.BodyText).toContain(`lookup?code=${encodeURIComponent(code)}`);
    expect(mail.BodyText).not.toContain(secret);
  });

  it('puts every download, the citizen’s and the officers’, on the dossier’s audit trail', async () => {
    const entries = await new AuditLog(dataOutput('AuditTableName')).entries(code);
    const downloads = entries.filter((entry) => entry.kind === 'download');
    expect(downloads.map((entry) => entry.action)).toEqual(
      expect.arrayContaining(['officer_attachment', 'officer_result', 'result']),
    );
    expect(downloads.find((entry) => entry.action === 'result')?.actor).toBe('citizen');
  });

  it('refuses the secret in the query string', async () => {
    const answer = await api<ErrorAnswer>(`/dossiers/${encodeURIComponent(code)}/result?secret=${secret}`);
    expect(answer.status).toBe(400);
    expect(answer.body.error.code).toBe('LOOKUP_SECRET_IN_QUERY');
  });

  it('answers a wrong secret as an unknown dossier, and counts it toward the lookup lock', async () => {
    const attacker = testSourceAddress();
    for (let attempt = 1; attempt <= 5; attempt += 1) {
      const wrong = await citizenResult<ErrorAnswer>(code, randomUUID().replaceAll('-', ''), attacker);
      expect(wrong.status).toBe(404);
      expect(wrong.body.error.code).toBe('NOT_FOUND');
    }
    // The lock is the code's, on every lookup route: the status lookup waits too.
    const locked = await api<ErrorAnswer>(`/dossiers/${encodeURIComponent(code)}`, {
      headers: { 'x-lookup-secret': secret, 'x-forwarded-for': testSourceAddress() },
    });
    expect(locked.status).toBe(429);
    expect(locked.body.error.code).toBe('TOO_MANY_ATTEMPTS');
  });
});
