import { randomUUID } from 'node:crypto';
import {
  AdminInitiateAuthCommand,
  CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';
import { beforeAll, describe, expect, it } from 'vitest';
import { output } from '../../scripts/lib/outputs.ts';
import { inviteOfficer } from '../../shared/app/officers/administer-officers.ts';
import { apiBase, outputs, postJson, recordedMail, waitFor } from '../support/deployment.ts';
import { officerAdministration, registerOfficer } from '../support/officers.ts';

const UNIT = '000.17.22.H56';
const cognito = new CognitoIdentityProviderClient({});

/** The invitation Cognito delivered to `address` (the emulator records it with the SES mail). */
function invitationTo(address: string) {
  return waitFor(
    async () => (await recordedMail()).find((mail) => mail.To.includes(address)),
    `the invitation to ${address}`,
  );
}

/** The temporary password as the mail shows it: what Cognito wrote into the code placeholder. */
function temporaryPasswordIn(html: string): string {
  const password = /Mật khẩu tạm thời: <strong>(.+?)<\/strong>/.exec(html)?.[1];
  if (!password) throw new Error(`no temporary password in ${html}`);
  return password;
}

describe('officers are invited in Vietnamese, with a link to the workspace', () => {
  let unitName: string;

  beforeAll(async () => {
    const unit = await officerAdministration().agency(UNIT);
    if (!unit?.name) throw new Error(`${UNIT} is not in the seeded registry`);
    unitName = unit.name;
  });

  it('an administrator’s invitation names the officer and the unit and carries a password that signs in', async () => {
    const admin = await registerOfficer(UNIT, ['quan_tri']);
    const username = `moi-${randomUUID().slice(0, 8)}`;
    const email = `${username}@thanhhoa.gov.vn`;
    const invited = await postJson(
      '/officer/officers',
      { username, email, fullName: 'Lê Thị <Thu>', roles: ['tiep_nhan'] },
      { authorization: `Bearer ${admin.idToken}` },
    );
    expect(invited.status).toBe(201);

    const mail = await invitationTo(email);
    expect(mail.Subject).toBe('Tài khoản cán bộ Một cửa điện tử / Your officer account');
    const html = mail.BodyHtml ?? '';
    expect(html).toContain('<html lang="vi">');
    expect(html).toContain('Kính gửi Ông/Bà Lê Thị &lt;Thu&gt;,');
    expect(html).toContain(`Quản trị viên đã tạo tài khoản cán bộ của ${unitName} cho Ông/Bà`);
    expect(html).toContain(`Tên đăng nhập: <strong>${username}</strong>`);
    expect(html).toContain(`<a href="${apiBase}workspace">`);
    expect(html).toContain('đổi mật khẩu và cài đặt xác thực hai lớp');
    expect(html).not.toContain('{####}');
    // The password reads the same in HTML: no character a mail reader would take for markup.
    expect(temporaryPasswordIn(html)).toMatch(/^[A-Za-z0-9!#%*+\-=?@^_~]{16}$/);
    expect(html).not.toContain('{username}');
    expect(html.indexOf('Kính gửi')).toBeLessThan(html.indexOf('Dear'));

    // The password in the mail is the account's: it signs in, and must be changed at once.
    const signIn = await cognito.send(
      new AdminInitiateAuthCommand({
        UserPoolId: output(outputs, 'Api', 'OfficerUserPoolId'),
        ClientId: output(outputs, 'Api', 'OfficerUserPoolClientId'),
        AuthFlow: 'ADMIN_USER_PASSWORD_AUTH',
        AuthParameters: { USERNAME: username, PASSWORD: temporaryPasswordIn(html) },
      }),
    );
    expect(signIn.ChallengeName).toBe('NEW_PASSWORD_REQUIRED');
  });

  it('the operator’s invitation of a first officer is the same mail', async () => {
    const username = `quan-tri-${randomUUID().slice(0, 8)}`;
    const email = `${username}@thanhhoa.gov.vn`;
    await inviteOfficer(officerAdministration(), {
      username,
      email,
      agencyCode: UNIT,
      roles: ['quan_tri'],
      sendInvitation: true,
      by: 'operator:tests',
    });
    const html = (await invitationTo(email)).BodyHtml ?? '';
    expect(html).toContain('Kính gửi Ông/Bà,');
    expect(html).toContain(`tài khoản cán bộ của ${unitName}`);
    expect(html).toContain(`Tên đăng nhập: <strong>${username}</strong>`);
    expect(html).toContain(`<a href="${apiBase}workspace">`);
  });
});
