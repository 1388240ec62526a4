import type { BilingualMessage } from './api.ts';

/**
 * What a region shows instead of its content when there is none, or it could not be loaded: the
 * reason in both languages and, when asking again may help, a button that does.
 */
export function emptyState(message: BilingualMessage, retry?: () => void): HTMLElement {
  const box = document.createElement('div');
  box.className = 'empty-state';
  const text = document.createElement('p');
  text.textContent = `${message.vi} / ${message.en}`;
  box.append(text);
  if (retry) {
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'secondary retry';
    button.textContent = 'Thử lại / Retry';
    button.addEventListener('click', retry);
    box.append(button);
  }
  return box;
}
