import { escapeHtml } from '../mail/mail-templates.ts';

/**
 * The mails of an officer's sign-in account (invitation, password reset, verification codes), in
 * Vietnamese with English below. Cognito fills the code (and, in an invitation, the username) into the
 * placeholders it names itself; every other value here is escaped.
 */

/** How long a temporary password works: the pool is configured with this (infra/stacks/api-stack.ts). */
export const TEMPORARY_PASSWORD_DAYS = 7;
/** Cognito's fixed lifetimes: a password-reset code, and a code that verifies an address. */
export const PASSWORD_RESET_CODE_HOURS = 1;
export const VERIFICATION_CODE_HOURS = 24;
/** The workspace's sign-in page, relative to the API's base URL. */
export const WORKSPACE_PATH = 'workspace';

/** Cognito's limits on what a custom message trigger answers. */
export const MAX_SUBJECT_LENGTH = 140;
export const MAX_EMAIL_LENGTH = 20_000;
export const MAX_SMS_LENGTH = 140;

/**
 * Cognito writes the temporary password into the HTML invitation unescaped, and its own passwords may
 * hold `<` or `&`, which a mail reader would take for markup. Invitations therefore carry a password
 * from letters, digits and symbols that read the same in HTML, with one of each kind the pool requires.
 */
const PASSWORD_CLASSES = [
  'ABCDEFGHJKLMNPQRSTUVWXYZ',
  'abcdefghijkmnopqrstuvwxyz',
  '23456789',
  '!#%*+-=?@^_~',
] as const;
export const TEMPORARY_PASSWORD_LENGTH = 16;

/** A temporary password meeting the pool's policy; `randomBelow(n)` is a uniform integer in [0, n). */
export function temporaryPassword(randomBelow: (n: number) => number): string {
  const pick = (alphabet: string) => alphabet.charAt(randomBelow(alphabet.length));
  const all = PASSWORD_CLASSES.join('');
  const chars = [
    ...PASSWORD_CLASSES.map(pick),
    ...Array.from({ length: TEMPORARY_PASSWORD_LENGTH - PASSWORD_CLASSES.length }, () => pick(all)),
  ];
  for (let i = chars.length - 1; i > 0; i--) {
    const j = randomBelow(i + 1);
    const [atI, atJ] = [chars[i], chars[j]];
    if (atI !== undefined && atJ !== undefined) [chars[i], chars[j]] = [atJ, atI];
  }
  return chars.join('');
}

export type AccountMailKind = 'invitation' | 'password_reset' | 'confirmation_code' | 'address_verification';

/** Which mail a Cognito message event asks for; undefined leaves Cognito's own message. */
export function accountMailKindOf(triggerSource: string): AccountMailKind | undefined {
  switch (triggerSource) {
    case 'CustomMessage_AdminCreateUser':
      return 'invitation';
    case 'CustomMessage_ForgotPassword':
      return 'password_reset';
    case 'CustomMessage_ResendCode':
      return 'confirmation_code';
    case 'CustomMessage_UpdateUserAttribute':
    case 'CustomMessage_VerifyUserAttribute':
      return 'address_verification';
    default:
      return undefined;
  }
}

/** A placeholder Cognito replaces after the trigger answers, written into the message as it is. */
export interface Placeholder {
  placeholder: string;
}
/** A value written into the message (escaped in HTML), or Cognito's placeholder for it. */
export type Slot = string | Placeholder;

export interface AccountMailInput {
  kind: AccountMailKind;
  /** Cognito's code placeholder (`{####}`): the temporary password of an invitation, else the code. */
  code: Placeholder;
  /** The username: Cognito's placeholder in an invitation (it must be there), else the account's name. */
  username: Slot;
  fullName?: string | undefined;
  agencyName?: string | undefined;
  /** The workspace's sign-in page; left out of the mail when the deployment's address is unknown. */
  workspaceUrl?: string | undefined;
}

export interface AccountMail {
  subject: string;
  html: string;
  text: string;
  /** The short form Cognito sends when the message goes by SMS. */
  sms: string;
}

const PLACEHOLDER = /^\{[^<>&"'\s]{1,40}\}$/;

/** The workspace's sign-in page under the API's base URL (which ends with `/`). */
export function workspaceUrlOf(baseUrl: string): string {
  return new URL(WORKSPACE_PATH, baseUrl.replace(/\/?$/, '/')).href;
}

/** One paragraph in both forms: `html` with values escaped, `text` with values as they are. */
interface Paragraph {
  html: string;
  text: string;
}

function slot(value: Slot, html: boolean): string {
  if (typeof value === 'string') return html ? escapeHtml(value) : value;
  // Written unescaped, so it may hold nothing HTML gives a meaning to.
  if (!PLACEHOLDER.test(value.placeholder))
    throw new Error(`not a Cognito placeholder: ${value.placeholder}`);
  return html ? `<strong>${value.placeholder}</strong>` : value.placeholder;
}

/** A paragraph from literal parts and slots, e.g. p`Tên đăng nhập: ${username}`. */
function p(parts: TemplateStringsArray, ...values: Slot[]): Paragraph {
  const join = (html: boolean) =>
    parts.reduce((out, part, i) => {
      const value = values[i];
      return out + (html ? escapeHtml(part) : part) + (value === undefined ? '' : slot(value, html));
    }, '');
  return { html: join(true), text: join(false) };
}

function link(url: string, label: string): Paragraph {
  return {
    html: `<a href="${escapeHtml(url)}">${escapeHtml(label)}</a><br>${escapeHtml(url)}`,
    text: `${label}: ${url}`,
  };
}

interface Wording {
  subject: string;
  vi: Paragraph[];
  en: Paragraph[];
  sms: Paragraph;
}

function wording(input: AccountMailInput): Wording {
  const { code, username, fullName, agencyName, workspaceUrl } = input;
  const dearVi = fullName ? p`Kính gửi Ông/Bà ${fullName},` : p`Kính gửi Ông/Bà,`;
  const dearEn = fullName ? p`Dear ${fullName},` : p`Dear officer,`;
  const signInVi = workspaceUrl ? [link(workspaceUrl, 'Đăng nhập trang làm việc của cán bộ')] : [];
  const signInEn = workspaceUrl ? [link(workspaceUrl, 'Sign in to the officers’ workspace')] : [];
  const notYouVi = p`Nếu Ông/Bà không yêu cầu việc này, hãy bỏ qua thư này và báo cho quản trị viên của đơn vị.`;
  const notYouEn = p`If you did not ask for this, ignore this mail and tell your unit’s administrator.`;
  switch (input.kind) {
    case 'invitation': {
      const unitVi = agencyName ? p` của ${agencyName}` : p``;
      const unitEn = agencyName ? p` at ${agencyName}` : p``;
      return {
        subject: 'Tài khoản cán bộ Một cửa điện tử / Your officer account',
        vi: [
          dearVi,
          concat(
            p`Quản trị viên đã tạo tài khoản cán bộ`,
            unitVi,
            p` cho Ông/Bà trên hệ thống Một cửa điện tử.`,
          ),
          p`Tên đăng nhập: ${username}`,
          p`Mật khẩu tạm thời: ${code} (dùng được trong ${String(TEMPORARY_PASSWORD_DAYS)} ngày)`,
          ...signInVi,
          p`Ở lần đăng nhập đầu tiên, Ông/Bà sẽ đổi mật khẩu và cài đặt xác thực hai lớp (mã TOTP từ ứng dụng xác thực trên điện thoại).`,
          p`Không chia sẻ mật khẩu với bất kỳ ai. Nếu Ông/Bà không chờ thư này, hãy báo cho quản trị viên của đơn vị.`,
        ],
        en: [
          dearEn,
          concat(
            p`An administrator created your officer account`,
            unitEn,
            p` on the one-stop e-government system.`,
          ),
          p`Username: ${username}`,
          p`Temporary password: ${code} (valid for ${String(TEMPORARY_PASSWORD_DAYS)} days)`,
          ...signInEn,
          p`At your first sign-in you will change the password and set up two-factor authentication (a TOTP code from an authenticator app on your phone).`,
          p`Never share your password. If you did not expect this mail, tell your unit’s administrator.`,
        ],
        sms: p`Một cửa điện tử: tài khoản cán bộ ${username}, mật khẩu tạm thời ${code}.`,
      };
    }
    case 'password_reset':
      return {
        subject: 'Mã đặt lại mật khẩu Một cửa điện tử / Password reset code',
        vi: [
          dearVi,
          p`Có yêu cầu đặt lại mật khẩu cho tài khoản cán bộ ${username}.`,
          p`Mã đặt lại mật khẩu: ${code} (có hiệu lực trong ${String(PASSWORD_RESET_CODE_HOURS)} giờ)`,
          ...signInVi,
          notYouVi,
          p`Mật khẩu hiện tại vẫn dùng được cho đến khi mật khẩu mới được đặt bằng mã này.`,
        ],
        en: [
          dearEn,
          p`A password reset was requested for the officer account ${username}.`,
          p`Password reset code: ${code} (valid for ${String(PASSWORD_RESET_CODE_HOURS)} hour)`,
          ...signInEn,
          notYouEn,
          p`Your current password works until a new one is set with this code.`,
        ],
        sms: p`Một cửa điện tử: mã đặt lại mật khẩu ${code}, hiệu lực ${String(PASSWORD_RESET_CODE_HOURS)} giờ.`,
      };
    case 'confirmation_code':
      return {
        subject: 'Mã xác nhận tài khoản Một cửa điện tử / Account confirmation code',
        vi: [
          dearVi,
          p`Mã xác nhận tài khoản cán bộ ${username}: ${code} (có hiệu lực trong ${String(VERIFICATION_CODE_HOURS)} giờ)`,
          ...signInVi,
          notYouVi,
        ],
        en: [
          dearEn,
          p`The confirmation code of the officer account ${username}: ${code} (valid for ${String(VERIFICATION_CODE_HOURS)} hours)`,
          ...signInEn,
          notYouEn,
        ],
        sms: p`Một cửa điện tử: mã xác nhận ${code}, hiệu lực ${String(VERIFICATION_CODE_HOURS)} giờ.`,
      };
    case 'address_verification':
      return {
        subject: 'Mã xác minh địa chỉ Một cửa điện tử / Address verification code',
        vi: [
          dearVi,
          p`Địa chỉ này vừa được gắn với tài khoản cán bộ ${username} và cần được xác minh.`,
          p`Mã xác minh: ${code} (có hiệu lực trong ${String(VERIFICATION_CODE_HOURS)} giờ)`,
          ...signInVi,
          notYouVi,
        ],
        en: [
          dearEn,
          p`This address was just given to the officer account ${username} and needs to be verified.`,
          p`Verification code: ${code} (valid for ${String(VERIFICATION_CODE_HOURS)} hours)`,
          ...signInEn,
          notYouEn,
        ],
        sms: p`Một cửa điện tử: mã xác minh ${code}, hiệu lực ${String(VERIFICATION_CODE_HOURS)} giờ.`,
      };
  }
}

function concat(...parts: Paragraph[]): Paragraph {
  return { html: parts.map((part) => part.html).join(''), text: parts.map((part) => part.text).join('') };
}

const AUTOMATIC_VI = 'Thư được gửi tự động từ hệ thống Một cửa điện tử, vui lòng không trả lời thư này.';
const AUTOMATIC_EN =
  'This mail was sent automatically by the one-stop e-government system; please do not reply.';

/** The mail, Vietnamese first then English, as HTML (what Cognito sends) and as plain text. */
export function accountMail(input: AccountMailInput): AccountMail {
  const { subject, vi, en, sms } = wording(input);
  const paragraphs = (items: Paragraph[]) => items.map((item) => `<p>${item.html}</p>`).join('');
  const html =
    `<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>` +
    '<body style="font-family:Arial,Helvetica,sans-serif;line-height:1.5;color:#1b1b1b">' +
    `<div lang="vi">${paragraphs(vi)}<p style="color:#555">${escapeHtml(AUTOMATIC_VI)}</p></div>` +
    '<hr>' +
    `<div lang="en">${paragraphs(en)}<p style="color:#555">${escapeHtml(AUTOMATIC_EN)}</p></div>` +
    '</body></html>';
  const text = [
    ...vi.map((item) => item.text),
    AUTOMATIC_VI,
    '',
    '---',
    ...en.map((item) => item.text),
    AUTOMATIC_EN,
  ].join('\n');
  return { subject, html, text, sms: sms.text };
}
