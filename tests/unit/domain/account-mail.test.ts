import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escapeHtml } from '../../../shared/domain/mail/mail-templates.ts';
import {
  type AccountMailInput,
  type AccountMailKind,
  accountMail,
  accountMailKindOf,
  MAX_EMAIL_LENGTH,
  MAX_SMS_LENGTH,
  MAX_SUBJECT_LENGTH,
  PASSWORD_RESET_CODE_HOURS,
  TEMPORARY_PASSWORD_DAYS,
  TEMPORARY_PASSWORD_LENGTH,
  temporaryPassword,
  VERIFICATION_CODE_HOURS,
  workspaceUrlOf,
} from '../../../shared/domain/officers/account-mail.ts';

const KINDS: AccountMailKind[] = [
  'invitation',
  'password_reset',
  'confirmation_code',
  'address_verification',
];
const WORKSPACE = 'https://abc123.execute-api.ap-southeast-1.amazonaws.com/v1/workspace';

const input = (kind: AccountMailKind, overrides: Partial<AccountMailInput> = {}): AccountMailInput => ({
  kind,
  code: { placeholder: '{####}' },
  username: kind === 'invitation' ? { placeholder: '{username}' } : 'can-bo-hoa',
  fullName: 'Nguyễn Thị Hoa',
  agencyName: 'UBND xã Quảng Phú',
  workspaceUrl: WORKSPACE,
  ...overrides,
});

/** The text of the HTML with its tags removed and its entities read back. */
const visibleText = (html: string) =>
  html
    .replace(/<[^>]*>/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');

describe('officer account mails', () => {
  it('maps Cognito’s message events to a mail, and leaves the others to Cognito', () => {
    expect(accountMailKindOf('CustomMessage_AdminCreateUser')).toBe('invitation');
    expect(accountMailKindOf('CustomMessage_ForgotPassword')).toBe('password_reset');
    expect(accountMailKindOf('CustomMessage_ResendCode')).toBe('confirmation_code');
    expect(accountMailKindOf('CustomMessage_UpdateUserAttribute')).toBe('address_verification');
    expect(accountMailKindOf('CustomMessage_VerifyUserAttribute')).toBe('address_verification');
    expect(accountMailKindOf('CustomMessage_SignUp')).toBeUndefined();
    expect(accountMailKindOf('CustomMessage_Authentication')).toBeUndefined();
    expect(accountMailKindOf('PreSignUp_AdminCreateUser')).toBeUndefined();
  });

  it('invites with the username and temporary password placeholders Cognito requires, and the workspace link', () => {
    const mail = accountMail(input('invitation'));
    expect(mail.subject).toBe('Tài khoản cán bộ Một cửa điện tử / Your officer account');
    for (const body of [mail.html, mail.text, mail.sms]) {
      expect(body).toContain('{username}');
      expect(body).toContain('{####}');
    }
    expect(mail.html).toContain(`<a href="${WORKSPACE}">Đăng nhập trang làm việc của cán bộ</a>`);
    expect(mail.text).toContain(`Đăng nhập trang làm việc của cán bộ: ${WORKSPACE}`);
    expect(mail.text).toContain('Kính gửi Ông/Bà Nguyễn Thị Hoa,');
    expect(mail.text).toContain(
      'Quản trị viên đã tạo tài khoản cán bộ của UBND xã Quảng Phú cho Ông/Bà trên hệ thống Một cửa điện tử.',
    );
    expect(mail.text).toContain(
      `Mật khẩu tạm thời: {####} (dùng được trong ${TEMPORARY_PASSWORD_DAYS} ngày)`,
    );
    expect(mail.text).toContain('đổi mật khẩu và cài đặt xác thực hai lớp');
    expect(mail.text).toContain('change the password and set up two-factor authentication');
    expect(mail.text).toContain('Dear Nguyễn Thị Hoa,');
  });

  it('writes Vietnamese first, with its diacritics, then English', () => {
    for (const kind of KINDS) {
      const { html, text } = accountMail(input(kind));
      expect(html.startsWith('<!doctype html><html lang="vi">')).toBe(true);
      expect(html.indexOf('<div lang="vi">')).toBeLessThan(html.indexOf('<div lang="en">'));
      expect(text.indexOf('Kính gửi')).toBeLessThan(text.indexOf('Dear'));
      // Composed Vietnamese letters, in the one spelling the platform uses.
      expect(text).toBe(text.normalize('NFC'));
      expect(text).toMatch(/[ạảãàáâậầấẩẫăắằặẳẵđêềếểễệôồốổỗộơờớởỡợưừứửữự]/);
      expect(text).not.toMatch(/hoá|khoá/);
      expect(visibleText(html)).toContain('Thư được gửi tự động từ hệ thống Một cửa điện tử');
    }
  });

  it('gives each code its validity and tells whoever did not ask to ignore it', () => {
    const reset = accountMail(input('password_reset')).text;
    expect(reset).toContain(
      `Mã đặt lại mật khẩu: {####} (có hiệu lực trong ${PASSWORD_RESET_CODE_HOURS} giờ)`,
    );
    expect(reset).toContain(`(valid for ${PASSWORD_RESET_CODE_HOURS} hour)`);
    expect(reset).toContain('Nếu Ông/Bà không yêu cầu việc này, hãy bỏ qua thư này');
    expect(reset).toContain('If you did not ask for this, ignore this mail');
    expect(reset).toContain('tài khoản cán bộ can-bo-hoa');
    for (const kind of ['confirmation_code', 'address_verification'] as const) {
      const { text } = accountMail(input(kind));
      expect(text).toContain(`{####} (có hiệu lực trong ${VERIFICATION_CODE_HOURS} giờ)`);
      expect(text).toContain(`(valid for ${VERIFICATION_CODE_HOURS} hours)`);
      expect(text).toContain('hãy bỏ qua thư này');
    }
  });

  it('puts the code placeholder in every mail and SMS, within Cognito’s lengths', () => {
    const longest = 'Ư'.repeat(200);
    for (const kind of KINDS) {
      const mail = accountMail(input(kind, { fullName: longest, agencyName: longest }));
      expect(mail.html).toContain('<strong>{####}</strong>');
      expect(mail.sms).toContain('{####}');
      expect(mail.subject.length).toBeLessThanOrEqual(MAX_SUBJECT_LENGTH);
      expect(mail.html.length).toBeLessThanOrEqual(MAX_EMAIL_LENGTH);
      expect(mail.sms.length).toBeLessThanOrEqual(MAX_SMS_LENGTH);
    }
  });

  it('escapes the names it is given, so they add no markup', () => {
    const hostile = '<img src=x onerror="alert(1)"> & Co\'s';
    const mail = accountMail(
      input('password_reset', { fullName: hostile, username: hostile, agencyName: hostile }),
    );
    expect(mail.html).not.toContain('<img');
    expect(mail.html).toContain('&lt;img src=x onerror=&quot;alert(1)&quot;&gt; &amp; Co&#39;s');
    expect(visibleText(mail.html)).toContain(`Kính gửi Ông/Bà ${hostile},`);
    expect(mail.text).toContain(`Kính gửi Ông/Bà ${hostile},`);
  });

  it('adds no element or attribute, whatever the officer’s and agency’s names are', () => {
    const tags = (html: string) => html.match(/<[^>]*>/g);
    fc.assert(
      fc.property(fc.constantFrom(...KINDS), fc.string(), fc.string(), (kind, fullName, agencyName) => {
        const named = accountMail(input(kind, { fullName: `x${fullName}`, agencyName: `y${agencyName}` }));
        const plain = accountMail(input(kind, { fullName: 'x', agencyName: 'y' }));
        expect(tags(named.html)).toEqual(tags(plain.html));
      }),
    );
  });

  it('refuses a placeholder it would have to escape, and leaves the link out when the address is unknown', () => {
    expect(() => accountMail(input('invitation', { code: { placeholder: '<b>{####}</b>' } }))).toThrow(
      /placeholder/,
    );
    const mail = accountMail(
      input('invitation', { workspaceUrl: undefined, fullName: undefined, agencyName: undefined }),
    );
    expect(mail.html).not.toContain('<a ');
    expect(mail.text).toContain('Kính gửi Ông/Bà,');
    expect(mail.text).toContain('Quản trị viên đã tạo tài khoản cán bộ cho Ông/Bà');
    expect(mail.text).toContain('Dear officer,');
  });

  it('makes temporary passwords that meet the pool’s policy and read the same in HTML', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(), { minLength: 64, maxLength: 64 }), (draws) => {
        let next = 0;
        const password = temporaryPassword((n) => (draws[next++ % draws.length] ?? 0) % n);
        expect(password).toHaveLength(TEMPORARY_PASSWORD_LENGTH);
        expect(password.length).toBeGreaterThanOrEqual(12);
        expect(password).toMatch(/[A-Z]/);
        expect(password).toMatch(/[a-z]/);
        expect(password).toMatch(/[0-9]/);
        // Symbols from Cognito's allowed set, none of which HTML reads as markup or an entity.
        expect(password).toMatch(/[!#%*+\-=?@^_~]/);
        expect(password).toMatch(/^[A-Za-z0-9!#%*+\-=?@^_~]+$/);
        expect(escapeHtml(password)).toBe(password);
      }),
    );
  });

  it('finds the workspace under the API’s base URL, in AWS and in the emulator', () => {
    expect(workspaceUrlOf('https://abc123.execute-api.ap-southeast-1.amazonaws.com/v1/')).toBe(WORKSPACE);
    expect(workspaceUrlOf('http://127.0.0.1:4566/_aws/execute-api/b847f455/v1/')).toBe(
      'http://127.0.0.1:4566/_aws/execute-api/b847f455/v1/workspace',
    );
    expect(workspaceUrlOf('https://dichvucong.thanhhoa.gov.vn/v1')).toBe(
      'https://dichvucong.thanhhoa.gov.vn/v1/workspace',
    );
  });
});
