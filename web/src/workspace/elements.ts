import { isObject } from '../answers.ts';

type Child = Node | string | number | false | null | undefined;
type Attributes = Record<string, string | number | boolean | undefined>;

/**
 * An element with its attributes and children; text is always set as text, never parsed as markup,
 * so what applicants and officers typed cannot inject anything into the page.
 */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Attributes = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === false) continue;
    element.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children) {
    if (child === undefined || child === null || child === false) continue;
    element.append(typeof child === 'number' ? String(child) : child);
  }
  return element;
}

/** Vietnamese text followed by its English, marked as English for screen readers. */
export const both = (vi: string, en: string) => [vi, ' ', h('span', { class: 'en', lang: 'en' }, en)];

export function labelled(
  id: string,
  vi: string,
  en: string,
  control: HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement,
  hint?: string,
): HTMLElement[] {
  control.id = id;
  control.name = id;
  const parts: HTMLElement[] = [h('label', { for: id }, ...both(vi, en)), control];
  if (hint) {
    const hintElement = h('p', { class: 'hint', id: `${id}-hint` }, hint);
    control.setAttribute('aria-describedby', hintElement.id);
    parts.push(hintElement);
  }
  return parts;
}

const vietnamTime = new Intl.DateTimeFormat('vi-VN', {
  timeZone: 'Asia/Ho_Chi_Minh',
  dateStyle: 'short',
  timeStyle: 'short',
});
const vietnamDate = new Intl.DateTimeFormat('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh', dateStyle: 'short' });

export const timeText = (iso: string | undefined) => (iso ? vietnamTime.format(new Date(iso)) : '—');
export const dateText = (iso: string | undefined) => (iso ? vietnamDate.format(new Date(iso)) : '—');

/** Whatever a value holds, as a record to read fields from (answers are checked field by field). */
export const record = (value: unknown): Record<string, unknown> =>
  isObject(value) && !Array.isArray(value) ? value : {};
export const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
export const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
