import { describe, expect, it } from 'vitest';
import {
  type AccountMessagePorts,
  CustomMessageEventSchema,
  customizeAccountMessage,
  INVITATION_AGENCY_NAME,
} from '../../../../shared/app/officers/account-messages.ts';

const BASE = 'http://127.0.0.1:4566/_aws/execute-api/b847f455/v1/';

/** A custom message event as Cognito sends it (the fields of its documented shape). */
function cognitoEvent(triggerSource: string, request: Record<string, unknown> = {}) {
  return CustomMessageEventSchema.parse({
    version: '1',
    triggerSource,
    region: 'ap-southeast-1',
    userPoolId: 'ap-southeast-1_Officers',
    userName: 'can-bo-hoa',
    callerContext: { awsSdkVersion: 'aws-sdk-js-3', clientId: 'CLIENT_ID_NOT_APPLICABLE' },
    request: {
      userAttributes: { sub: 'sub-1', email: 'can-bo-hoa@thanhhoa.gov.vn', name: 'Lê Thị Hoa' },
      codeParameter: '{####}',
      linkParameter: '{##Click Here##}',
      usernameParameter: triggerSource === 'CustomMessage_AdminCreateUser' ? '{username}' : null,
      ...request,
    },
    response: { smsMessage: null, emailMessage: null, emailSubject: null },
  });
}

function ports(baseUrl: () => Promise<string> = async () => BASE) {
  const lines: { level: string; message: string; fields: Record<string, unknown> }[] = [];
  const at = (level: string) => (message: string, fields: Record<string, unknown>) =>
    lines.push({ level, message, fields });
  const value: AccountMessagePorts = {
    baseUrl,
    log: { info: at('info'), warn: at('warn'), error: at('error') },
  };
  return { ports: value, lines };
}

describe('the officers’ pool custom message trigger', () => {
  it('answers an invitation with the Vietnamese mail, the placeholders, the agency and the workspace link', async () => {
    const { ports: p, lines } = ports();
    const event = cognitoEvent('CustomMessage_AdminCreateUser', {
      clientMetadata: { [INVITATION_AGENCY_NAME]: 'UBND xã Quảng Phú' },
    });
    const answer = await customizeAccountMessage(p, event);
    expect(answer.response?.emailSubject).toBe('Tài khoản cán bộ Một cửa điện tử / Your officer account');
    const html = String(answer.response?.emailMessage);
    expect(html).toContain('{username}');
    expect(html).toContain('{####}');
    expect(html).toContain(`<a href="${BASE}workspace">`);
    expect(html).toContain('Kính gửi Ông/Bà Lê Thị Hoa,');
    expect(html).toContain('tài khoản cán bộ của UBND xã Quảng Phú');
    expect(answer.response?.smsMessage).toContain('{username}');
    // The rest of the event goes back as it came.
    expect(answer.userPoolId).toBe(event.userPoolId);
    expect(answer.request).toEqual(event.request);
    // The log names the kind and a masked address, never the address itself.
    expect(JSON.stringify(lines)).not.toContain('can-bo-hoa@');
    expect(lines).toContainEqual(expect.objectContaining({ message: 'account mail written' }));
  });

  it('names the account itself in a code mail, and never a unit from metadata a caller could send', async () => {
    const { ports: p } = ports();
    const answer = await customizeAccountMessage(
      p,
      cognitoEvent('CustomMessage_ForgotPassword', {
        clientMetadata: { [INVITATION_AGENCY_NAME]: 'Cơ quan giả mạo' },
      }),
    );
    const html = String(answer.response?.emailMessage);
    expect(answer.response?.emailSubject).toBe('Mã đặt lại mật khẩu Một cửa điện tử / Password reset code');
    expect(html).toContain('tài khoản cán bộ can-bo-hoa.');
    expect(html).toContain('<strong>{####}</strong>');
    expect(html).not.toContain('giả mạo');
    for (const source of [
      'CustomMessage_ResendCode',
      'CustomMessage_UpdateUserAttribute',
      'CustomMessage_VerifyUserAttribute',
    ]) {
      const mail = await customizeAccountMessage(p, cognitoEvent(source));
      expect(mail.response?.emailMessage).toContain('{####}');
      expect(mail.response?.emailMessage).toContain(`${BASE}workspace`);
    }
  });

  it('leaves sign-up, sign-in codes and an invitation without its username placeholder to Cognito', async () => {
    const { ports: p } = ports();
    for (const event of [
      cognitoEvent('CustomMessage_SignUp'),
      cognitoEvent('CustomMessage_Authentication'),
      cognitoEvent('CustomMessage_AdminCreateUser', { usernameParameter: null }),
    ]) {
      expect(await customizeAccountMessage(p, event)).toEqual(event);
    }
  });

  it('still sends the mail, without its link, when the API’s address cannot be read', async () => {
    const { ports: p, lines } = ports(async () => {
      throw new Error('ParameterNotFound');
    });
    const answer = await customizeAccountMessage(p, cognitoEvent('CustomMessage_AdminCreateUser'));
    expect(answer.response?.emailMessage).toContain('{####}');
    expect(answer.response?.emailMessage).not.toContain('<a ');
    expect(lines).toContainEqual(expect.objectContaining({ level: 'warn' }));
  });
});
