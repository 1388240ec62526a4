import { errorBody, isErrorBody, jsonOf, PDF_TIMEOUT_MS } from '../api.ts';
import { both, h, labelled } from './elements.ts';
import type { OfficerCall } from './officer-api.ts';

export interface RegisterContext {
  call: OfficerCall;
  container: HTMLElement;
  showError(body: unknown): void;
}

const today = () => new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);

/** The unit's register of dossiers (Sổ theo dõi hồ sơ) for a period, as the PDF to print or a CSV. */
export function renderRegister(context: RegisterContext): void {
  const heading = h(
    'h1',
    { id: 'view-title', tabindex: '-1' },
    ...both('Sổ theo dõi hồ sơ', 'Register of dossiers'),
  );
  const end = today();
  const from = h('input', { type: 'date', required: true, value: `${end.slice(0, 8)}01` });
  const to = h('input', { type: 'date', required: true, value: end });
  const format = h('select');
  format.append(new Option('PDF (A4 ngang) / PDF (landscape A4)', 'pdf'), new Option('CSV (UTF-8)', 'csv'));
  const result = h('div', { id: 'register-file', 'aria-live': 'polite' });
  const submit = h('button', { type: 'submit' }, 'Lập sổ / Make the register');
  const form = h(
    'form',
    { id: 'register-form', novalidate: true },
    h(
      'fieldset',
      {},
      h('legend', {}, ...both('Kỳ tiếp nhận (tối đa 31 ngày)', 'Received in (31 days at most)')),
      ...labelled('register-from', 'Từ ngày', 'From', from),
      ...labelled('register-to', 'Đến ngày', 'To', to),
      ...labelled('register-format', 'Định dạng', 'Format', format),
    ),
    submit,
  );
  let objectUrl: string | undefined;
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    submit.setAttribute('disabled', '');
    result.replaceChildren(h('p', {}, 'Đang lập sổ… / Making the register…'));
    try {
      const query = new URLSearchParams({ from: from.value, to: to.value, format: format.value });
      const response = await context.call.raw(`/officer/register?${query}`, {}, PDF_TIMEOUT_MS);
      if (!response.ok) {
        const body = await jsonOf(response);
        throw isErrorBody(body)
          ? body
          : errorBody(`Máy chủ trả lời lỗi ${response.status}.`, `The server answered ${response.status}.`);
      }
      if (objectUrl) URL.revokeObjectURL(objectUrl);
      objectUrl = URL.createObjectURL(await response.blob());
      const name = `so-theo-doi-${from.value}-${to.value}.${format.value}`;
      const link = h('a', { href: objectUrl, download: name, id: 'register-link' }, `Lưu / Save: ${name}`);
      result.replaceChildren(
        h('p', {}, link),
        h(
          'p',
          { class: 'hint' },
          'Mở tệp PDF và in trên khổ A4 ngang. / Open the PDF and print it on landscape A4.',
        ),
      );
      link.focus();
    } catch (failure) {
      result.replaceChildren();
      context.showError(
        isErrorBody(failure) ? failure : errorBody('Không lập được sổ.', 'The register could not be made.'),
      );
    } finally {
      submit.removeAttribute('disabled');
    }
  });
  context.container.replaceChildren(heading, form, result);
  heading.focus();
}
