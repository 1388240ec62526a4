import {
  AuthenticationDetails,
  CognitoUser,
  CognitoUserPool,
  type CognitoUserSession,
} from 'amazon-cognito-identity-js';
import { type ErrorBody, errorBody } from '../api.ts';

/** The officers' pool as the page is told it: ids and the endpoint the browser signs in against. */
export interface SignInConfig {
  userPoolId: string;
  clientId: string;
  endpoint: string;
}

/** Where a sign-in stands after each answer of the pool. */
export type SignInStep =
  | { kind: 'signedIn' }
  | { kind: 'newPassword' }
  | { kind: 'mfaSetup'; secret: string; uri: string }
  | { kind: 'mfaCode' };

const ISSUER = 'Mot cua dien tu';

export const WEAK_PASSWORD = errorBody(
  'Mật khẩu mới chưa đạt yêu cầu: ít nhất 12 ký tự, có chữ hoa, chữ thường, chữ số và ký hiệu.',
  'The new password is too weak: at least 12 characters with upper and lower case, a digit and a symbol.',
);

/** The pool's password policy (infra/stacks/api-stack.ts), checked before the pool checks it again. */
export function meetsPasswordPolicy(password: string): boolean {
  return (
    password.length >= 12 &&
    /[a-z]/.test(password) &&
    /[A-Z]/.test(password) &&
    /[0-9]/.test(password) &&
    /[^A-Za-z0-9]/.test(password)
  );
}

/** Cognito's refusals in the officer's words, Vietnamese first. */
export function signInRefusal(error: unknown): ErrorBody {
  const code = typeof error === 'object' && error && 'code' in error ? String(error.code) : '';
  const message = typeof error === 'object' && error && 'message' in error ? String(error.message) : '';
  switch (code) {
    case 'NotAuthorizedException':
      return /disabled/i.test(message)
        ? errorBody(
            'Tài khoản đã bị khóa. Liên hệ quản trị đơn vị.',
            'The account is disabled. Ask your unit administrator.',
          )
        : /session|expired/i.test(message)
          ? errorBody(
              'Phiên đăng nhập đã hết hạn, vui lòng đăng nhập lại.',
              'The sign-in took too long; please start again.',
            )
          : errorBody('Tên đăng nhập hoặc mật khẩu không đúng.', 'The username or password is wrong.');
    case 'UserNotFoundException':
      return errorBody('Tên đăng nhập hoặc mật khẩu không đúng.', 'The username or password is wrong.');
    case 'InvalidPasswordException':
      return WEAK_PASSWORD;
    case 'CodeMismatchException':
    case 'EnableSoftwareTokenMFAException':
      return errorBody(
        'Mã xác thực không đúng, hãy nhập mã mới nhất.',
        'The code is wrong; enter the newest one.',
      );
    case 'ExpiredCodeException':
      return errorBody('Mã xác thực đã hết hạn.', 'The code has expired.');
    case 'PasswordResetRequiredException':
      return errorBody(
        'Quản trị viên đã yêu cầu đặt lại mật khẩu. Liên hệ quản trị đơn vị.',
        'An administrator asked for a password reset. Ask your unit administrator.',
      );
    case 'TooManyRequestsException':
    case 'LimitExceededException':
    case 'TooManyFailedAttemptsException':
      return errorBody(
        'Quá nhiều lần thử, vui lòng đợi ít phút.',
        'Too many attempts; please wait a few minutes.',
      );
    default:
      return errorBody(
        'Không đăng nhập được, vui lòng thử lại.',
        `Could not sign in, please retry${message ? ` (${message})` : ''}.`,
      );
  }
}

/** How the pool answers one step of a sign-in, as amazon-cognito-identity-js calls back. */
export interface SignInCallbacks {
  onSuccess(): void;
  onFailure(error: unknown): void;
  newPasswordRequired(): void;
  totpRequired(): void;
  mfaRequired(): void;
  mfaSetup(): void;
}

/** The calls a sign-in makes on one user of the pool: CognitoUser's, or a pool held in memory. */
export interface PoolUser {
  getUsername(): string;
  authenticateUser(details: AuthenticationDetails, callbacks: SignInCallbacks): void;
  completeNewPasswordChallenge(
    password: string,
    attributes: Record<string, string>,
    callbacks: SignInCallbacks,
  ): void;
  associateSoftwareToken(callbacks: {
    associateSecretCode(secret: string): void;
    onFailure(error: unknown): void;
  }): void;
  verifySoftwareToken(code: string, deviceName: string, callbacks: SignInCallbacks): void;
  sendMFACode(code: string, callbacks: SignInCallbacks, mfaType: string): void;
}

/**
 * The steps of a sign-in against a pool that may ask for a new password (first login), for an
 * authenticator to be enrolled (TOTP secret and its `otpauth:` link) or for its current code.
 */
export class SignInFlow<User extends PoolUser> {
  protected pending: User | undefined;

  constructor(private readonly userFor: (username: string) => User) {}

  private advance(user: User, start: (callbacks: SignInCallbacks) => void): Promise<SignInStep> {
    return new Promise((resolve, reject) => {
      start({
        onSuccess: () => {
          this.pending = undefined;
          resolve({ kind: 'signedIn' });
        },
        onFailure: (error: unknown) => reject(signInRefusal(error)),
        newPasswordRequired: () => resolve({ kind: 'newPassword' }),
        totpRequired: () => resolve({ kind: 'mfaCode' }),
        mfaRequired: () => resolve({ kind: 'mfaCode' }),
        mfaSetup: () =>
          user.associateSoftwareToken({
            associateSecretCode: (secret: string) =>
              resolve({
                kind: 'mfaSetup',
                secret,
                uri: `otpauth://totp/${encodeURIComponent(`${ISSUER}:${user.getUsername()}`)}?secret=${secret}&issuer=${encodeURIComponent(ISSUER)}`,
              }),
            onFailure: (error: unknown) => reject(signInRefusal(error)),
          }),
      });
    });
  }

  signIn(username: string, password: string): Promise<SignInStep> {
    const user = this.userFor(username);
    this.pending = user;
    return this.advance(user, (callbacks) =>
      user.authenticateUser(new AuthenticationDetails({ Username: username, Password: password }), callbacks),
    );
  }

  protected pendingUser(): User {
    if (!this.pending) throw errorBody('Vui lòng đăng nhập lại.', 'Please sign in again.');
    return this.pending;
  }

  setNewPassword(password: string): Promise<SignInStep> {
    const user = this.pendingUser();
    return this.advance(user, (callbacks) => user.completeNewPasswordChallenge(password, {}, callbacks));
  }

  confirmMfaSetup(code: string): Promise<SignInStep> {
    const user = this.pendingUser();
    return this.advance(user, (callbacks) => user.verifySoftwareToken(code, 'Workspace', callbacks));
  }

  sendMfaCode(code: string): Promise<SignInStep> {
    const user = this.pendingUser();
    return this.advance(user, (callbacks) => user.sendMFACode(code, callbacks, 'SOFTWARE_TOKEN_MFA'));
  }
}

/**
 * The officer's session with the pool: SRP sign-in (the password never leaves the browser), the
 * first-login password change, TOTP set-up and codes, and silent renewal with the refresh token.
 * Tokens live in the tab's sessionStorage only: closing the tab ends the session.
 */
export class OfficerSession extends SignInFlow<CognitoUser> {
  private readonly pool: CognitoUserPool;

  constructor(config: SignInConfig) {
    const pool = new CognitoUserPool({
      UserPoolId: config.userPoolId,
      ClientId: config.clientId,
      endpoint: config.endpoint,
      Storage: window.sessionStorage,
    });
    super((username) => {
      const user = new CognitoUser({ Username: username, Pool: pool, Storage: window.sessionStorage });
      user.setAuthenticationFlowType('USER_SRP_AUTH');
      return user;
    });
    this.pool = pool;
  }

  /** Asks Cognito to mail a reset code; answers where it went (masked by Cognito). */
  requestPasswordReset(username: string): Promise<string> {
    const user = new CognitoUser({ Username: username, Pool: this.pool, Storage: window.sessionStorage });
    this.pending = user;
    return new Promise((resolve, reject) =>
      user.forgotPassword({
        onSuccess: () => resolve(''),
        onFailure: (error: unknown) => reject(signInRefusal(error)),
        inputVerificationCode: (data: unknown) => {
          const details =
            typeof data === 'object' && data && 'CodeDeliveryDetails' in data ? data.CodeDeliveryDetails : {};
          const destination =
            typeof details === 'object' && details && 'Destination' in details
              ? String(details.Destination)
              : '';
          resolve(destination);
        },
      }),
    );
  }

  /** Sets the new password with the mailed code; the officer then signs in with it. */
  confirmPasswordReset(code: string, password: string): Promise<void> {
    const user = this.pendingUser();
    return new Promise((resolve, reject) =>
      user.confirmPassword(code, password, {
        onSuccess: () => resolve(),
        onFailure: (error: unknown) => reject(signInRefusal(error)),
      }),
    );
  }

  /** The username of the officer signed in on this tab, if any. */
  username(): string | undefined {
    return this.pool.getCurrentUser()?.getUsername();
  }

  /** A valid ID token, renewed with the refresh token when it has expired; undefined when it cannot be. */
  idToken(): Promise<string | undefined> {
    const user = this.pool.getCurrentUser();
    if (!user) return Promise.resolve(undefined);
    return new Promise((resolve) =>
      user.getSession((error: Error | null, session: CognitoUserSession | null) =>
        resolve(error || !session?.isValid() ? undefined : session.getIdToken().getJwtToken()),
      ),
    );
  }

  /** Ends the session everywhere it can (the refresh token is revoked), and always on this tab. */
  async signOut(): Promise<void> {
    const user = this.pool.getCurrentUser();
    if (!user) return;
    await new Promise<void>((resolve) => user.signOut(() => resolve()));
    window.sessionStorage.clear();
  }
}
