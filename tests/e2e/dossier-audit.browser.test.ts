import { describe, expect, it } from 'vitest';
import { openPage } from '../support/browser.ts';
import { browserSuite } from '../support/browser-suite.ts';
import { completeDossierRequest, postJson, waitUntilRouted } from '../support/deployment.ts';
import { receiveDossier, signInOfficer } from '../support/officers.ts';
import { fitsWidth, SCREENSHOTS } from '../support/portal-browser.ts';
import { activeOfficer, axeViolations, signInOnPage, workspaceUrl } from '../support/workspace.ts';

const COMMUNE = '000.17.22.H56';
const EMAIL = 'hoa.nguyen@example.vn';

describe('the dossier page’s audit trail and mails', () => {
  const suite = browserSuite();

  it('loads the entries and the receipt mail on a phone, from the keyboard, masked and accessible', async () => {
    const [officer, desk] = await Promise.all([
      activeOfficer(COMMUNE, ['tiep_nhan'], 'nk'),
      signInOfficer(COMMUNE, ['tiep_nhan']),
    ]);
    const submitted = await postJson<{ dossierCode: string }>('/dossiers', await completeDossierRequest());
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(201);
    const code = submitted.body.dossierCode;
    await waitUntilRouted(code);
    await receiveDossier(desk, code);

    const page = await openPage(suite.browser, { viewport: { width: 390, height: 844 }, locale: 'vi-VN' });
    await signInOnPage(page, officer.username, officer.password);
    // By its address: the queue's search is the workspace suite's concern, and lags under load.
    await page.goto(`${workspaceUrl()}#/ho-so/${encodeURIComponent(code)}`);
    await expect.poll(() => page.locator('#view-title').textContent(), { timeout: 30_000 }).toContain(code);
    const load = page.locator('#load-audit');
    const trail = page.locator('#audit-trail');
    // The receipt mail is recorded when the mail sender has sent it: load again until it is listed.
    await expect
      .poll(
        async () => {
          await load.focus();
          await page.keyboard.press('Enter');
          await expect.poll(() => load.isEnabled()).toBe(true);
          return trail.getByRole('region', { name: /Thư đã gửi/ }).textContent();
        },
        { timeout: 30_000, interval: 1000 },
      )
      .toContain('receipt');
    expect(await trail.textContent()).toContain('Toàn vẹn');
    expect(await trail.getByRole('region', { name: /Nhật ký hồ sơ/ }).textContent()).toContain('accept');
    expect(await trail.textContent()).not.toContain(EMAIL);
    expect(await fitsWidth(page)).toBe(true);
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: `${SCREENSHOTS}/workspace-audit-trail.png`, fullPage: true });
    await page.close();
  });
});
