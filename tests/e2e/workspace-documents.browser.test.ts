import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { openPage } from '../support/browser.ts';
import { browserSuite } from '../support/browser-suite.ts';
import { fitsWidth, SCREENSHOTS } from '../support/portal-browser.ts';
import { samplePdf } from '../support/sample-files.ts';
import { activeOfficer, actOnPage, axeViolations, signInOnPage, workspaceUrl } from '../support/workspace.ts';

const COMMUNE = '000.17.22.H56';
const PROVINCE = '000.00.00.H56';

/** Opens a link of the page with the keyboard: focus, then Enter. */
async function follow(page: Page, name: string | RegExp) {
  const link = page.getByRole('link', { name }).first();
  await expect.poll(() => link.isVisible(), { timeout: 30_000 }).toBe(true);
  await link.focus();
  await page.keyboard.press('Enter');
}

/** Reopens a document page until its text shows `text` (steps come back through the tier queues). */
async function documentShows(page: Page, id: string, text: string) {
  await expect
    .poll(
      async () => {
        await page.goto(`${workspaceUrl()}#/van-ban/${id}`);
        await page.reload();
        await page.locator('#acknowledgements').waitFor({ timeout: 30_000 });
        return page.locator('main').textContent();
      },
      { timeout: 90_000, interval: 2_000 },
    )
    .toContain(text);
}

describe('document exchange in the officers’ workspace', () => {
  const suite = browserSuite();

  const shot = (page: Page, name: string) =>
    page.screenshot({ path: `${SCREENSHOTS}/workspace-docs-${name}.png`, fullPage: true });

  it('sends a document from a commune to the province, which accepts it; the commune sees the acknowledgement, exports and re-reads the edXML, then recalls it', async () => {
    const [clerk, provinceClerk] = await Promise.all([
      activeOfficer(COMMUNE, ['van_thu'], 'vt'),
      activeOfficer(PROVINCE, ['van_thu'], 'vtt'),
    ]);
    const subject = `Báo cáo cải cách hành chính ${randomUUID().slice(0, 8)}`;

    // The commune's clerk writes and sends the document with the keyboard.
    const page = await openPage(suite.browser, { locale: 'vi-VN' });
    await signInOnPage(page, clerk.username, clerk.password);
    await follow(page, /Văn bản liên thông/);
    await expect
      .poll(() => page.locator('#documents-results').textContent(), { timeout: 30_000 })
      .not.toContain('Đang tải');
    expect(await axeViolations(page)).toEqual([]);
    await shot(page, '01-inbox');
    await follow(page, /Gửi văn bản/);
    await expect.poll(() => page.locator('#view-title').textContent()).toContain('Gửi văn bản');
    expect(await axeViolations(page)).toEqual([]);
    await page.locator('#to').fill(PROVINCE);
    await page.locator('#code-number').fill(String(Date.now() % 1_000_000_000));
    await page.locator('#code-notation').fill('UBND-VP');
    await page.locator('#place').fill('Quảng Bình');
    await page.locator('#subject').fill(subject);
    await page.locator('#content').fill('Kính gửi Ủy ban nhân dân tỉnh.\nXã báo cáo như sau.');
    const report = Buffer.from(await samplePdf('Bao cao'));
    await page
      .locator('#files')
      .setInputFiles({ name: 'Bao cao.pdf', mimeType: 'application/pdf', buffer: report });
    await page.locator('#signer-competence').fill('TM. UBND');
    await page.locator('#signer-position').fill('Chủ tịch');
    await page.locator('#signer-name').fill('Lê Văn Tám');
    await shot(page, '02-send-form');
    await page.locator('#send-form button[type=submit]').focus();
    await page.keyboard.press('Enter');
    await expect
      .poll(() => page.locator('#view-title').textContent(), { timeout: 60_000 })
      .toContain(subject);
    expect(await page.locator('#status').textContent()).toContain('Đã ký và gửi');
    const id = decodeURIComponent(page.url().split('#/van-ban/')[1] ?? '');
    expect(id).not.toBe('');
    expect(await axeViolations(page)).toEqual([]);
    await shot(page, '03-sent');

    // The province's clerk finds it in the inbox and accepts it.
    const province = await openPage(suite.browser, {
      viewport: { width: 390, height: 844 },
      locale: 'vi-VN',
    });
    await signInOnPage(province, provinceClerk.username, provinceClerk.password);
    await expect
      .poll(
        async () => {
          await province.goto(`${workspaceUrl()}#/van-ban`);
          await province.reload();
          await province
            .locator('#documents-table, #documents-results p')
            .first()
            .waitFor({ timeout: 30_000 });
          return province.locator('#documents-results').textContent();
        },
        { timeout: 90_000, interval: 2_000 },
      )
      .toContain(subject);
    expect(await fitsWidth(province)).toBe(true);
    expect(await axeViolations(province)).toEqual([]);
    await shot(province, '04-province-inbox');
    await follow(province, subject);
    await expect
      .poll(() => province.locator('#view-title').textContent(), { timeout: 30_000 })
      .toContain(subject);
    expect(await fitsWidth(province)).toBe(true);
    expect(await axeViolations(province)).toEqual([]);

    // The province opens the attached report through a short-lived link, on its phone.
    await province.getByRole('button', { name: 'Xem / View: Bao cao.pdf' }).focus();
    await province.keyboard.press('Enter');
    const preview = province.locator('#file-viewer iframe');
    await expect.poll(() => preview.count(), { timeout: 30_000 }).toBe(1);
    const attachment = await fetch((await preview.getAttribute('src')) ?? '');
    expect(attachment.status).toBe(200);
    expect(attachment.headers.get('content-type')).toBe('application/pdf');
    expect(Buffer.from(await attachment.arrayBuffer()).equals(report)).toBe(true);
    const opened = province.getByRole('link', { name: /Mở Bao cao\.pdf trong thẻ mới/ });
    expect(await opened.getAttribute('href')).toBe(await preview.getAttribute('src'));
    expect(await fitsWidth(province)).toBe(true);
    expect(await axeViolations(province)).toEqual([]);
    await shot(province, '04b-province-attachment');
    await actOnPage(province, 'accept');
    expect(await province.locator('#acknowledgements').textContent()).toContain('Đã tiếp nhận');
    await shot(province, '05-province-accepted');

    // The commune sees the acceptance come back, acknowledged.
    await documentShows(page, id, 'Đã tiếp nhận / Accepted (03)');
    const accepted = page.locator('#acknowledgements tr', { hasText: 'Đã tiếp nhận / Accepted (03)' });
    expect(await accepted.textContent()).not.toContain('Chưa / Not yet');
    expect(await axeViolations(page)).toEqual([]);
    await shot(page, '06-acknowledged');

    // The edXML export downloads, and reads back with a valid signature.
    await page.getByRole('button', { name: /Xuất tệp edXML/ }).focus();
    await page.keyboard.press('Enter');
    const download = page.getByRole('link', { name: /Tải tệp edXML/ });
    await expect.poll(() => download.isVisible(), { timeout: 30_000 }).toBe(true);
    const [file] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
    const saved = `${SCREENSHOTS}/../workspace-docs-${id}.edxml`;
    await file.saveAs(saved);
    await page.goto(`${workspaceUrl()}#/van-ban/nhap`);
    await page.reload();
    await page.locator('#edxml-file').setInputFiles(saved);
    await page.locator('#import-form button[type=submit]').focus();
    await page.keyboard.press('Enter');
    await expect
      .poll(() => page.locator('#import-result').textContent(), { timeout: 30_000 })
      .toContain('Chữ ký số hợp lệ');
    expect(await page.locator('#import-result').textContent()).toContain(subject);
    expect(await axeViolations(page)).toEqual([]);
    await shot(page, '07-edxml-import');

    // The commune recalls it; the province agrees; the commune sees it recalled.
    await page.goto(`${workspaceUrl()}#/van-ban/${id}`);
    await page.reload();
    await actOnPage(page, 'recall', async (form) => {
      await form.locator('textarea').fill('Gửi nhầm số liệu, sẽ gửi văn bản thay thế.');
    });
    await documentShows(province, id, 'Yêu cầu thu hồi');
    await actOnPage(province, 'accept_recall');
    await documentShows(page, id, 'Đã thu hồi / Recalled');
    await shot(page, '08-recalled');
    await page.close();
    await province.close();
  });

  it('sends to every commune at once, on a phone', async () => {
    const clerk = await activeOfficer(PROVINCE, ['van_thu'], 'vtt');
    const page = await openPage(suite.browser, { viewport: { width: 390, height: 844 }, locale: 'vi-VN' });
    await signInOnPage(page, clerk.username, clerk.password);
    await page.goto(`${workspaceUrl()}#/van-ban/gui`);
    await page.reload();
    await expect.poll(() => page.locator('#send-form').isVisible(), { timeout: 30_000 }).toBe(true);
    expect(await fitsWidth(page)).toBe(true);
    await page.locator('#to-tier').selectOption('commune');
    await page.locator('#code-number').fill(String(Date.now() % 1_000_000_000));
    await page.locator('#code-notation').fill('UBND-TH');
    await page.locator('#place').fill('Thanh Hóa');
    const subject = `Triển khai kế hoạch chuyển đổi số ${randomUUID().slice(0, 8)}`;
    await page.locator('#subject').fill(subject);
    await page.locator('#signer-position').fill('Chủ tịch');
    await page.locator('#signer-name').fill('Trần Văn Bình');
    await page.locator('#send-form button[type=submit]').focus();
    await page.keyboard.press('Enter');
    await expect
      .poll(() => page.locator('#view-title').textContent(), { timeout: 60_000 })
      .toContain(subject);
    expect(await page.locator('#acknowledgements .recipient').count()).toBeGreaterThan(1);
    expect(await fitsWidth(page)).toBe(true);
    expect(await axeViolations(page)).toEqual([]);
    await shot(page, '09-tier-phone');
    // Every other view of the exchange fits the phone as well.
    for (const [view, ready] of [
      ['#/van-ban?box=outbox', '#documents-table'],
      ['#/van-ban', '#documents-results'],
      ['#/van-ban/nhap', '#import-form'],
    ] as const) {
      await page.goto(`${workspaceUrl()}${view}`);
      await page.reload();
      await expect.poll(() => page.locator(ready).isVisible(), { timeout: 30_000 }).toBe(true);
      await expect
        .poll(() => page.locator('#view').textContent(), { timeout: 30_000 })
        .not.toContain('Đang tải');
      expect(await fitsWidth(page)).toBe(true);
      expect(await axeViolations(page)).toEqual([]);
    }
    await shot(page, '10-import-phone');
    await page.close();
  });

  it('says in both languages what a send form still lacks', async () => {
    const clerk = await activeOfficer(COMMUNE, ['van_thu'], 'vt');
    const page = await openPage(suite.browser, { locale: 'vi-VN' });
    await signInOnPage(page, clerk.username, clerk.password);
    await page.goto(`${workspaceUrl()}#/van-ban/gui`);
    await page.reload();
    await page.locator('#to').fill(PROVINCE);
    await page.locator('#subject').fill('Thiếu số, ký hiệu và người ký');
    await page.locator('#send-form button[type=submit]').focus();
    await page.keyboard.press('Enter');
    const errors = page.locator('#errors');
    await expect
      .poll(() => errors.textContent(), { timeout: 30_000 })
      .toContain('Số văn bản chỉ gồm chữ số.');
    expect(await errors.textContent()).toContain('The document number is digits only.');
    expect(await errors.textContent()).toContain('signerInfo.position');
    expect(await page.locator('#view-title').textContent()).toContain('Gửi văn bản');
    await page.close();
  });
});
