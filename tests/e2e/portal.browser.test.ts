import { describe, expect, it } from 'vitest';
import { openPage } from '../support/browser.ts';
import { apiBase, readDossier, waitUntilRouted } from '../support/deployment.ts';
import { settleDossier } from '../support/officers.ts';
import { fitsWidth, portalBrowserSuite, SCREENSHOTS } from '../support/portal-browser.ts';
import { samplePdf } from '../support/sample-files.ts';

const COMMUNE = '000.17.22.H56';

describe('the citizen portal in a real browser, on a phone-sized screen', () => {
  // Every page runs under its Content-Security-Policy without unsafe-inline: nothing may be blocked.
  const suite = portalBrowserSuite(COMMUNE);

  it('finds a procedure, submits with an upload, looks the dossier up and leaves feedback', async () => {
    const page = await openPage(suite.browser, { viewport: { width: 390, height: 844 }, locale: 'vi-VN' });
    await page.goto(apiBase);
    await expect.poll(() => page.locator('#procedure option').count()).toBeGreaterThan(20);

    // Search without diacritics, then narrow by field and agency.
    await page.getByLabel('Tìm thủ tục').fill('dang ky khai sinh');
    await page.getByLabel('Lĩnh vực').selectOption('Hộ tịch');
    await page.getByLabel('Cơ quan giải quyết').selectOption(COMMUNE);
    await expect.poll(() => page.locator('#match-count').textContent()).toMatch(/^Tìm thấy [1-5] thủ tục/);
    const options = await page.locator('#procedure option').allTextContents();
    expect(options.slice(1).every((text) => /khai sinh/i.test(text))).toBe(true);
    await page.getByLabel('Chọn thủ tục').selectOption('1.001193.000.00.00.H56');
    const info = page.locator('#procedure-info');
    await expect
      .poll(() => info.textContent())
      .toContain('Giấy chứng sinh (Bản chính, 1 bản / 1 copy) (bắt buộc / required)');
    expect(await info.textContent()).toMatch(/Trong ngày.*Miễn phí.*Toàn trình/s);

    await page.getByLabel('Họ và tên').fill('Lê Thị Mai');
    await page.getByLabel('Số định danh cá nhân').fill('038200007777');
    await page.getByLabel('Địa chỉ').fill('Thôn 3, xã Quảng Bình');
    await page.getByLabel('Số điện thoại').fill('0911222333');

    // One drop zone per document component; each zone's file input is the keyboard way in.
    const zone = (name: RegExp) =>
      page.locator('.component', { has: page.locator('label', { hasText: name }) });
    const birthCertificate = zone(/^Giấy chứng sinh/);
    const declaration = zone(/^Tờ khai đăng ký khai sinh/);
    await birthCertificate.locator('input[type=file]').focus();
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-required'))).toBe('true');
    // Checked in the page before any upload: a wrong type is refused and announced.
    await birthCertificate.locator('input[type=file]').setInputFiles({
      name: 'ghi-chu.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from('không phải PDF'),
    });
    await expect
      .poll(() => page.getByRole('alert').textContent())
      .toContain('Chỉ nhận tệp PDF, JPEG hoặc PNG');
    await page.getByRole('button', { name: 'Bỏ tệp ghi-chu.txt' }).click();
    // Both mandatory components: the declaration and the birth certificate.
    await declaration.locator('input[type=file]').setInputFiles({
      name: 'to-khai.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from(await samplePdf('To khai dang ky khai sinh')),
    });
    await birthCertificate.locator('input[type=file]').setInputFiles({
      name: 'giay-chung-sinh.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from(await samplePdf('Giay chung sinh')),
    });
    for (const [box, fileName] of [
      [declaration, 'to-khai.pdf'],
      [birthCertificate, 'giay-chung-sinh.pdf'],
    ] as const) {
      const item = box.locator('.file-list li', { hasText: fileName });
      await expect.poll(() => item.textContent(), { timeout: 20_000 }).toContain('Đã tải lên / Uploaded');
    }
    expect(await page.locator('.file-list li').count()).toBe(2);
    expect(await fitsWidth(page)).toBe(true);
    await page.screenshot({ path: `${SCREENSHOTS}/portal-form.png`, fullPage: true });

    await page.getByRole('button', { name: /Nộp hồ sơ/ }).click();
    await page.getByRole('region', { name: /Đã nộp hồ sơ/ }).waitFor({ state: 'visible', timeout: 20_000 });
    const code = (await page.locator('#r-code').textContent()) ?? '';
    const secret = (await page.locator('#r-secret').textContent()) ?? '';
    expect(code).toMatch(/^000\.17\.22\.H56-\d{6}-\d{4}$/);
    expect(secret).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(await page.locator('#r-status').textContent()).toContain('chờ tiếp nhận');
    expect((await readDossier(code))?.attachments.map((a) => [a.fileName, a.documentCode]).sort()).toEqual([
      ['giay-chung-sinh.pdf', 'GIAY_CHUNG_SINH'],
      ['to-khai.pdf', 'TO_KHAI'],
    ]);

    await page.screenshot({ path: `${SCREENSHOTS}/portal-receipt.png`, fullPage: true });

    await page.getByRole('link', { name: /Tra cứu tình trạng hồ sơ/ }).click();
    await page.waitForURL(/\/lookup\?code=/);
    expect(await page.getByLabel('Mã hồ sơ').inputValue()).toBe(code);
    await page.getByLabel('Mã tra cứu').fill(secret);
    await page.getByRole('button', { name: /Tra cứu/ }).click();
    const history = page.locator('#s-history li');
    await expect.poll(() => history.count()).toBeGreaterThanOrEqual(1);
    expect(await history.first().textContent()).toContain('Mới đăng ký / Submitted');
    expect(await page.locator('#s-status').textContent()).toBe('Mới đăng ký');
    // Not received yet: no receipt time, hence no appointment and no time left to count.
    expect(await page.locator('#s-received').textContent()).toBe('Chờ tiếp nhận / Awaiting reception');
    expect(await page.locator('#s-holder').textContent()).toContain('Quảng Bình');
    expect(await page.locator('#feedback-section').isHidden()).toBe(true);
    expect(await fitsWidth(page)).toBe(true);
    await page.screenshot({ path: `${SCREENSHOTS}/lookup-in-progress.png`, fullPage: true });

    await waitUntilRouted(code);
    await settleDossier(suite.officer, code);
    await page.getByRole('button', { name: /Tra cứu/ }).click();
    await expect.poll(() => page.locator('#s-status').textContent()).toBe('Đã xử lý xong');
    expect(await page.locator('#s-remaining').textContent()).toContain('Settled');

    const comment = 'Cán bộ hướng dẫn tận tình.\n<b>Cảm ơn</b>';
    await page.getByLabel('4 – Hài lòng').check();
    await page.getByLabel('Góp ý').fill(comment);
    await page.getByRole('button', { name: /Gửi đánh giá/ }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Cảm ơn' }).count()).toBe(1);
    expect(await page.locator('#feedback-form').isHidden()).toBe(true);
    expect(await page.locator('#given-rating').textContent()).toContain('4/5');
    // Shown as text: the markup in the comment is not rendered.
    expect(await page.locator('#given-comment').textContent()).toBe(comment);
    expect(await page.locator('#given-comment b').count()).toBe(0);
    expect((await readDossier(code))?.feedback).toMatchObject({ rating: 4, comment });
    await page.screenshot({ path: `${SCREENSHOTS}/lookup-feedback.png`, fullPage: true });

    // Looked up again later, the feedback is shown and no second form is offered.
    await page.reload();
    await page.getByLabel('Mã tra cứu').fill(secret);
    await page.getByRole('button', { name: /Tra cứu/ }).click();
    await expect.poll(() => page.locator('#given-rating').textContent()).toContain('4/5');
    expect(await page.locator('#feedback-form').isHidden()).toBe(true);
  });

  it('shows a wrong lookup secret as an announced error', async () => {
    const page = await openPage(suite.browser);
    await page.goto(new URL('lookup?code=000.17.22.H56-261124-0001', apiBase).toString());
    await page.getByLabel('Mã tra cứu').fill('A'.repeat(22));
    await page.getByRole('button', { name: /Tra cứu/ }).click();
    await expect
      .poll(() => page.getByRole('alert').textContent())
      .toContain('No dossier matches this code and lookup secret.');
    expect(await page.locator('#result').isHidden()).toBe(true);
  });
});
