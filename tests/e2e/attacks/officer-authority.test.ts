import { randomUUID } from 'node:crypto';
import {
  AdminCreateUserCommand,
  AdminUpdateUserAttributesCommand,
  CognitoIdentityProviderClient,
  UpdateUserAttributesCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { beforeAll, describe, expect, it } from 'vitest';
import { setPasswordAndSignIn } from '../../../scripts/lib/officer-admin.ts';
import { output } from '../../../scripts/lib/outputs.ts';
import { setOfficerRoles } from '../../../shared/app/officers/administer-officers.ts';
import { completeDossierRequest, outputs, postJson } from '../../support/deployment.ts';
import {
  officerAct,
  officerAdministration,
  officerGet,
  registerOfficer,
  signInAgain,
} from '../../support/officers.ts';

/** The unit the sample dossier goes to, and the unit the attacker really belongs to. */
const VICTIM_UNIT = '000.17.22.H56';
const ATTACKER_UNIT = '000.18.22.H56';

const cognito = new CognitoIdentityProviderClient({});
const poolId = () => output(outputs, 'Api', 'OfficerUserPoolId');
const dossierPath = (code: string) => `/officer/dossiers/${encodeURIComponent(code)}`;

interface ErrorBody {
  error: { code: string; message: { vi: string; en: string } };
}

async function victimDossier(): Promise<string> {
  const answer = await postJson<{ dossierCode: string }>('/dossiers', await completeDossierRequest());
  expect(answer.status).toBe(201);
  return answer.body.dossierCode;
}

/** What an officer's token can see and do with a dossier of the victim unit. */
async function reachOf(token: string, dossierCode: string) {
  const read = await officerGet(token, dossierPath(dossierCode));
  const refuse = await officerAct(token, dossierCode, { type: 'refuse', reason: 'Thử chiếm quyền' });
  const form = await officerGet(token, `${dossierPath(dossierCode)}/forms/01`);
  const queue = await officerGet<{ dossiers: { dossierCode: string }[] }>(token, '/officer/dossiers');
  const search = await postJson<{ dossiers?: { dossierCode: string }[] }>(
    '/officer/dossiers/search',
    { text: dossierCode },
    { authorization: `Bearer ${token}` },
  );
  return {
    read: read.status,
    refuse: refuse.status,
    form: form.status,
    listed:
      (queue.body.dossiers?.some((dossier) => dossier.dossierCode === dossierCode) ?? false) ||
      (search.body.dossiers?.some((dossier) => dossier.dossierCode === dossierCode) ?? false),
  };
}

describe('an officer cannot raise their own authority', () => {
  let dossierCode: string;

  beforeAll(async () => {
    dossierCode = await victimDossier();
  });

  it('writing custom:agency_code with the officer’s own access token is refused or changes nothing', async () => {
    const attacker = await registerOfficer(ATTACKER_UNIT);
    // The attack as it was made: the user's own access token, the public UpdateUserAttributes API.
    const attack = await cognito
      .send(
        new UpdateUserAttributesCommand({
          AccessToken: attacker.accessToken,
          UserAttributes: [{ Name: 'custom:agency_code', Value: VICTIM_UNIT }],
        }),
      )
      .then(
        () => 'accepted',
        (error: Error) => error.name,
      );
    // AWS refuses the write (the app client may write name and phone only); an emulator that does
    // not enforce WriteAttributes accepts it, and then the functions must not care.
    expect(['accepted', 'NotAuthorizedException']).toContain(attack);
    const again = await signInAgain(attacker);
    const claims = JSON.parse(Buffer.from(again.idToken.split('.')[1] ?? '', 'base64url').toString());
    if (attack === 'accepted') expect(claims['custom:agency_code']).toBe(VICTIM_UNIT);

    expect(await reachOf(again.idToken, dossierCode)).toEqual({
      read: 404,
      refuse: 404,
      form: 404,
      listed: false,
    });
  });

  it('an administrator’s mistake on the attribute does not move the officer either', async () => {
    const officer = await registerOfficer(ATTACKER_UNIT);
    await cognito.send(
      new AdminUpdateUserAttributesCommand({
        UserPoolId: poolId(),
        Username: officer.username,
        UserAttributes: [{ Name: 'custom:agency_code', Value: VICTIM_UNIT }],
      }),
    );
    const again = await signInAgain(officer);
    expect(await reachOf(again.idToken, dossierCode)).toEqual({
      read: 404,
      refuse: 404,
      form: 404,
      listed: false,
    });
    // The victim unit's own officer still sees the dossier untouched.
    const owner = await registerOfficer(VICTIM_UNIT, ['tiep_nhan']);
    const view = await officerGet<{ status: string }>(owner.idToken, dossierPath(dossierCode));
    expect(view.status).toBe(200);
    expect(view.body.status).toBe('submitted');
  });

  it('an account that no administrator registered as an officer has no authority at all', async () => {
    const username = `tu-dang-ky-${randomUUID().slice(0, 8)}`;
    await cognito.send(
      new AdminCreateUserCommand({
        UserPoolId: poolId(),
        Username: username,
        MessageAction: 'SUPPRESS',
        UserAttributes: [{ Name: 'custom:agency_code', Value: VICTIM_UNIT }],
      }),
    );
    const stranger = await setPasswordAndSignIn(
      poolId(),
      output(outputs, 'Api', 'OfficerUserPoolClientId'),
      username,
    );
    const answer = await officerGet<ErrorBody>(stranger.idToken, dossierPath(dossierCode));
    expect(answer.status).toBe(403);
    expect(answer.body.error.code).toBe('FORBIDDEN');
    expect(answer.body.error.message.vi).toContain('chưa được quản trị viên đăng ký');
    expect((await officerGet(stranger.idToken, '/officer/dossiers')).status).toBe(403);
  });

  it('managing webhooks needs the agency administrator role', async () => {
    const deskOfficer = await registerOfficer(VICTIM_UNIT, ['tiep_nhan', 'chuyen_vien', 'lanh_dao']);
    const subscription = {
      url: 'https://he-thong.thanhhoa.gov.vn/motcua/webhooks',
      eventTypes: ['dossier.received'],
    };
    const auth = (token: string) => ({ authorization: `Bearer ${token}` });
    const refused = await postJson<ErrorBody>('/officer/webhooks', subscription, auth(deskOfficer.idToken));
    expect(refused.status).toBe(403);
    expect(refused.body.error.message.en).toContain('quan_tri');
    expect((await officerGet(deskOfficer.idToken, '/officer/webhooks')).status).toBe(403);

    const admin = await registerOfficer(VICTIM_UNIT, ['quan_tri']);
    expect((await officerGet(admin.idToken, '/officer/webhooks')).status).toBe(200);
  });

  it('a role granted by the administrator takes effect without a new sign-in', async () => {
    const officer = await registerOfficer(VICTIM_UNIT, ['chuyen_vien']);
    expect((await officerGet(officer.idToken, '/officer/webhooks')).status).toBe(403);
    await setOfficerRoles(
      officerAdministration(),
      officer.username,
      ['chuyen_vien', 'quan_tri'],
      'operator:test',
    );
    const started = Date.now();
    let status = 0;
    while (Date.now() - started < 60_000) {
      status = (await officerGet(officer.idToken, '/officer/webhooks')).status;
      if (status === 200) break;
      await new Promise((resolve) => setTimeout(resolve, 2_000));
    }
    expect(status).toBe(200);
  });

  it('deactivation by the unit’s administrator ends the authority of a still-valid token within a minute', async () => {
    const officer = await registerOfficer(VICTIM_UNIT, ['tiep_nhan']);
    const admin = await registerOfficer(VICTIM_UNIT, ['quan_tri']);
    expect((await officerGet(officer.idToken, dossierPath(dossierCode))).status).toBe(200);

    const deactivation = await postJson<{ active: boolean }>(
      `/officer/officers/${officer.username}/actions`,
      { type: 'deactivate' },
      { authorization: `Bearer ${admin.idToken}` },
    );
    expect(deactivation.status).toBe(200);
    expect(deactivation.body.active).toBe(false);
    const deactivatedAt = Date.now();
    let answer = await officerGet<ErrorBody>(officer.idToken, dossierPath(dossierCode));
    while (answer.status === 200 && Date.now() - deactivatedAt < 65_000) {
      await new Promise((resolve) => setTimeout(resolve, 2_000));
      answer = await officerGet<ErrorBody>(officer.idToken, dossierPath(dossierCode));
    }
    const tookSeconds = (Date.now() - deactivatedAt) / 1000;
    expect(answer.status).toBe(403);
    expect(answer.body.error.message.vi).toContain('vô hiệu hóa');
    expect(tookSeconds).toBeLessThanOrEqual(60);
    // The account itself is disabled too: no new sign-in.
    await expect(signInAgain(officer)).rejects.toThrow();
  }, 90_000);
});

describe('agency administrators manage their own unit’s officers only', () => {
  const auth = (token: string) => ({ authorization: `Bearer ${token}` });
  let admin: Awaited<ReturnType<typeof registerOfficer>>;
  let otherAdmin: Awaited<ReturnType<typeof registerOfficer>>;
  let dossierCode: string;

  beforeAll(async () => {
    dossierCode = await victimDossier();
    [admin, otherAdmin] = await Promise.all([
      registerOfficer(VICTIM_UNIT, ['quan_tri']),
      registerOfficer(ATTACKER_UNIT, ['quan_tri']),
    ]);
  });

  it('invites into the administrator’s own unit, and refuses a body that names another unit', async () => {
    const username = `moi-${randomUUID().slice(0, 8)}`;
    const invitation = {
      username,
      email: `${username}@thanhhoa.gov.vn`,
      fullName: 'Lê Thị Thu',
      roles: ['tiep_nhan', 'chuyen_vien'],
    };
    const smuggled = await postJson<ErrorBody>(
      '/officer/officers',
      { ...invitation, agencyCode: ATTACKER_UNIT },
      auth(admin.idToken),
    );
    expect(smuggled.status).toBe(400);
    const invited = await postJson<{ agencyCode: string; roles: string[]; active: boolean }>(
      '/officer/officers',
      invitation,
      auth(admin.idToken),
    );
    expect(invited.status).toBe(201);
    expect(invited.body).toMatchObject({
      agencyCode: VICTIM_UNIT,
      roles: ['tiep_nhan', 'chuyen_vien'],
      active: true,
    });
    const list = await officerGet<{ items: { username: string }[] }>(admin.idToken, '/officer/officers');
    expect(list.body.items.map((item) => item.username)).toContain(username);
    const otherList = await officerGet<{ items: { username: string }[] }>(
      otherAdmin.idToken,
      '/officer/officers',
    );
    expect(otherList.body.items.map((item) => item.username)).not.toContain(username);
    // The invited officer signs in and works in that unit, and only there.
    const officer = await setPasswordAndSignIn(
      poolId(),
      output(outputs, 'Api', 'OfficerUserPoolClientId'),
      username,
    );
    expect((await officerGet(officer.idToken, dossierPath(dossierCode))).status).toBe(200);
  });

  it('cannot change an officer of another unit, nor its own account', async () => {
    const victimOfficer = await registerOfficer(VICTIM_UNIT, ['chuyen_vien']);
    const crossUnit = await postJson<ErrorBody>(
      `/officer/officers/${victimOfficer.username}/actions`,
      { type: 'set_roles', roles: ['quan_tri'] },
      auth(otherAdmin.idToken),
    );
    expect(crossUnit.status).toBe(404);
    const self = await postJson<ErrorBody>(
      `/officer/officers/${admin.username}/actions`,
      { type: 'deactivate' },
      auth(admin.idToken),
    );
    expect(self.status).toBe(403);
    // Nothing changed: the officer still has only the role it was given.
    const list = await officerGet<{ items: { username: string; roles: string[] }[] }>(
      admin.idToken,
      '/officer/officers',
    );
    expect(list.body.items.find((item) => item.username === victimOfficer.username)?.roles).toEqual([
      'chuyen_vien',
    ]);
  });
});
