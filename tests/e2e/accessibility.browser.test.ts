import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { openPage } from '../support/browser.ts';
import { browserSuite } from '../support/browser-suite.ts';
import { apiBase, completeDossierRequest, postJson, waitUntilRouted } from '../support/deployment.ts';
import { fitsWidth, SCREENSHOTS } from '../support/portal-browser.ts';
import { axeViolations } from '../support/workspace.ts';

/** Every page of the citizen portal, checked by axe-core against WCAG 2.1 A and AA, at desk and phone widths. */
describe('the citizen portal’s accessibility', () => {
  const suite = browserSuite();

  const widths = [
    { name: 'desk', viewport: { width: 1280, height: 900 } },
    { name: 'phone', viewport: { width: 390, height: 844 } },
  ];

  async function check(page: Page, name: string) {
    expect(await axeViolations(page)).toEqual([]);
    expect(await fitsWidth(page)).toBe(true);
    await page.screenshot({ path: `${SCREENSHOTS}/a11y-${name}.png`, fullPage: true });
  }

  it.each(widths)(
    'the form, the verification page and the dashboard, $name width',
    async ({ name, viewport }) => {
      const page = await openPage(suite.browser, { viewport, locale: 'vi-VN' });
      await page.goto(apiBase);
      await expect
        .poll(() => page.locator('#procedure option').count(), { timeout: 30_000 })
        .toBeGreaterThan(1);
      await check(page, `form-${name}`);
      await page.goto(new URL('verify', apiBase).toString());
      await check(page, `verify-${name}`);
      await page.goto(new URL('dashboard', apiBase).toString());
      await expect
        .poll(() => page.locator('main').textContent(), { timeout: 30_000 })
        .not.toContain('Đang tải');
      await check(page, `dashboard-${name}`);
      await page.close();
    },
  );

  it.each(widths)('the lookup page with a dossier shown, $name width', async ({ name, viewport }) => {
    const submitted = await postJson<{ dossierCode: string; lookupSecret: string }>(
      '/dossiers',
      await completeDossierRequest(),
    );
    expect(submitted.status).toBe(201);
    await waitUntilRouted(submitted.body.dossierCode);
    const page = await openPage(suite.browser, { viewport, locale: 'vi-VN' });
    await page.goto(
      new URL(`lookup?code=${encodeURIComponent(submitted.body.dossierCode)}`, apiBase).toString(),
    );
    await check(page, `lookup-empty-${name}`);
    await page.getByLabel('Mã tra cứu').fill(submitted.body.lookupSecret);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('#result').isVisible(), { timeout: 30_000 }).toBe(true);
    await check(page, `lookup-${name}`);
    await page.close();
  });
});
