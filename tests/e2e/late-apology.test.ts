import { createPublicKey, verify } from 'node:crypto';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChains } from '../../scripts/lib/audit.ts';
import { AuditLog } from '../../shared/adapters/audit-log.ts';
import {
  api,
  completeDossierRequest,
  dataOutput,
  dynamo,
  invokeFunction,
  postJson,
  recordedMail,
  waitFor,
} from '../support/deployment.ts';
import { officerAct, officerGet, signInOfficer } from '../support/officers.ts';

interface Apology {
  state: string;
  proposedDueAt: string;
  newDueAt?: string;
  letter?: { canonical: string; signature: { keyId: string; value: string } };
}
interface View {
  status: string;
  dueAt: string;
  statutoryDueAt: string;
  allowedActions: string[];
  apology?: Apology;
}

const pastDueAt = new Date(Date.now() - 3 * 86_400_000).toISOString().replace('Z', '+00:00');
const sweep = () => invokeFunction<{ drafted: number }>('Lifecycle', 'ApologySweepFunctionName');

describe('a dossier that becomes late gets a form 04 apology, approved and signed before it is mailed', () => {
  let officer: string;
  let dossierCode: string;
  const path = () => `/officer/dossiers/${encodeURIComponent(dossierCode)}`;

  beforeAll(async () => {
    officer = await signInOfficer('000.17.22.H56');
    dossierCode = (await postJson<{ dossierCode: string }>('/dossiers', await completeDossierRequest())).body
      .dossierCode;
    await officerAct(officer, dossierCode, { type: 'accept' });
    await officerAct(officer, dossierCode, { type: 'start_processing' });
    // Time passes: the appointment is now three days behind us.
    await dynamo.send(
      new UpdateCommand({
        TableName: dataOutput('DossiersTableName'),
        Key: { dossierCode },
        UpdateExpression: 'SET dueAt = :past',
        ExpressionAttributeValues: { ':past': pastDueAt },
      }),
    );
  });

  it('the scheduled sweep drafts the apology once; nothing is mailed yet', async () => {
    expect((await sweep()).drafted).toBeGreaterThanOrEqual(1);
    const view = await officerGet<View>(officer, path());
    expect(view.body.apology).toMatchObject({ state: 'draft' });
    expect(view.body.allowedActions).toContain('approve_apology');
    const again = await sweep();
    expect((await officerGet<View>(officer, path())).body.apology).toEqual(view.body.apology);
    expect(again.drafted).toBe(0);
    expect(
      (await recordedMail()).some((m) => m.Subject.includes(dossierCode) && m.Subject.startsWith('Xin lỗi')),
    ).toBe(false);
  });

  it('approval signs the letter, sets the new appointment and mails the citizen', async () => {
    const approved = await officerAct<View>(officer, dossierCode, { type: 'approve_apology' });
    expect(approved.status).toBe(200);
    const apology = approved.body.apology;
    expect(apology).toMatchObject({ state: 'approved' });
    expect(approved.body.dueAt).toBe(apology?.newDueAt);
    // The statutory appointment stays where it was: the dossier is still late for the indicators.
    expect(approved.body.statutoryDueAt).toBe(pastDueAt);
    expect(Date.parse(approved.body.statutoryDueAt)).toBeLessThan(Date.now());

    const keys = await api<{ pem: { kid: string; publicKeyPem: string }[] }>('/signing-keys');
    const pem = keys.body.pem.find((key) => key.kid === apology?.letter?.signature.keyId)?.publicKeyPem ?? '';
    const letter = apology?.letter;
    expect(
      verify(
        'sha256',
        Buffer.from(letter?.canonical ?? ''),
        createPublicKey(pem),
        Buffer.from(letter?.signature.value ?? '', 'base64'),
      ),
    ).toBe(true);
    expect(JSON.parse(letter?.canonical ?? '{}')).toMatchObject({
      form: '04',
      dossierCode,
      newDueAt: apology?.newDueAt,
    });

    const mail = await waitFor(
      async () =>
        (await recordedMail()).find(
          (m) => m.Subject.includes(dossierCode) && m.Subject.startsWith('Xin lỗi'),
        ),
      'the apology mail',
    );
    expect(mail.Source).toBe('no-reply@motcua.thanhhoa.gov.vn');
    expect(mail.BodyText).toContain(letter?.signature.value);
  });

  it('a second approval is refused, and the audit chain holds the draft and the approval', async () => {
    const twice = await officerAct<{ error: { code: string } }>(officer, dossierCode, {
      type: 'approve_apology',
    });
    expect(twice.status).toBe(409);
    const log = new AuditLog(dataOutput('AuditTableName'));
    const actions = (await log.entries(dossierCode)).map((entry) => entry.action);
    expect(actions).toEqual(expect.arrayContaining(['draft_apology', 'approve_apology']));
    expect(await verifyAuditChains(log, [dossierCode])).toEqual([expect.objectContaining({ intact: true })]);
  });
});
