import { readFileSync, statSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { openPage } from '../support/browser.ts';
import { browserSuite } from '../support/browser-suite.ts';
import { apiBase, readDossier, recordedMail, submittedDossier, waitFor } from '../support/deployment.ts';
import { pdfText } from '../support/pdf-text.ts';
import { fitsWidth, SCREENSHOTS } from '../support/portal-browser.ts';
import { samplePdf } from '../support/sample-files.ts';
import {
  activeOfficer,
  actOnPage,
  axeViolations,
  enrolAuthenticator,
  invitedOfficer,
  openDossierFromQueue,
  signInOnPage,
  workspaceUrl,
} from '../support/workspace.ts';

const DISTRICT = '000.00.22.H56';
const COMMUNE = '000.17.22.H56';

/** At the counter: a person's name, ID number, address and phone, and the scans of the papers. */
async function fillApplicant(
  page: Page,
  { name, idNumber, address, phone }: { name: string; idNumber: string; address: string; phone: string },
) {
  await page.locator('#intake-name').fill(name);
  await page.locator('#intake-id').fill(idNumber);
  await page.locator('#intake-address').fill(address);
  await page.locator('#intake-phone').fill(phone);
  await attachScans(page);
}

/** At the counter: a scanned PDF in every document component's file input of the intake form. */
async function attachScans(page: Page) {
  for (const input of await page.locator('#intake-components input[type=file]').all())
    await input.setInputFiles({
      name: `${await input.getAttribute('data-component')}.pdf`.toLowerCase(),
      mimeType: 'application/pdf',
      buffer: Buffer.from(await samplePdf(`Ban scan ${Math.random()}`)),
    });
}

describe('the officers’ workspace', () => {
  const suite = browserSuite();

  const shot = (page: Page, name: string) =>
    page.screenshot({ path: `${SCREENSHOTS}/workspace-${name}.png`, fullPage: true });

  it('signs an officer in for the first time: the temporary password is changed, then the queue opens', async () => {
    const officer = await invitedOfficer(DISTRICT, ['tiep_nhan']);
    const page = await openPage(suite.browser, { locale: 'vi-VN' });
    await page.goto(workspaceUrl());
    expect(await axeViolations(page)).toEqual([]);
    await shot(page, '01-sign-in');
    await page.locator('#username').fill(officer.username);
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
    const page = await openPage(suite.browser, { viewport: { width: 390, height: 844 }, locale: 'vi-VN' });
    await signInOnPage(page, officer.username, officer.password);
    expect(await fitsWidth(page)).toBe(true);
    for (const view of ['#/tiep-nhan', '#/so-theo-doi', '#/lich?year=2026']) {
      await page.goto(`${workspaceUrl()}${view}`);
      await expect.poll(() => page.locator('#view-title').isVisible(), { timeout: 30_000 }).toBe(true);
      await expect
        .poll(() => page.locator('#view').textContent(), { timeout: 30_000 })
        .not.toContain('Đang tải');
      expect(await fitsWidth(page)).toBe(true);
      expect(await axeViolations(page)).toEqual([]);
    }
    // The working calendar deadlines are counted by: New Year's Day is a holiday.
    expect(await page.locator('#calendar-table').textContent()).toContain('01/01/2026');
    expect(await page.locator('#calendar-summary').textContent()).toMatch(/^\d{3} ngày làm việc/);
    await shot(page, '16-phone-calendar');
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
    const { dossierCode: code, lookupSecret: secret } = await submittedDossier({}, { routed: true });

    // The desk finds it awaiting reception, checks the papers and receives it.
    const deskPage = await openPage(suite.browser, { locale: 'vi-VN' });
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
    const citizen = await openPage(suite.browser, { viewport: { width: 390, height: 844 }, locale: 'vi-VN' });
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

    // The leader assigns the examination to the specialist, picked from the unit's officers.
    const leaderPage = await openPage(suite.browser, { locale: 'vi-VN' });
    await signInOnPage(leaderPage, leader.username, leader.password);
    await leaderPage.goto(`${workspaceUrl()}#/ho-so/${encodeURIComponent(code)}`);
    await expect
      .poll(() => leaderPage.locator('#view-title').textContent(), { timeout: 30_000 })
      .toContain(code);
    await actOnPage(leaderPage, 'assign', async (form) => {
      const choose = form.getByLabel(/Cán bộ được giao/);
      await expect
        .poll(() => choose.locator('option').allTextContents(), { timeout: 30_000 })
        .toEqual(expect.arrayContaining([expect.stringContaining(`(${specialist.username}) — Chuyên viên`)]));
      // Only active officers of the unit, named with their roles, never their e-mail.
      expect(await choose.textContent()).not.toContain('@');
      expect(await axeViolations(leaderPage)).toEqual([]);
      await shot(leaderPage, '06-assign');
      await choose.focus();
      await choose.selectOption(specialist.username);
    });
    const assigned = await readDossier(code);
    expect(assigned?.process?.active.map((step) => step.assignee)).toEqual([specialist.username]);

    // The specialist examines, opens a paper in the page, and forwards the draft for signing.
    const specialistPage = await openPage(suite.browser, { locale: 'vi-VN' });
    await signInOnPage(specialistPage, specialist.username, specialist.password);
    await openDossierFromQueue(specialistPage, code);
    const view = specialistPage.getByRole('button', { name: /Xem \/ View: xac-nhan-cu-tru.pdf/ });
    await view.focus();
    await specialistPage.keyboard.press('Enter');
    const frame = specialistPage.locator('#file-viewer iframe');
    await expect.poll(() => frame.count(), { timeout: 30_000 }).toBe(1);
    expect(await frame.getAttribute('src')).toContain('X-Amz-Signature=');
    await shot(specialistPage, '06-specialist-preview');
    const diagramButton = specialistPage.getByRole('button', { name: /Xem sơ đồ quy trình/ });
    await diagramButton.focus();
    await specialistPage.keyboard.press('Enter');
    const current = specialistPage.locator('#process-diagram li.current');
    await expect.poll(() => current.textContent(), { timeout: 30_000 }).toContain('THAM_DINH');
    expect(await specialistPage.locator('#process-diagram li').count()).toBeGreaterThan(2);
    for (const action of ['start_processing', 'forward']) {
      const offered = await specialistPage.locator(`details[data-action="${action}"]`).count();
      if (offered)
        await actOnPage(specialistPage, action, async (form) => {
          const note = form.getByLabel(/Ghi chú/);
          if (await note.count()) await note.fill('Đủ điều kiện, trình ký');
        });
    }

    // The leader signs with the result file.
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

  it('records a walk-in dossier at the counter and shows its signed receipt at once', async () => {
    const desk = await activeOfficer(COMMUNE, ['tiep_nhan'], 'quay');
    const page = await openPage(suite.browser, { locale: 'vi-VN' });
    await signInOnPage(page, desk.username, desk.password);
    await page.getByRole('link', { name: /Tiếp nhận tại quầy/ }).focus();
    await page.keyboard.press('Enter');
    const procedure = page.locator('#intake-procedure');
    await expect.poll(() => procedure.locator('option').count(), { timeout: 30_000 }).toBeGreaterThan(1);
    // Only the unit's own procedures, found without diacritics.
    await page.locator('#intake-filter').fill('khai sinh');
    await procedure.selectOption('1.001193.000.00.00.H56');
    await fillApplicant(page, {
      name: 'Lê Văn Tám',
      idNumber: '038088001234',
      address: 'Thôn Đông, xã Quảng Bình',
      phone: '0987654321',
    });
    expect(await axeViolations(page)).toEqual([]);
    await shot(page, '10-counter-intake');
    await page.getByRole('button', { name: /Tiếp nhận và in giấy hẹn/ }).focus();
    await page.keyboard.press('Enter');
    const code = page.locator('#intake-code');
    await expect.poll(() => code.isVisible(), { timeout: 60_000 }).toBe(true);
    const dossierCode = (await code.textContent()) ?? '';
    expect(dossierCode).toMatch(/^000\.17\.22\.H56-\d{6}-\d{4}$/);
    await page.getByRole('button', { name: /In giấy tiếp nhận/ }).focus();
    await page.keyboard.press('Enter');
    const receipt = page.locator('#receipt-viewer iframe');
    await expect.poll(() => receipt.count(), { timeout: 60_000 }).toBe(1);
    const href = (await receipt.getAttribute('src')) ?? '';
    const pdf = await fetch(href);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toContain('application/pdf');
    expect(await axeViolations(page)).toEqual([]);
    await shot(page, '11-receipt');
    const stored = await readDossier(dossierCode);
    expect(stored).toMatchObject({ channel: 'counter', status: 'accepted' });
    expect(stored?.attachments.length).toBeGreaterThan(0);

    // The unit's register for the month lists it, as the PDF to print.
    await page.getByRole('link', { name: /Sổ theo dõi/ }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: /Lập sổ/ }).focus();
    await page.keyboard.press('Enter');
    const saved = page.locator('#register-link');
    await expect.poll(() => saved.isVisible(), { timeout: 60_000 }).toBe(true);
    expect(await saved.getAttribute('download')).toMatch(/^so-theo-doi-.*\.pdf$/);
    const downloading = page.waitForEvent('download');
    await saved.focus();
    await page.keyboard.press('Enter');
    const file = await (await downloading).path();
    expect(statSync(file).size).toBeGreaterThan(1000);
    expect(readFileSync(file).subarray(0, 5).toString()).toBe('%PDF-');
    expect(await axeViolations(page)).toEqual([]);
    await shot(page, '12-register');
    await page.close();
  });

  it('records an organisation’s dossier at the counter on a phone, and its receipt names the enterprise', async () => {
    const desk = await activeOfficer(COMMUNE, ['tiep_nhan'], 'quay-dn');
    const page = await openPage(suite.browser, { viewport: { width: 390, height: 844 }, locale: 'vi-VN' });
    await signInOnPage(page, desk.username, desk.password);
    await page.goto(`${workspaceUrl()}#/tiep-nhan`);
    const procedure = page.locator('#intake-procedure');
    await expect.poll(() => procedure.locator('option').count(), { timeout: 30_000 }).toBeGreaterThan(1);
    await page.locator('#intake-filter').fill('chung thuc ban sao');
    await procedure.selectOption('2.000908.000.00.00.H56');
    await page.locator('#intake-kind').selectOption('organisation');
    expect(await page.locator('#intake-name').isVisible()).toBe(false);
    await page.locator('#intake-org-name').fill('Công ty TNHH Thương mại Hoa Sen');
    await page.locator('#intake-tax-code').fill('0101234567-01');
    await page.locator('#intake-legal-rep').fill('Lê Văn Tâm');
    await page.locator('#intake-address').fill('Số 5 Lê Lợi, xã Quảng Bình');
    await page.locator('#intake-phone').fill('0237 3851 234');
    await attachScans(page);
    expect(await fitsWidth(page)).toBe(true);
    expect(await axeViolations(page)).toEqual([]);
    const receive = page.getByRole('button', { name: /Tiếp nhận và in giấy hẹn/ });
    // A tax code of the wrong shape is refused in both languages, and the form is kept.
    await receive.focus();
    await page.keyboard.press('Enter');
    const errors = page.locator('#errors');
    await expect.poll(() => errors.textContent(), { timeout: 60_000 }).toContain('gồm 10 chữ số');
    expect(await errors.textContent()).toContain('10-digit enterprise/tax code');
    expect(await page.locator('#intake-org-name').inputValue()).toBe('Công ty TNHH Thương mại Hoa Sen');
    await page.locator('#intake-tax-code').fill('0101234567-001');
    await shot(page, '17-counter-organisation');
    await receive.focus();
    await page.keyboard.press('Enter');
    const code = page.locator('#intake-code');
    await expect.poll(() => code.isVisible(), { timeout: 60_000 }).toBe(true);
    const dossierCode = (await code.textContent()) ?? '';
    await page.getByRole('button', { name: /In giấy tiếp nhận/ }).focus();
    await page.keyboard.press('Enter');
    const receipt = page.locator('#receipt-viewer iframe');
    await expect.poll(() => receipt.count(), { timeout: 60_000 }).toBe(1);
    const pdf = await fetch((await receipt.getAttribute('src')) ?? '');
    expect(pdf.status).toBe(200);
    const text = await pdfText(new Uint8Array(await pdf.arrayBuffer()));
    expect(text).toContain('Tổ chức nộp hồ sơ');
    expect(text).toContain('Công ty TNHH Thương mại Hoa Sen');
    expect(text).toContain('0101234567-001');
    expect(text).toContain('Lê Văn Tâm');
    expect(text).toContain(dossierCode);
    expect(await fitsWidth(page)).toBe(true);
    expect(await axeViolations(page)).toEqual([]);
    await shot(page, '18-organisation-receipt');
    expect(await readDossier(dossierCode)).toMatchObject({
      channel: 'counter',
      status: 'accepted',
      applicant: {
        kind: 'organisation',
        name: 'Công ty TNHH Thương mại Hoa Sen',
        taxCode: '0101234567-001',
        legalRepresentative: 'Lê Văn Tâm',
      },
    });
    await page.close();
  });

  it('shows an officer of another unit none of a dossier it does not hold', async () => {
    const { dossierCode: code } = await submittedDossier({}, { routed: true });
    const stranger = await activeOfficer('000.18.22.H56', ['tiep_nhan', 'chuyen_vien', 'lanh_dao'], 'khac');
    const page = await openPage(suite.browser, { locale: 'vi-VN' });
    await signInOnPage(page, stranger.username, stranger.password);
    await expect
      .poll(() => page.locator('#queue-results').textContent(), { timeout: 30_000 })
      .not.toContain('Đang tải');
    expect(await page.locator('#queue-results').textContent()).not.toContain(code);
    await page.locator('#search-text').fill(code);
    await page.locator('#search-text').press('Enter');
    await expect
      .poll(() => page.locator('#queue-results').textContent(), { timeout: 30_000 })
      .not.toContain('Đang tải');
    expect(await page.locator('#queue-results').textContent()).not.toContain(code);
    await page.goto(`${workspaceUrl()}#/ho-so/${encodeURIComponent(code)}`);
    await page.reload();
    await expect.poll(() => page.locator('#errors').textContent(), { timeout: 30_000 }).not.toBe('');
    expect(await page.locator('#view').textContent()).not.toContain('Nguyễn Thị Hoa');
    await shot(page, '13-other-unit');
    await page.close();
  });

  it('asks for the authenticator’s code when the officer has one, and refuses a wrong code', async () => {
    const officer = await activeOfficer(DISTRICT, ['chuyen_vien'], 'totp');
    const nextCode = await enrolAuthenticator(officer.username, officer.password);
    const page = await openPage(suite.browser, { locale: 'vi-VN' });
    await page.goto(workspaceUrl());
    await page.locator('#username').fill(officer.username);
    await page.locator('#password').fill(officer.password);
    await page.keyboard.press('Enter');
    const field = page.locator('#mfa-code');
    await expect.poll(() => field.isVisible(), { timeout: 30_000 }).toBe(true);
    await field.fill('000000' === nextCode() ? '111111' : '000000');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('#errors').textContent()).toContain('Mã xác thực không đúng');
    expect(await axeViolations(page)).toEqual([]);
    await shot(page, '14-totp');
    await field.fill(nextCode());
    await page.keyboard.press('Enter');
    await expect
      .poll(() => page.locator('#who-name').textContent(), { timeout: 30_000 })
      .toContain(officer.username);
    await page.close();
  });

  it('keeps a half-filled form when the session ends, and sends it after signing in again', async () => {
    const desk = await activeOfficer(COMMUNE, ['tiep_nhan'], 'het-han');
    const page = await openPage(suite.browser, { locale: 'vi-VN' });
    await signInOnPage(page, desk.username, desk.password);
    await page.goto(`${workspaceUrl()}#/tiep-nhan`);
    const procedure = page.locator('#intake-procedure');
    await expect.poll(() => procedure.locator('option').count(), { timeout: 30_000 }).toBeGreaterThan(1);
    await procedure.selectOption('1.001193.000.00.00.H56');
    await fillApplicant(page, {
      name: 'Trần Thị Mai',
      idNumber: '038188004567',
      address: 'Thôn Tây, xã Quảng Bình',
      phone: '0911222333',
    });
    // The session ends while the form is being filled: the tab holds no token any more.
    await page.evaluate(() => window.sessionStorage.clear());
    await page.getByRole('button', { name: /Tiếp nhận và in giấy hẹn/ }).focus();
    await page.keyboard.press('Enter');
    const dialog = page.locator('#reauth');
    await expect.poll(() => dialog.isVisible(), { timeout: 30_000 }).toBe(true);
    expect(await page.locator('#reauth-user').textContent()).toBe(desk.username);
    expect(await axeViolations(page)).toEqual([]);
    await shot(page, '15-session-expired');
    await page.locator('#reauth-password').fill(desk.password);
    await page.keyboard.press('Enter');
    await expect.poll(() => dialog.isVisible(), { timeout: 30_000 }).toBe(false);
    // What was typed was sent once signed in again.
    const code = page.locator('#intake-code');
    await expect.poll(() => code.isVisible(), { timeout: 60_000 }).toBe(true);
    expect((await readDossier((await code.textContent()) ?? ''))?.applicant).toMatchObject({
      fullName: 'Trần Thị Mai',
    });
    await page.close();
  });

  it('resets a forgotten password with the code mailed to the account', async () => {
    const officer = await activeOfficer(DISTRICT, ['chuyen_vien'], 'quen');
    const page = await openPage(suite.browser, { viewport: { width: 390, height: 844 }, locale: 'vi-VN' });
    await page.goto(workspaceUrl());
    await page.locator('#username').fill(officer.username);
    await page.getByRole('button', { name: /Quên mật khẩu/ }).focus();
    await page.keyboard.press('Enter');
    expect(await page.locator('#reset-username').inputValue()).toBe(officer.username);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('#reset-code').isVisible(), { timeout: 30_000 }).toBe(true);
    const mailed = await waitFor(
      async () =>
        (await recordedMail())
          .filter((mail) => mail.To.includes(`${officer.username}@thanhhoa.gov.vn`))
          .map((mail) => `${mail.BodyText ?? ''} ${mail.BodyHtml ?? ''}`.match(/\b(\d{6})\b/)?.[1])
          .find(Boolean),
      'the reset code mailed to the officer',
    );
    expect(await axeViolations(page)).toEqual([]);
    await shot(page, '17-password-reset');
    await page.locator('#reset-code').fill(mailed ?? '');
    const chosen = `Dat-lai-${Date.now()}-Ab1!`;
    await page.locator('#reset-password').fill(chosen);
    await page.locator('#reset-password-again').fill(chosen);
    await page.keyboard.press('Enter');
    await expect
      .poll(() => page.locator('#status').textContent(), { timeout: 30_000 })
      .toContain('Đã đặt mật khẩu mới');
    expect(await page.locator('#username').inputValue()).toBe(officer.username);
    await page.locator('#password').fill(chosen);
    await page.keyboard.press('Enter');
    await expect
      .poll(() => page.locator('#who-name').textContent(), { timeout: 30_000 })
      .toContain(officer.username);
    await page.close();
  });
});
