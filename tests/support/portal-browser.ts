import type { Page } from 'playwright-core';
import { beforeAll } from 'vitest';
import { browserSuite } from './browser-suite.ts';
import { signInOfficer } from './officers.ts';

export { SCREENSHOTS } from './browser-suite.ts';

/** No sideways scrolling on a phone: the layout fits the viewport. */
export const fitsWidth = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

/**
 * A browser suite (`browserSuite`) with an officer of `agencyCode` (every role) for the dossiers the
 * citizen pages show. Read the fields inside tests, not at collection.
 */
export function portalBrowserSuite(agencyCode: string) {
  const hooks = browserSuite();
  let officer = '';
  beforeAll(async () => {
    officer = await signInOfficer(agencyCode);
  });
  return {
    get browser() {
      return hooks.browser;
    },
    get officer() {
      return officer;
    },
  };
}
