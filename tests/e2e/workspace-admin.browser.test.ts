import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openPage, takeCspViolations } from '../support/browser.ts';
import { dispatchRequest, postJson, waitFor } from '../support/deployment.ts';
import { signInOfficer } from '../support/officers.ts';
import { fitsWidth, SCREENSHOTS } from '../support/portal-browser.ts';
import { activeOfficer, axeViolations, signInOnPage, workspaceUrl } from '../support/workspace.ts';

const COMMUNE = '000.17.22.H56';
const OTHER_COMMUNE = '000.18.22.H56';

/** A receiving agency system on loopback: every event it is sent, by the path it was sent to. */
const received: { path: string; id: string }[] = [];
let server: Server;
let receiverBase = '';

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** Presses a control with the keyboard: focus, then Enter. */
async function press(page: Page, locator: ReturnType<Page['locator']>) {
  await expect.poll(() => locator.isVisible(), { timeout: 30_000 }).toBe(true);
  await locator.focus();
  await page.keyboard.press('Enter');
}

/** Ticks the checkbox labelled `name` inside `scope` with the space bar. */
async function tick(page: Page, scope: ReturnType<Page['locator']>, name: string | RegExp) {
  await scope.getByLabel(name).focus();
  await page.keyboard.press('Space');
}

async function statusSays(page: Page, text: string) {
  await expect
    .poll(
      async () =>
        `${await page.locator('#status').textContent()}|${await page.locator('#errors').textContent()}`,
      {
        timeout: 30_000,
      },
    )
    .toContain(text);
}

describe('agency administration in the officers’ workspace', () => {
  let browser: Browser;
  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    server = createServer(async (request, response) => {
      const body = JSON.parse(await readBody(request)) as { data: { id?: string } };
      received.push({ path: new URL(request.url ?? '/', 'http://x').pathname, id: body.data.id ?? '' });
      response.writeHead(200).end('ok');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    receiverBase = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => server?.close(resolve));
  });
  afterEach(() => {
    expect(takeCspViolations()).toEqual([]);
  });

  const shot = (page: Page, name: string) =>
    page.screenshot({ path: `${SCREENSHOTS}/workspace-admin-${name}.png`, fullPage: true });

  it('lets an administrator invite an officer with roles, deactivate one, subscribe a system and replay a delivery, with the keyboard', async () => {
    const [admin, leaving] = await Promise.all([
      activeOfficer(OTHER_COMMUNE, ['quan_tri'], 'qt'),
      activeOfficer(OTHER_COMMUNE, ['chuyen_vien'], 'cv'),
    ]);
    const page = await openPage(browser, { locale: 'vi-VN' });
    await signInOnPage(page, admin.username, admin.password);
    await press(page, page.getByRole('link', { name: /Quản trị đơn vị/ }));
    await expect.poll(() => page.locator('#officers-table').isVisible(), { timeout: 30_000 }).toBe(true);
    expect(await page.locator('#view-title').textContent()).toContain('Quản trị đơn vị');
    expect(await axeViolations(page)).toEqual([]);
    await shot(page, '01-overview');

    // Invite an officer as desk officer and clerk.
    const username = `moi-${randomUUID().slice(0, 8)}`;
    const invite = page.locator('#invite-form');
    await invite.locator('#invite-username').fill(username);
    await invite.locator('#invite-email').fill(`${username}@thanhhoa.gov.vn`);
    await invite.locator('#invite-name').fill('Nguyễn Thị Mới');
    await tick(page, invite, /Cán bộ tiếp nhận/);
    await tick(page, invite, /Văn thư/);
    await press(page, invite.locator('button[type=submit]'));
    await statusSays(page, `Đã mời ${username}`);
    const invitedRow = page.locator('#officers-table tr', { hasText: username });
    await expect.poll(() => invitedRow.textContent(), { timeout: 30_000 }).toContain('Văn thư');
    expect(await invitedRow.textContent()).toContain('Cán bộ tiếp nhận');

    // Deactivate another.
    await press(page, page.locator(`button[data-officer="${leaving.username}"]`));
    await statusSays(page, `Đã ngừng hoạt động ${leaving.username}`);
    await expect
      .poll(() => page.locator('#officers-table tr', { hasText: leaving.username }).textContent(), {
        timeout: 30_000,
      })
      .toContain('Ngừng hoạt động / Inactive');
    await shot(page, '02-officers');

    // Subscribe a system to document arrivals; the secret is shown once.
    const path = `/in-${randomUUID().slice(0, 8)}`;
    const form = page.locator('#webhook-form');
    await form.locator('#webhook-url').fill(`${receiverBase}${path}`);
    await form.locator('#webhook-description').fill('Hệ thống quản lý văn bản của xã');
    await tick(page, form, 'document.arrived');
    await press(page, form.locator('button[type=submit]'));
    await expect
      .poll(() => page.locator('#webhook-secret').textContent(), { timeout: 30_000 })
      .toMatch(/^whsec_/);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('webhook-secret');
    expect(await axeViolations(page)).toEqual([]);
    await shot(page, '03-subscribed');

    // A new secret, shown once again; pausing and resuming.
    const first = await page.locator('#webhook-secret').textContent();
    const subscriptionRow = () => page.locator('#webhooks-table tr', { hasText: path });
    await press(page, subscriptionRow().getByRole('button', { name: /Đổi khóa bí mật/ }));
    await expect
      .poll(() => page.locator('#webhook-secret').textContent(), { timeout: 30_000 })
      .not.toBe(first);
    expect(await page.locator('#webhook-secret').textContent()).toMatch(/^whsec_/);
    await press(page, subscriptionRow().getByRole('button', { name: /Tạm dừng/ }));
    await expect
      .poll(() => subscriptionRow().textContent(), { timeout: 30_000 })
      .toContain('Tạm dừng / Paused');
    await press(page, subscriptionRow().getByRole('button', { name: /Bật lại/ }));
    await expect
      .poll(() => subscriptionRow().textContent(), { timeout: 30_000 })
      .toContain('Đang hoạt động / Active');

    // A document arrives; its delivery is listed, then replayed.
    const sent = await postJson<{ id: string }>(
      '/officer/documents',
      dispatchRequest(OTHER_COMMUNE, 'UBND-QT', { subject: 'Phối hợp rà soát cán bộ' }),
      { authorization: `Bearer ${await signInOfficer(COMMUNE, ['van_thu'])}` },
    );
    expect(sent.status).toBe(201);
    await waitFor(
      async () => received.find((hit) => hit.path === path && hit.id === sent.body.id),
      'document.arrived delivered',
      60_000,
    );
    const row = page.locator('#webhooks-table tr', { hasText: path });
    await press(page, row.getByRole('button', { name: /Xem các lần gửi/ }));
    const delivery = page.locator('#deliveries-table tr', { hasText: 'document.arrived' });
    await expect.poll(() => delivery.textContent(), { timeout: 30_000 }).toContain('Đã giao / Delivered');
    expect(await axeViolations(page)).toEqual([]);
    await shot(page, '04-deliveries');
    await press(page, delivery.getByRole('button', { name: /Gửi lại/ }));
    await statusSays(page, 'Đã xếp hàng gửi lại');
    await waitFor(
      async () =>
        received.filter((hit) => hit.path === path && hit.id === sent.body.id).length >= 2 ? true : undefined,
      'the replayed delivery',
      60_000,
    );

    // The process the unit follows, read-only.
    await press(page, page.locator('#process-form button[type=submit]'));
    await expect
      .poll(() => page.locator('#process-table').textContent(), { timeout: 30_000 })
      .toContain('TIEP_NHAN');
    expect(await axeViolations(page)).toEqual([]);
    await shot(page, '05-process');
    await page.close();
  });

  it('fits the administration on a phone', async () => {
    const admin = await activeOfficer(OTHER_COMMUNE, ['quan_tri'], 'qt');
    const page = await openPage(browser, { viewport: { width: 390, height: 844 }, locale: 'vi-VN' });
    await signInOnPage(page, admin.username, admin.password);
    await page.goto(`${workspaceUrl()}#/quan-tri`);
    await page.reload();
    await expect.poll(() => page.locator('#officers-table').isVisible(), { timeout: 30_000 }).toBe(true);
    await expect
      .poll(() => page.locator('#view').textContent(), { timeout: 30_000 })
      .not.toContain('Đang tải');
    expect(await fitsWidth(page)).toBe(true);
    expect(await axeViolations(page)).toEqual([]);
    await shot(page, '07-phone');
    await page.close();
  });

  it('shows an officer without the administrator role no link, and refuses the page in both languages', async () => {
    const officer = await activeOfficer(OTHER_COMMUNE, ['tiep_nhan', 'van_thu'], 'mc');
    const page = await openPage(browser, { viewport: { width: 390, height: 844 }, locale: 'vi-VN' });
    await signInOnPage(page, officer.username, officer.password);
    expect(await page.getByRole('link', { name: /Quản trị đơn vị/ }).count()).toBe(0);
    await page.goto(`${workspaceUrl()}#/quan-tri`);
    await page.reload();
    const errors = page.locator('#errors');
    await expect.poll(() => errors.textContent(), { timeout: 30_000 }).toContain('Quản trị đơn vị');
    expect(await errors.textContent()).toContain('Agency administrator');
    expect(await page.locator('#officers-table').count()).toBe(0);
    expect(await fitsWidth(page)).toBe(true);
    expect(await axeViolations(page)).toEqual([]);
    await shot(page, '06-refused');
    await page.close();
  });
});
