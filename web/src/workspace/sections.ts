import { errorBody, isErrorBody } from '../api.ts';
import { both, h } from './elements.ts';

/** A titled box of a view, named by its heading for screen readers. */
export function section(id: string, vi: string, en: string, ...content: (Node | string)[]): HTMLElement {
  return h(
    'section',
    { class: 'box', id, 'aria-labelledby': `${id}-title` },
    h('h2', { id: `${id}-title` }, ...both(vi, en)),
    ...content,
  );
}

/** A table with its caption and column headers; scrolls sideways inside its box on a phone. */
export function dataTable(
  id: string,
  caption: string,
  heads: [string, string][],
  rows: (Node | string)[][],
): HTMLElement {
  return h(
    'div',
    // why: a wide table scrolls inside its box on a phone, and a scrolling region must take focus.
    { class: 'table-wrap', tabindex: 0, role: 'region', 'aria-label': caption },
    h(
      'table',
      { id },
      h('caption', {}, caption),
      h('thead', {}, h('tr', {}, ...heads.map(([vi, en]) => h('th', { scope: 'col' }, ...both(vi, en))))),
      h('tbody', {}, ...rows.map((cells) => h('tr', {}, ...cells.map((cell) => h('td', {}, cell))))),
    ),
  );
}

/** The view's heading, focused once the view is drawn so screen readers start there. */
export const viewTitle = (vi: string, en: string) =>
  h('h1', { id: 'view-title', tabindex: '-1' }, ...both(vi, en));

/** Marks the navigation link of the view shown (the router clears the others first). */
export function markCurrent(route: string): void {
  document.querySelector(`#nav a[data-route="${route}"]`)?.setAttribute('aria-current', 'page');
}

/**
 * Runs a form's work on submit with its button disabled meanwhile; a failure is shown in the page's
 * alert region in both languages.
 */
export function onSubmit(
  form: HTMLFormElement,
  showError: (body: unknown) => void,
  work: () => Promise<void>,
): HTMLFormElement {
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const button = form.querySelector('button[type=submit]');
    button?.setAttribute('disabled', '');
    try {
      await work();
    } catch (failure) {
      showError(isErrorBody(failure) ? failure : errorBody('Không thực hiện được.', 'The action failed.'));
    } finally {
      button?.removeAttribute('disabled');
    }
  });
  return form;
}

/** A value of a form's control by id, trimmed. */
export function controlValue(form: HTMLElement, id: string): string {
  const control = form.querySelector(`#${id}`);
  return control instanceof HTMLInputElement ||
    control instanceof HTMLSelectElement ||
    control instanceof HTMLTextAreaElement
    ? control.value.trim()
    : '';
}

/** The values of the ticked boxes of a fieldset. */
export const ticked = (form: HTMLElement, name: string) =>
  Array.from(form.querySelectorAll<HTMLInputElement>(`input[name="${name}"]:checked`)).map(
    (box) => box.value,
  );

/** A row of checkboxes sharing a name, each labelled in both languages. */
export function checkboxes(
  prefix: string,
  legendVi: string,
  legendEn: string,
  options: [string, string][],
  checked: readonly string[] = [],
): HTMLFieldSetElement {
  return h(
    'fieldset',
    {},
    h('legend', {}, ...both(legendVi, legendEn)),
    ...options.map(([value, text], index) =>
      h(
        'label',
        { class: 'inline' },
        h('input', {
          type: 'checkbox',
          name: prefix,
          id: `${prefix}-${index}`,
          value,
          checked: checked.includes(value),
        }),
        text,
      ),
    ),
  );
}
