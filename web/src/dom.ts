/**
 * An element the page's markup is known to hold, checked to be of the expected kind; a missing one or
 * one of another kind is a mistake in the page, not a state.
 */
export function byId<T extends HTMLElement>(id: string, kind: abstract new () => T): T;
export function byId(id: string): HTMLElement;
export function byId(id: string, kind: abstract new () => HTMLElement = HTMLElement): HTMLElement {
  const element = document.getElementById(id);
  if (!element) throw new Error(`The page has no element #${id}`);
  if (!(element instanceof kind)) throw new Error(`The page's element #${id} is not a ${kind.name}`);
  return element;
}

/** The current value of a form field of the page, whichever kind of control it is. */
export function fieldValue(id: string): string {
  const element = byId(id);
  if (
    element instanceof HTMLInputElement ||
    element instanceof HTMLSelectElement ||
    element instanceof HTMLTextAreaElement
  )
    return element.value;
  throw new Error(`The page's element #${id} is not a form field`);
}

/** The API's base path: the page's own path without its last segment (`…/lookup` → `…/`). */
export function basePath(pageName: string): string {
  return location.pathname.replace(new RegExp(`${pageName}/?$`), '');
}
