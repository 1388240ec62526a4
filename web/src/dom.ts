/** An element the page's markup is known to hold; a missing one is a mistake in the page, not a state. */
export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const element = document.getElementById(id);
  if (!element) throw new Error(`The page has no element #${id}`);
  return element as T;
}

/** The API's base path: the page's own path without its last segment (`…/lookup` → `…/`). */
export function basePath(pageName: string): string {
  return location.pathname.replace(new RegExp(`${pageName}/?$`), '');
}
