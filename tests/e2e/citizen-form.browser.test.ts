import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openPage, takeCspViolations } from '../support/browser.ts';
import { apiBase } from '../support/deployment.ts';
import { samplePdf } from '../support/sample-files.ts';

describe('the citizen form in a real browser', () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
  });

  // Every page runs under its Content-Security-Policy without unsafe-inline: nothing may be blocked.
  afterEach(() => {
    expect(takeCspViolations()).toEqual([]);
  });

  it('says when the procedures could not be loaded, and loads them on retry', async () => {
    const page = await openPage(browser);
    await page.route(/\/procedures$/, (route) => route.abort());
    await page.goto(apiBase);
    await expect
      .poll(() => page.getByRole('alert').textContent())
      .toBe('Không kết nối được máy chủ. / Could not reach the server.');
    expect(await page.locator('#procedure option').allTextContents()).toEqual([
      '— Không tải được danh sách / The list could not be loaded —',
    ]);
    expect(await page.locator('#catalog-state').textContent()).toContain('Could not reach the server.');
    await page.screenshot({ path: '.local/citizen-form-catalog-failed.png', fullPage: true });

    await page.unroute(/\/procedures$/);
    await page.getByRole('button', { name: 'Thử lại / Retry' }).click();
    await expect.poll(() => page.locator('#procedure option').count()).toBeGreaterThan(20);
    expect(await page.getByRole('alert').textContent()).toBe('');
    expect(await page.locator('#catalog-state').textContent()).toBe('');
    expect(await page.locator('#field-filter option').count()).toBeGreaterThan(1);
  });

  it('submits a dossier with an attachment and shows the signed receipt', async () => {
    const page = await openPage(browser);
    await page.goto(apiBase);
    await expect.poll(() => page.locator('#procedure option').count()).toBeGreaterThan(20);

    await page.getByLabel('Chọn thủ tục').selectOption('1.001193.000.00.00.H56');
    await expect.poll(() => page.locator('#procedure-info').textContent()).toContain('Trong ngày');
    await page.getByLabel('Họ và tên').fill('Đỗ Minh Khôi');
    await page.getByLabel('Số định danh cá nhân').fill('038200009999');
    await page.getByLabel('Địa chỉ').fill('Thôn 5, xã Quảng Bình');
    await page.getByLabel('Số điện thoại').fill('0987654321');
    await page.getByLabel('Thư điện tử').fill('khoi.do@example.vn');
    // One file input per document component, each labelled with the component's name.
    await expect.poll(() => page.locator('#components input[type=file]').count()).toBe(4);
    expect(await page.locator('#components').textContent()).toContain('Bản chính, 1 bản');
    await page.getByLabel(/^Tờ khai đăng ký khai sinh/).setInputFiles({
      name: 'to-khai.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from(await samplePdf('To khai')),
    });
    await page.getByLabel(/^Giấy chứng sinh/).setInputFiles({
      name: 'giay-chung-sinh.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from(await samplePdf()),
    });
    await page.getByRole('button', { name: /Nộp hồ sơ/ }).click();

    const receipt = page.getByRole('region', { name: /Đã nộp hồ sơ/ });
    await receipt.waitFor({ state: 'visible', timeout: 20_000 });
    await expect.poll(() => page.locator('#r-code').textContent()).toMatch(/^000\.17\.22\.H56-\d{6}-\d{4}$/);
    expect(await page.locator('#r-secret').textContent()).toMatch(/^[A-Za-z0-9_-]{22}$/);
    // Submitted, not received: the desk checks it before the receipt and the appointment.
    expect(await page.locator('#r-status').textContent()).toContain('chờ tiếp nhận');
    await page.screenshot({ path: '.local/citizen-form-receipt.png', fullPage: true });
  });

  it('names the mandatory document that was not attached, in both languages', async () => {
    const page = await openPage(browser);
    await page.goto(apiBase);
    await expect.poll(() => page.locator('#procedure option').count()).toBeGreaterThan(20);
    await page.getByLabel('Chọn thủ tục').selectOption('1.001193.000.00.00.H56');
    await page.getByLabel('Họ và tên').fill('Đỗ Minh Khôi');
    await page.getByLabel('Số định danh cá nhân').fill('038200009999');
    await page.getByLabel('Địa chỉ').fill('Thôn 5, xã Quảng Bình');
    await page.getByLabel('Số điện thoại').fill('0987654321');
    await page.getByLabel(/^Tờ khai đăng ký khai sinh/).setInputFiles({
      name: 'to-khai.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from(await samplePdf('To khai')),
    });
    await page.getByRole('button', { name: /Nộp hồ sơ/ }).click();
    const alert = page.getByRole('alert');
    await expect.poll(() => alert.textContent()).toContain('Giấy chứng sinh');
    expect(await alert.textContent()).toContain('Birth certificate');
  });

  it('runs under a hash-based policy that blocks script injected into the page, and reports it', async () => {
    const page = await openPage(browser);
    const response = await page.goto(apiBase);
    const policy = response?.headers()['content-security-policy'] ?? '';
    expect(policy).toMatch(/script-src 'sha256-[A-Za-z0-9+/]+=*'/);
    expect(policy).not.toContain('unsafe-inline');
    await expect.poll(() => page.locator('#procedure option').count()).toBeGreaterThan(20);
    await page.evaluate(() => {
      const script = document.createElement('script');
      script.textContent = 'window.injected = true;';
      document.body.append(script);
      document.body.insertAdjacentHTML('beforeend', '<img src="nothing" onerror="window.injected = true">');
    });
    await expect.poll(() => takeCspViolations().length > 0 || undefined).toBe(true);
    await new Promise((settle) => setTimeout(settle, 500));
    takeCspViolations();
    expect(await page.evaluate(() => (window as unknown as { injected?: boolean }).injected)).toBeUndefined();
  });

  it('announces field errors in both languages', async () => {
    const page = await openPage(browser);
    await page.goto(apiBase);
    await expect.poll(() => page.locator('#procedure option').count()).toBeGreaterThan(20);
    await page.getByLabel('Chọn thủ tục').selectOption('1.001193.000.00.00.H56');
    await page.getByLabel('Họ và tên').fill('Đỗ Minh Khôi');
    await page.getByLabel('Số định danh cá nhân').fill('12');
    await page.getByRole('button', { name: /Nộp hồ sơ/ }).click();
    const alert = page.getByRole('alert');
    await expect.poll(() => alert.textContent()).toContain('applicant.idNumber');
    const text = (await alert.textContent()) ?? '';
    expect(text).toContain('Dữ liệu gửi lên không hợp lệ');
    expect(text).toContain('The request is not valid');
  });
});
