import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openPage, takeCspViolations } from '../support/browser.ts';
import {
  apiBase,
  completeDossierRequest,
  postJson,
  readDossier,
  waitUntilRouted,
} from '../support/deployment.ts';
import { pdfText } from '../support/pdf-text.ts';
import { fitsWidth, SCREENSHOTS } from '../support/portal-browser.ts';
import { samplePdf } from '../support/sample-files.ts';
import {
  activeOfficer,
  actOnPage,
  axeViolations,
  invitedOfficer,
  openDossierFromQueue,
  signInOnPage,
  workspaceUrl,
} from '../support/workspace.ts';

const DISTRICT = '000.00.22.H56';
const COMMUNE = '000.17.22.H56';

describe('the officers’ workspace', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });
  afterEach(() => {
    expect(takeCspViolations()).toEqual([]);
  });

  const shot = (page: Page, name: string) =>
    page.screenshot({ path: `${SCREENSHOTS}/workspace-${name}.png`, fullPage: true });

  it('signs an officer in for the first time: the temporary password is changed, then the queue opens', async () => {
    const officer = await invitedOfficer(DISTRICT, ['tiep_nhan']);
    const page = await openPage(browser, { locale: 'vi-VN' });
    await page.goto(workspaceUrl());
    expect(await axeViolations(page)).toEqual([]);
    await shot(page, '01-sign-in');
    await page.getByLabel('Tên đăng nhập').fill(officer.username);
    await page.locator('#password').fill('Sai-mat-khau-1!');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('#errors').textContent()).toContain('không đúng');

    await page.locator('#password').fill(officer.temporaryPassword);
    await page.keyboard.press('Enter');
    const newPassword = page.locator('#new-password');
    await expect.poll(() => newPassword.isVisible(), { timeout: 30_000 }).toBe(true);
    await shot(page, '02-new-password');
    await newPassword.fill('ngan');
    await page.locator('#new-password-again').fill('ngan');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('#errors').textContent()).toContain('Mật khẩu mới chưa đạt yêu cầu');
    const chosen = `Moi-${Date.now()}-Ab1!`;
    await newPassword.fill(chosen);
    await page.locator('#new-password-again').fill(chosen);
    await page.keyboard.press('Enter');
    await expect
      .poll(() => page.locator('#who-name').textContent(), { timeout: 30_000 })
      .toContain(officer.username);
    await expect
      .poll(() => page.locator('#queue-results').textContent(), { timeout: 30_000 })
      .not.toContain('Đang tải');
    expect(await axeViolations(page)).toEqual([]);
    await shot(page, '03-queue');

    // Signed out, the permanent password is the new one.
    await page.getByRole('button', { name: /Đăng xuất/ }).click();
    await expect.poll(() => page.locator('#sign-in').isVisible()).toBe(true);
    await signInOnPage(page, officer.username, chosen);
    await page.close();
  });

  it('fits a phone and keeps no token outside the tab’s session', async () => {
    const officer = await activeOfficer(DISTRICT, ['tiep_nhan']);
    const page = await openPage(browser, { viewport: { width: 390, height: 844 }, locale: 'vi-VN' });
    await signInOnPage(page, officer.username, officer.password);
    expect(await fitsWidth(page)).toBe(true);
    expect(await page.evaluate(() => window.localStorage.length)).toBe(0);
    expect(page.url()).not.toContain(officer.username);
    await page.close();
  });

  it('settles an online dossier from reception to the citizen’s download and rating, with the keyboard alone', async () => {
    const [desk, specialist, leader] = await Promise.all([
      activeOfficer(COMMUNE, ['tiep_nhan'], 'mc'),
      activeOfficer(COMMUNE, ['chuyen_vien'], 'cv'),
      activeOfficer(COMMUNE, ['lanh_dao'], 'ld'),
    ]);
    const submitted = await postJson<{ dossierCode: string; lookupSecret: string }>(
      '/dossiers',
      await completeDossierRequest(),
    );
    expect(submitted.status).toBe(201);
    const { dossierCode: code, lookupSecret: secret } = submitted.body;
    await waitUntilRouted(code);

    // The desk finds it awaiting reception, checks the papers and receives it.
    const deskPage = await openPage(browser, { locale: 'vi-VN' });
    await signInOnPage(deskPage, desk.username, desk.password);
    await deskPage.goto(`${workspaceUrl()}#/?tab=reception`);
    await expect
      .poll(() => deskPage.locator('#queue-results').textContent(), { timeout: 30_000 })
      .toContain(code);
    expect(await axeViolations(deskPage)).toEqual([]);
    await openDossierFromQueue(deskPage, code);
    expect(await axeViolations(deskPage)).toEqual([]);
    await shot(deskPage, '04-dossier-awaiting');
    await actOnPage(deskPage, 'accept', async (form) => {
      for (const box of await form.locator('input[data-check]').all()) {
        await box.focus();
        await deskPage.keyboard.press('Space');
      }
    });
    await expect.poll(() => deskPage.locator('#summary').textContent()).toContain('Được tiếp nhận');

    // … then asks for a supplement (form 02).
    await actOnPage(deskPage, 'request_supplement', async (form) => {
      await form.getByLabel(/Giấy tờ khác/).fill('Giấy xác nhận cư trú (bản chính)');
      await form.getByLabel(/Lý do/).fill('Thiếu giấy xác nhận cư trú');
      // The form it will issue, shown before it is issued: unsigned, stamped, from the fields as filled.
      let previewed: Buffer | undefined;
      await deskPage.route('**/forms/02/preview', async (route) => {
        const response = await route.fetch();
        previewed = await response.body();
        await route.fulfill({ response });
      });
      await form.getByRole('button', { name: /Xem trước phiếu/ }).focus();
      await deskPage.keyboard.press('Enter');
      await expect.poll(() => previewed?.length ?? 0, { timeout: 30_000 }).toBeGreaterThan(0);
      const text = await pdfText(new Uint8Array(previewed ?? []));
      expect(text).toContain('BẢN XEM TRƯỚC – CHƯA CÓ GIÁ TRỊ PHÁP LÝ');
      expect(text).toContain('Thiếu giấy xác nhận cư trú');
      await expect.poll(() => form.locator('iframe.preview').getAttribute('src')).toMatch(/^blob:/);
      expect(await form.getByRole('link', { name: /Mở bản xem trước/ }).getAttribute('href')).toMatch(
        /^blob:/,
      );
      await shot(deskPage, '05-supplement-preview');
    });
    await expect.poll(() => deskPage.locator('#summary').textContent()).toContain('Yêu cầu bổ sung');
    await shot(deskPage, '05-supplement-requested');

    // The citizen supplies it on the lookup page.
    const citizen = await openPage(browser, { viewport: { width: 390, height: 844 }, locale: 'vi-VN' });
    await citizen.goto(new URL(`lookup?code=${encodeURIComponent(code)}`, apiBase).toString());
    await citizen.getByLabel('Mã tra cứu').fill(secret);
    await citizen.keyboard.press('Enter');
    await expect
      .poll(() => citizen.locator('#supplement-section').isVisible(), { timeout: 30_000 })
      .toBe(true);
    await citizen.getByLabel('Tệp giấy tờ bổ sung').setInputFiles({
      name: 'xac-nhan-cu-tru.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from(await samplePdf('Xac nhan cu tru')),
    });
    await citizen.getByRole('button', { name: /Gửi hồ sơ bổ sung/ }).click();
    await expect
      .poll(() => citizen.locator('#supplement-status').textContent(), { timeout: 30_000 })
      .toContain('Đã gửi 1 tệp bổ sung');

    // The desk takes the supplied papers and hands the dossier to the specialist.
    await deskPage.reload();
    await expect
      .poll(() => deskPage.locator('#files').textContent(), { timeout: 30_000 })
      .toContain('xac-nhan-cu-tru.pdf');
    await actOnPage(deskPage, 'receive_supplement');
    await actOnPage(deskPage, 'forward');

    // The specialist examines, opens a paper in the page, and forwards the draft for signing.
    const specialistPage = await openPage(browser, { locale: 'vi-VN' });
    await signInOnPage(specialistPage, specialist.username, specialist.password);
    await openDossierFromQueue(specialistPage, code);
    const view = specialistPage.getByRole('button', { name: /Xem \/ View: xac-nhan-cu-tru.pdf/ });
    await view.focus();
    await specialistPage.keyboard.press('Enter');
    const frame = specialistPage.locator('#file-viewer iframe');
    await expect.poll(() => frame.count(), { timeout: 30_000 }).toBe(1);
    expect(await frame.getAttribute('src')).toContain('X-Amz-Signature=');
    await shot(specialistPage, '06-specialist-preview');
    for (const action of ['start_processing', 'forward']) {
      const offered = await specialistPage.locator(`details[data-action="${action}"]`).count();
      if (offered)
        await actOnPage(specialistPage, action, async (form) => {
          const note = form.getByLabel(/Ghi chú/);
          if (await note.count()) await note.fill('Đủ điều kiện, trình ký');
        });
    }

    // The leader signs with the result file.
    const leaderPage = await openPage(browser, { locale: 'vi-VN' });
    await signInOnPage(leaderPage, leader.username, leader.password);
    await openDossierFromQueue(leaderPage, code);
    await actOnPage(leaderPage, 'complete', async (form) => {
      await form.locator('input[type=file]').setInputFiles({
        name: 'ket-qua.pdf',
        mimeType: 'application/pdf',
        buffer: Buffer.from(await samplePdf('Ket qua giai quyet')),
      });
    });
    await expect.poll(() => leaderPage.locator('#summary').textContent()).toContain('Đã xử lý xong');
    await shot(leaderPage, '07-signed');

    // The desk returns the result.
    await openDossierFromQueue(deskPage, code);
    await actOnPage(deskPage, 'return_result');
    await expect.poll(() => deskPage.locator('#summary').textContent()).toContain('Đã trả kết quả');
    await shot(deskPage, '08-returned');

    // The citizen downloads the signed result and rates the service.
    await citizen.reload();
    await citizen.getByLabel('Mã tra cứu').fill(secret);
    await citizen.keyboard.press('Enter');
    const download = citizen.getByRole('button', { name: /Tải kết quả/ });
    await expect.poll(() => download.isVisible(), { timeout: 30_000 }).toBe(true);
    await download.focus();
    await citizen.keyboard.press('Enter');
    await expect
      .poll(() => citizen.getByRole('link', { name: /Lưu tệp kết quả/ }).isVisible(), { timeout: 30_000 })
      .toBe(true);
    await citizen.getByLabel('4 – Hài lòng').check();
    await citizen.getByRole('button', { name: /Gửi đánh giá/ }).click();
    await expect
      .poll(() => citizen.locator('#given-rating').textContent(), { timeout: 30_000 })
      .toContain('4/5');
    await shot(citizen, '09-citizen-rated');

    const stored = await readDossier(code);
    expect(stored?.status).toBe('result_returned');
    expect(stored?.feedback?.rating).toBe(4);
    expect(stored?.history.map((entry) => entry.status)).toEqual(
      expect.arrayContaining(['accepted', 'supplement_requested', 'done', 'result_returned']),
    );
    for (const page of [deskPage, specialistPage, leaderPage, citizen]) await page.close();
  });
});
