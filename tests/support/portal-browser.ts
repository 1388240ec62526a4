import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { launchBrowser, takeCspViolations } from './browser.ts';
import { signInOfficer } from './officers.ts';

/** Where browser tests keep their screenshots (test artefacts, not committed). */
export const SCREENSHOTS = '.local/test-results/screenshots';

/** No sideways scrolling on a phone: the layout fits the viewport. */
export const fitsWidth = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

/**
 * The hooks of a citizen-portal browser suite: one Chromium and an officer of `agencyCode` (every
 * role) for the dossiers the pages show, closed afterwards; after each test, no page may have had
 * anything blocked by its Content-Security-Policy. Read the fields inside tests, not at collection.
 */
export function portalBrowserSuite(agencyCode: string): { browser: Browser; officer: string } {
  const suite = { browser: undefined as unknown as Browser, officer: '' };
  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    [suite.browser, suite.officer] = await Promise.all([launchBrowser(), signInOfficer(agencyCode)]);
  });
  afterAll(async () => {
    await suite.browser?.close();
  });
  afterEach(() => {
    expect(takeCspViolations()).toEqual([]);
  });
  return suite;
}
