import { mkdirSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { launchBrowser, takeCspViolations } from './browser.ts';

/** Where browser tests keep their screenshots (test artefacts, not committed). */
export const SCREENSHOTS = '.local/test-results/screenshots';

/**
 * The hooks of a browser suite: one Chromium for its tests, closed afterwards; after each test, no
 * page may have had anything blocked by its Content-Security-Policy. Read `browser` inside tests.
 */
export function browserSuite(): { readonly browser: Browser } {
  let browser: Browser | undefined;
  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });
  afterEach(() => {
    expect(takeCspViolations()).toEqual([]);
  });
  return {
    get browser() {
      if (!browser) throw new Error('The browser starts in beforeAll: read it inside a test');
      return browser;
    },
  };
}
