import { errorBody, isErrorBody } from './api.ts';
import { byId, fieldValue } from './dom.ts';
import { showErrorSummary } from './error-summary.ts';
import { renderAdmin, showAdminLink } from './workspace/admin-view.ts';
import { renderCalendar } from './workspace/calendar-view.ts';
import { renderDocuments } from './workspace/documents-view.ts';
import { renderDossier } from './workspace/dossier-view.ts';
import { list, record, str } from './workspace/elements.ts';
import { renderIntake } from './workspace/intake-view.ts';
import { officerApi } from './workspace/officer-api.ts';
import { renderQueue } from './workspace/queue-view.ts';
import { renderRegister } from './workspace/register-view.ts';
import { onSubmit } from './workspace/sections.ts';
import {
  meetsPasswordPolicy,
  OfficerSession,
  type SignInConfig,
  type SignInStep,
  WEAK_PASSWORD,
} from './workspace/session.ts';

function signInConfig(): SignInConfig {
  const meta = document.querySelector('meta[name="motcua-sign-in"]');
  const config = record(JSON.parse(meta?.getAttribute('content') ?? '{}'));
  return {
    userPoolId: str(config.userPoolId) ?? '',
    clientId: str(config.clientId) ?? '',
    endpoint: str(config.endpoint) ?? '',
  };
}

const session = new OfficerSession(signInConfig());
const errors = byId('errors');
const status = byId('status');
const view = byId('view');
const signInSection = byId('sign-in');
const forms = {
  password: byId('sign-in-form', HTMLFormElement),
  newPassword: byId('new-password-form', HTMLFormElement),
  mfaSetup: byId('mfa-setup-form', HTMLFormElement),
  mfa: byId('mfa-form', HTMLFormElement),
};
const dialog = byId('reauth', HTMLDialogElement);

const showError = (body: unknown) => showErrorSummary(errors, body);
const announce = (message: string) => {
  status.textContent = message;
};

let waitingForReauth: Promise<void> | undefined;

/** The session ended mid-work: sign in again in a dialog, keeping the page and what was typed. */
function reauthenticate(): Promise<void> {
  waitingForReauth ??= new Promise<void>((resolve) => {
    const username = session.username() ?? signedInAs;
    byId('reauth-user').textContent = username;
    const code = byId('reauth-code', HTMLInputElement);
    const codeLabel = byId('reauth-code-label');
    const box = byId('reauth-errors');
    let step: SignInStep | undefined;
    const form = byId('reauth-form', HTMLFormElement);
    const onSubmit = async (event: SubmitEvent) => {
      event.preventDefault();
      box.textContent = '';
      try {
        step =
          step?.kind === 'mfaCode'
            ? await session.sendMfaCode(code.value.trim())
            : await session.signIn(username, fieldValue('reauth-password'));
        if (step.kind === 'signedIn') {
          form.removeEventListener('submit', onSubmit);
          byId('reauth-password', HTMLInputElement).value = '';
          code.value = '';
          dialog.close();
          waitingForReauth = undefined;
          resolve();
        } else if (step.kind === 'mfaCode') {
          code.hidden = false;
          codeLabel.hidden = false;
          code.focus();
        } else {
          showErrorSummary(
            box,
            errorBody('Hãy đăng nhập lại từ đầu.', 'Please sign in again from the start.'),
          );
        }
      } catch (failure) {
        showErrorSummary(box, failure);
      }
    };
    form.addEventListener('submit', onSubmit);
    dialog.showModal();
    byId('reauth-password', HTMLInputElement).focus();
  });
  return waitingForReauth;
}

const call = officerApi({ idToken: () => session.idToken(), reauthenticate });

let unitCode = '';
/** Kept in memory so that a session that ended can be resumed by the same officer. */
let signedInAs = '';
/** The profile read at entry: the first view is drawn meanwhile, and only counter intake waits for it. */
let profileShown: Promise<boolean> = Promise.resolve(false);

async function showProfile(): Promise<boolean> {
  const answer = await call.json('/officer/me');
  if (!answer.ok) {
    showError(answer.body);
    return false;
  }
  const profile = record(answer.body);
  const unit = record(profile.unit);
  unitCode = str(unit.code) ?? '';
  signedInAs = str(profile.username) ?? '';
  showAdminLink(list(profile.roles));
  const roles = list(profile.roles)
    .map(record)
    .map((role) => str(role.vi))
    .filter(Boolean)
    .join(', ');
  byId('who-name').textContent =
    `${str(profile.username) ?? ''} · ${str(unit.name) ?? ''}${roles ? ` · ${roles}` : ''}`;
  return true;
}

async function route(): Promise<void> {
  errors.textContent = '';
  const hash = location.hash.replace(/^#/, '') || '/';
  const [path = '/', query = ''] = hash.split('?');
  const params = new URLSearchParams(query);
  for (const link of Array.from(document.querySelectorAll<HTMLAnchorElement>('#nav a[data-route]'))) {
    const current =
      (link.dataset.route === 'queue' && (path === '/' || path === '')) ||
      (link.dataset.route === 'intake' && path === '/tiep-nhan') ||
      (link.dataset.route === 'register' && path === '/so-theo-doi') ||
      (link.dataset.route === 'calendar' && path === '/lich') ||
      (link.dataset.route === 'documents' && path.startsWith('/van-ban')) ||
      (link.dataset.route === 'admin' && path === '/quan-tri');
    if (current) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  const dossier = path.match(/^\/ho-so\/(.+)$/);
  if (dossier?.[1]) {
    await renderDossier({ call, container: view, showError, announce }, decodeURIComponent(dossier[1]));
    return;
  }
  if (path === '/lich') {
    document.title = 'Lịch làm việc – Một cửa điện tử';
    await renderCalendar({ call, container: view, showError }, params);
    return;
  }
  if (path === '/so-theo-doi') {
    document.title = 'Sổ theo dõi hồ sơ – Một cửa điện tử';
    renderRegister({ call, container: view, showError });
    return;
  }
  if (path.startsWith('/van-ban')) {
    await renderDocuments({ call, container: view, showError, announce }, path, params);
    return;
  }
  if (path === '/quan-tri') {
    await renderAdmin({ call, container: view, showError, announce });
    return;
  }
  if (path === '/tiep-nhan') {
    document.title = 'Tiếp nhận tại quầy – Một cửa điện tử';
    await profileShown;
    await renderIntake({ call, container: view, unitCode, showError });
    return;
  }
  document.title = 'Hồ sơ cần xử lý – Một cửa điện tử';
  await renderQueue({ call, container: view, showError }, params);
}

async function enterWorkspace(): Promise<void> {
  signInSection.hidden = true;
  const parts = [byId('nav'), byId('who'), view];
  for (const part of parts) part.hidden = false;
  // The profile and the first view are asked for at once: one round trip before the queue, not two.
  profileShown = showProfile();
  const [shown] = await Promise.all([profileShown, route()]);
  if (shown) return;
  for (const part of parts) part.hidden = true;
  signInSection.hidden = false;
}

function showStep(step: SignInStep): void {
  for (const form of Object.values(forms)) form.hidden = true;
  errors.textContent = '';
  switch (step.kind) {
    case 'signedIn':
      void enterWorkspace();
      return;
    case 'newPassword':
      forms.newPassword.hidden = false;
      byId('new-password', HTMLInputElement).focus();
      return;
    case 'mfaSetup':
      forms.mfaSetup.hidden = false;
      byId('mfa-secret').textContent = step.secret;
      byId('mfa-link', HTMLAnchorElement).href = step.uri;
      byId('mfa-setup-code', HTMLInputElement).focus();
      return;
    case 'mfaCode':
      forms.mfa.hidden = false;
      byId('mfa-code', HTMLInputElement).focus();
      return;
  }
}

function handle(form: HTMLFormElement, next: () => Promise<SignInStep>): void {
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const button = form.querySelector('button[type=submit]');
    button?.setAttribute('disabled', '');
    try {
      showStep(await next());
    } catch (failure) {
      showError(isErrorBody(failure) ? failure : errorBody('Không đăng nhập được.', 'Could not sign in.'));
    } finally {
      button?.removeAttribute('disabled');
    }
  });
}

handle(forms.password, () => {
  if (!fieldValue('username').trim() || !fieldValue('password'))
    return Promise.reject(errorBody('Nhập tên đăng nhập và mật khẩu.', 'Enter your username and password.'));
  return session.signIn(fieldValue('username').trim(), fieldValue('password'));
});
handle(forms.newPassword, () => {
  if (!meetsPasswordPolicy(fieldValue('new-password'))) return Promise.reject(WEAK_PASSWORD);
  if (fieldValue('new-password') !== fieldValue('new-password-again'))
    return Promise.reject(
      errorBody('Hai lần nhập mật khẩu mới không khớp.', 'The two new passwords differ.'),
    );
  return session.setNewPassword(fieldValue('new-password'));
});
handle(forms.mfaSetup, () => session.confirmMfaSetup(fieldValue('mfa-setup-code').trim()));
handle(forms.mfa, () => session.sendMfaCode(fieldValue('mfa-code').trim()));

const resetRequest = byId('reset-request-form', HTMLFormElement);
const reset = byId('reset-form', HTMLFormElement);

function showOnly(form: HTMLFormElement, focus: string): void {
  for (const other of [...Object.values(forms), resetRequest, reset]) other.hidden = other !== form;
  byId(focus, HTMLInputElement).focus();
}

byId('forgot').addEventListener('click', () => {
  errors.textContent = '';
  byId('reset-username', HTMLInputElement).value = fieldValue('username');
  showOnly(resetRequest, 'reset-username');
});

/** The password-reset forms: the previous error goes when a form is sent again. */
const onResetSubmit = (form: HTMLFormElement, work: () => Promise<void>) =>
  onSubmit(form, showError, async () => {
    errors.textContent = '';
    await work();
  });

onResetSubmit(resetRequest, async () => {
  const username = fieldValue('reset-username').trim();
  if (!username) throw errorBody('Nhập tên đăng nhập.', 'Enter your username.');
  const destination = await session.requestPasswordReset(username);
  byId('reset-sent').textContent = destination
    ? `Mã đã được gửi đến ${destination}. / The code was sent to ${destination}.`
    : 'Mã đã được gửi đến thư điện tử của tài khoản. / The code was sent to the account’s e-mail.';
  showOnly(reset, 'reset-code');
});

onResetSubmit(reset, async () => {
  if (!meetsPasswordPolicy(fieldValue('reset-password'))) throw WEAK_PASSWORD;
  if (fieldValue('reset-password') !== fieldValue('reset-password-again'))
    throw errorBody('Hai lần nhập mật khẩu mới không khớp.', 'The two new passwords differ.');
  await session.confirmPasswordReset(fieldValue('reset-code').trim(), fieldValue('reset-password'));
  byId('username', HTMLInputElement).value = fieldValue('reset-username').trim();
  byId('password', HTMLInputElement).value = '';
  announce('Đã đặt mật khẩu mới, hãy đăng nhập. / The new password is set: sign in with it.');
  showOnly(forms.password, 'password');
});

byId('sign-out').addEventListener('click', async () => {
  await session.signOut();
  location.hash = '';
  location.reload();
});
byId('reauth-cancel').addEventListener('click', async () => {
  await session.signOut();
  location.hash = '';
  location.reload();
});
// Escape would leave the page waiting for a session that never comes back.
dialog.addEventListener('cancel', (event) => event.preventDefault());
window.addEventListener('hashchange', () => {
  if (!view.hidden) void route();
});

void (async () => {
  if (await session.idToken()) await enterWorkspace();
  else {
    signInSection.hidden = false;
    byId('username', HTMLInputElement).focus();
  }
})();
