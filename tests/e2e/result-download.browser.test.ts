import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { openPage } from '../support/browser.ts';
import { apiBase, submittedDossier } from '../support/deployment.ts';
import { settleDossier } from '../support/officers.ts';
import { fitsWidth, portalBrowserSuite, SCREENSHOTS } from '../support/portal-browser.ts';

const COMMUNE = '000.17.22.H56';

describe('the citizen downloads the result from the lookup page, with the keyboard, on a phone', () => {
  const suite = portalBrowserSuite(COMMUNE);

  async function lookUp(page: Page, code: string, secret: string) {
    await page.goto(new URL(`lookup?code=${encodeURIComponent(code)}`, apiBase).toString());
    // The code comes filled in from the link (as in the result-ready mail); the secret is typed.
    expect(await page.getByLabel('Mã hồ sơ').inputValue()).toBe(code);
    await page.getByLabel('Mã tra cứu').fill(secret);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('#result').isVisible()).toBe(true);
  }

  it('offers "Tải kết quả" only once the dossier is settled, then a signed file and the verification link', async () => {
    const { dossierCode: code, lookupSecret: secret } = await submittedDossier({}, { routed: true });

    const page = await openPage(suite.browser, { viewport: { width: 390, height: 844 }, locale: 'vi-VN' });
    await lookUp(page, code, secret);
    expect(await page.getByRole('button', { name: /Tải kết quả/ }).isVisible()).toBe(false);

    await settleDossier(suite.officer, code);
    await lookUp(page, code, secret);
    const button = page.getByRole('button', { name: /Tải kết quả/ });
    await expect.poll(() => button.isVisible()).toBe(true);
    await button.focus();
    await page.keyboard.press('Enter');

    const link = page.getByRole('link', { name: /Lưu tệp kết quả/ });
    await expect.poll(() => link.isVisible(), { timeout: 30_000 }).toBe(true);
    // Focus moves to the link, in a live region that announces it.
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('result-link');
    expect(await page.locator('#result-file').getAttribute('aria-live')).toBe('polite');
    const href = (await link.getAttribute('href')) ?? '';
    expect(href).toContain('X-Amz-Signature=');
    expect(href).not.toContain(secret);
    expect(await link.textContent()).toContain(`${code}-ket-qua.pdf`);
    expect(await page.locator('#result-signature').textContent()).toContain('Đã ký số');
    const verify = page.getByRole('link', { name: /Kiểm tra chữ ký số/ });
    expect(await verify.getAttribute('href')).toContain(`verify?code=${encodeURIComponent(code)}`);
    expect(await fitsWidth(page)).toBe(true);
    await page.screenshot({ path: `${SCREENSHOTS}/lookup-result.png`, fullPage: true });

    // The link the page offers is the file itself.
    const file = await fetch(href);
    expect(file.status).toBe(200);
    expect(
      Buffer.from(await file.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
  });
});
