import type { AuthenticationDetails } from 'amazon-cognito-identity-js';
import { Secret, TOTP, URI } from 'otpauth';
import { describe, expect, it } from 'vitest';
import {
  meetsPasswordPolicy,
  type PoolUser,
  type SignInCallbacks,
  SignInFlow,
  type SignInStep,
} from '../../../web/src/workspace/session.ts';

interface Account {
  password: string;
  mustChangePassword: boolean;
  totpSecret?: string;
}

type Challenge = 'none' | 'NEW_PASSWORD_REQUIRED' | 'MFA_SETUP' | 'SOFTWARE_TOKEN_MFA';

const refusal = (code: string, message: string) => ({ code, message });

/**
 * A user pool in memory that requires TOTP, as the officers' pool does in AWS: a new password at
 * first sign-in, then the authenticator's enrolment (MFA_SETUP) before any token, and from then on
 * the authenticator's current code. Each user answers only the challenge it is at.
 */
function memoryPool(accounts: Record<string, Account>) {
  const totp = (secret: string) => new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30 });
  const codeMatches = (secret: string | undefined, code: string) =>
    secret !== undefined && totp(secret).validate({ token: code, window: 1 }) !== null;
  const signedIn: string[] = [];

  function userFor(username: string): PoolUser {
    let challenge: Challenge = 'none';
    let pendingSecret: string | undefined;
    const account = () => accounts[username];
    const outOfTurn = (callbacks: SignInCallbacks) =>
      callbacks.onFailure(refusal('NotAuthorizedException', 'Invalid session for the user.'));
    const afterPassword = (callbacks: SignInCallbacks) => {
      const known = account();
      if (known?.totpSecret === undefined) {
        challenge = 'MFA_SETUP';
        callbacks.mfaSetup();
      } else {
        challenge = 'SOFTWARE_TOKEN_MFA';
        callbacks.totpRequired();
      }
    };
    const succeed = (callbacks: SignInCallbacks) => {
      challenge = 'none';
      signedIn.push(username);
      callbacks.onSuccess();
    };
    return {
      getUsername: () => username,
      authenticateUser(details: AuthenticationDetails, callbacks: SignInCallbacks) {
        const known = account();
        if (!known || known.password !== details.getPassword())
          return callbacks.onFailure(refusal('NotAuthorizedException', 'Incorrect username or password.'));
        if (known.mustChangePassword) {
          challenge = 'NEW_PASSWORD_REQUIRED';
          return callbacks.newPasswordRequired();
        }
        afterPassword(callbacks);
      },
      completeNewPasswordChallenge(password, _attributes, callbacks) {
        const known = account();
        if (challenge !== 'NEW_PASSWORD_REQUIRED' || !known) return outOfTurn(callbacks);
        if (!meetsPasswordPolicy(password))
          return callbacks.onFailure(
            refusal('InvalidPasswordException', 'Password does not conform to policy'),
          );
        known.password = password;
        known.mustChangePassword = false;
        afterPassword(callbacks);
      },
      associateSoftwareToken(callbacks) {
        if (challenge !== 'MFA_SETUP')
          return callbacks.onFailure(refusal('NotAuthorizedException', 'Invalid session for the user.'));
        pendingSecret = new Secret({ size: 20 }).base32;
        callbacks.associateSecretCode(pendingSecret);
      },
      verifySoftwareToken(code, _deviceName, callbacks) {
        const known = account();
        if (challenge !== 'MFA_SETUP' || !known || !pendingSecret) return outOfTurn(callbacks);
        if (!codeMatches(pendingSecret, code))
          return callbacks.onFailure(refusal('EnableSoftwareTokenMFAException', 'Code mismatch'));
        known.totpSecret = pendingSecret;
        succeed(callbacks);
      },
      sendMFACode(code, callbacks, mfaType) {
        if (challenge !== 'SOFTWARE_TOKEN_MFA' || mfaType !== 'SOFTWARE_TOKEN_MFA')
          return outOfTurn(callbacks);
        if (!codeMatches(account()?.totpSecret, code))
          return callbacks.onFailure(refusal('CodeMismatchException', 'Invalid code received for user'));
        succeed(callbacks);
      },
    };
  }
  return { userFor, signedIn, totp };
}

/** The code an authenticator shows for the link the page offers, read as an authenticator reads it. */
function authenticatorFor(step: SignInStep): TOTP {
  if (step.kind !== 'mfaSetup') throw new Error(`expected the enrolment step, got ${step.kind}`);
  const parsed = URI.parse(step.uri);
  if (!(parsed instanceof TOTP)) throw new Error('the link is not a TOTP link');
  return parsed;
}

/** The refusal a rejected step carries, Vietnamese first. */
async function refusalOf(step: Promise<SignInStep>): Promise<string> {
  const outcome = await step.then(
    () => undefined,
    (error: unknown) => error,
  );
  return JSON.stringify(outcome);
}

const WRONG = (right: string) => (right === '000000' ? '111111' : '000000');

describe('signing in at a pool that requires an authenticator', () => {
  it('changes the temporary password, enrols an authenticator from the offered link, then signs in', async () => {
    const accounts = { 'mc-01': { password: 'Tam-12345-A1!', mustChangePassword: true } };
    const pool = memoryPool(accounts);
    const flow = new SignInFlow(pool.userFor);

    expect(await flow.signIn('mc-01', 'Tam-12345-A1!')).toEqual({ kind: 'newPassword' });
    expect(await refusalOf(flow.setNewPassword('ngan'))).toContain('Mật khẩu mới chưa đạt yêu cầu');
    const enrolment = await flow.setNewPassword('Moi-Mat-Khau-2026!');
    expect(enrolment).toMatchObject({ kind: 'mfaSetup', secret: expect.stringMatching(/^[A-Z2-7]{32}$/) });

    const authenticator = authenticatorFor(enrolment);
    expect(authenticator.issuer).toBe('Mot cua dien tu');
    expect(authenticator.label).toBe('mc-01');
    expect(enrolment.kind === 'mfaSetup' && authenticator.secret.base32).toBe(
      enrolment.kind === 'mfaSetup' && enrolment.secret,
    );

    const code = authenticator.generate();
    expect(await refusalOf(flow.confirmMfaSetup(WRONG(code)))).toContain('Mã xác thực không đúng');
    expect(accounts['mc-01']).not.toHaveProperty('totpSecret');
    expect(await flow.confirmMfaSetup(authenticator.generate())).toEqual({ kind: 'signedIn' });
    expect(pool.signedIn).toEqual(['mc-01']);
    expect(accounts['mc-01']).toMatchObject({
      password: 'Moi-Mat-Khau-2026!',
      mustChangePassword: false,
      totpSecret: enrolment.kind === 'mfaSetup' ? enrolment.secret : '',
    });

    // Signed in again later, the pool asks for the enrolled authenticator's code.
    const again = new SignInFlow(pool.userFor);
    expect(await refusalOf(again.signIn('mc-01', 'Tam-12345-A1!'))).toContain('không đúng');
    expect(await again.signIn('mc-01', 'Moi-Mat-Khau-2026!')).toEqual({ kind: 'mfaCode' });
    expect(await refusalOf(again.sendMfaCode(WRONG(authenticator.generate())))).toContain(
      'Mã xác thực không đúng',
    );
    expect(await again.sendMfaCode(authenticator.generate())).toEqual({ kind: 'signedIn' });
    expect(pool.signedIn).toEqual(['mc-01', 'mc-01']);
  });

  it('asks an officer whose password is already set to enrol before any token is issued', async () => {
    const pool = memoryPool({ 'cv-02': { password: 'Mk-abcdef-A1!', mustChangePassword: false } });
    const flow = new SignInFlow(pool.userFor);
    const enrolment = await flow.signIn('cv-02', 'Mk-abcdef-A1!');
    expect(enrolment.kind).toBe('mfaSetup');
    expect(pool.signedIn).toEqual([]);
    expect(await flow.confirmMfaSetup(authenticatorFor(enrolment).generate())).toEqual({ kind: 'signedIn' });
    expect(pool.signedIn).toEqual(['cv-02']);
  });

  it('asks for a new sign-in when a step comes without one in progress, or after it ended', async () => {
    const pool = memoryPool({ 'ld-03': { password: 'Mk-abcdef-A1!', mustChangePassword: false } });
    const flow = new SignInFlow(pool.userFor);
    const thrown = (step: () => unknown) => {
      try {
        step();
        return 'nothing';
      } catch (error) {
        return JSON.stringify(error);
      }
    };
    expect(thrown(() => flow.sendMfaCode('123456'))).toContain('Vui lòng đăng nhập lại');
    const enrolment = await flow.signIn('ld-03', 'Mk-abcdef-A1!');
    await flow.confirmMfaSetup(authenticatorFor(enrolment).generate());
    expect(thrown(() => flow.confirmMfaSetup('123456'))).toContain('Please sign in again');
    expect(pool.signedIn).toEqual(['ld-03']);
  });
});
