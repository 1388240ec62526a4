import { isErrorBody } from './api.ts';

/** Writes an API error (or a generic one) into the page's alert region in both languages, then focuses it. */
export function showErrorSummary(box: HTMLElement, body: unknown): void {
  const error = isErrorBody(body) ? body.error : undefined;
  box.textContent = '';
  const title = document.createElement('p');
  title.textContent = error
    ? `${error.message.vi} / ${error.message.en}`
    : 'Không gửi được, vui lòng thử lại. / Could not send, please retry.';
  box.append(title);
  if (error?.fields?.length) {
    const list = document.createElement('ul');
    for (const field of error.fields) {
      const item = document.createElement('li');
      item.textContent = `${field.field}: ${field.message.vi} / ${field.message.en}`;
      list.append(item);
    }
    box.append(list);
  }
  box.focus();
}
