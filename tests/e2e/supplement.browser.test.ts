import { describe, expect, it } from 'vitest';
import { openPage } from '../support/browser.ts';
import { apiBase, readDossier, submittedDossier } from '../support/deployment.ts';
import { officerAct } from '../support/officers.ts';
import { fitsWidth, portalBrowserSuite, SCREENSHOTS } from '../support/portal-browser.ts';
import { samplePdf } from '../support/sample-files.ts';

const COMMUNE = '000.17.22.H56';

describe('the citizen supplies documents from the lookup page, on a phone-sized screen', () => {
  // The page uploads to the bucket under its Content-Security-Policy: nothing may be blocked.
  const suite = portalBrowserSuite(COMMUNE);

  it('shows what was asked for, announces a missing or wrong file, then uploads and sends', async () => {
    const { dossierCode: code, lookupSecret: secret } = await submittedDossier({}, { routed: true });
    for (const type of ['accept', 'forward'])
      expect((await officerAct(suite.officer, code, { type })).status).toBe(200);
    const asked = await officerAct(suite.officer, code, {
      type: 'request_supplement',
      reason: 'Thiếu giấy chứng sinh',
      documents: ['Giấy chứng sinh (bản chính)'],
    });
    expect(asked.status).toBe(200);

    const page = await openPage(suite.browser, { viewport: { width: 390, height: 844 }, locale: 'vi-VN' });
    await page.goto(new URL(`lookup?code=${encodeURIComponent(code)}`, apiBase).toString());
    await page.getByLabel('Mã tra cứu').fill(secret);
    await page.getByRole('button', { name: /Tra cứu/ }).click();
    const section = page.locator('#supplement-section');
    await expect.poll(() => section.isVisible()).toBe(true);
    // The steps of the process in plain words: received at the desk, now with the specialist.
    expect(await page.locator('#s-progress li').allTextContents()).toEqual([
      expect.stringContaining('Bộ phận một cửa đã tiếp nhận hồ sơ'),
      expect.stringContaining('Chuyên viên đang thẩm định hồ sơ'),
    ]);
    expect(await page.locator('#supplement-reason').textContent()).toBe('Thiếu giấy chứng sinh');
    expect(await page.locator('#supplement-documents li').allTextContents()).toEqual([
      'Giấy chứng sinh (bản chính)',
    ]);

    // Nothing chosen: refused in the page and announced.
    await page.getByRole('button', { name: /Gửi hồ sơ bổ sung/ }).click();
    await expect
      .poll(() => page.getByRole('alert').textContent())
      .toContain('Vui lòng chọn ít nhất một tệp.');
    expect(await page.getByLabel('Tệp giấy tờ bổ sung').getAttribute('aria-invalid')).toBe('true');

    // A file of another type: refused before any upload, named in the alert.
    await page.getByLabel('Tệp giấy tờ bổ sung').setInputFiles({
      name: 'ghi-chu.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from('không phải PDF'),
    });
    await page.getByRole('button', { name: /Gửi hồ sơ bổ sung/ }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('ghi-chu.txt');

    await page.getByLabel('Tệp giấy tờ bổ sung').setInputFiles({
      name: 'giay-chung-sinh.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from(await samplePdf('Giay chung sinh ban chinh')),
    });
    await page.getByLabel(/Ghi chú cho cơ quan/).fill('Bản chụp bản chính');
    await page.getByRole('button', { name: /Gửi hồ sơ bổ sung/ }).click();
    await expect
      .poll(() => page.locator('#supplement-status').textContent(), { timeout: 30_000 })
      .toContain('Đã gửi 1 tệp bổ sung');
    // The page shows the dossier again: still waiting for the officer, now marked supplied.
    await expect.poll(() => page.locator('#supplement-supplied').isVisible()).toBe(true);
    expect(await page.locator('#s-history li').last().textContent()).toContain('giay-chung-sinh.pdf');
    expect(await fitsWidth(page)).toBe(true);
    await page.screenshot({ path: `${SCREENSHOTS}/lookup-supplement.png`, fullPage: true });

    const stored = await readDossier(code);
    // The documents bound at submission stay; the supplied file is added after them, marked supplied.
    expect(stored?.attachments.map((file) => [file.fileName, Boolean(file.suppliedAt)])).toEqual([
      ['to-khai.pdf', false],
      ['giay-chung-sinh.pdf', false],
      ['giay-chung-sinh.pdf', true],
    ]);
  });
});
