import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { KpiResponse } from '../../shared/contracts/kpi.ts';
import { periodsOf } from '../../shared/domain/kpi/kpi-periods.ts';
import { launchBrowser, openPage, takeCspViolations } from '../support/browser.ts';
import {
  api,
  apiBase,
  completeDossierRequest,
  invokeFunction,
  postJson,
  waitFor,
} from '../support/deployment.ts';
import { receiveDossier, recordAtCounter, signInOfficer } from '../support/officers.ts';

const SCREENSHOTS = '.local/test-results/screenshots';
const COMMUNE = '000.17.22.H56';
const DISTRICT = '000.00.22.H56';
const PROVINCE_UBND = '000.00.00.H56';
const month = periodsOf(new Date()).month;

const provinceReceived = async () => {
  const { body } = await api<KpiResponse>(`/kpi?period=${month}&scope=province`);
  return body.rows[0]?.counts.received ?? 0;
};
const aggregate = () => invokeFunction('Kpi', 'AggregatorFunctionName');

describe('the public KPI dashboard', () => {
  let browser: Browser;
  let received: number;

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    await aggregate();
    const before = await provinceReceived();
    // Online dossiers count once the desk receives them; counter and postal ones are received at once.
    const online = await postJson<{ dossierCode: string }>('/dossiers', await completeDossierRequest());
    expect(online.status).toBe(201);
    await receiveDossier(await signInOfficer('000.17.22.H56', ['tiep_nhan']), online.body.dossierCode);
    for (const channel of ['counter', 'postal']) {
      expect((await recordAtCounter('000.17.22.H56', await completeDossierRequest({ channel }))).status).toBe(
        201,
      );
    }
    // The stream consumer counts the dossiers shortly after they are written; the aggregator publishes them.
    received = await waitFor(
      async () => {
        await aggregate();
        const now = await provinceReceived();
        return now >= before + 3 ? now : undefined;
      },
      'the new dossiers in the published KPI rows',
      60_000,
    );
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
  });

  // Every page runs under its Content-Security-Policy without unsafe-inline: nothing may be blocked.
  afterEach(() => {
    expect(takeCspViolations()).toEqual([]);
  });

  const open = async (path: string, width = 1280) => {
    const page = await openPage(browser, { viewport: { width, height: 900 } });
    const failures: string[] = [];
    page.on('pageerror', (error) => failures.push(error.message));
    await page.goto(`${apiBase}${path}`);
    await page.locator('#received-count').waitFor();
    return { page, failures };
  };
  const shownReceived = async (page: Page) =>
    Number(await page.locator('#received-count').getAttribute('data-value'));

  it('shows the province’s received count as GET /kpi publishes it, with numerators and formulas', async () => {
    const { page, failures } = await open('dashboard');
    // Another test may add dossiers meanwhile: the page and the API are read close together.
    const [shown, published] = [await shownReceived(page), await provinceReceived()];
    expect(shown).toBe(published);
    expect(shown).toBeGreaterThanOrEqual(received);
    await expect.poll(() => page.locator('#view-title').textContent()).toContain('Toàn tỉnh');
    const onTime = page.locator('[data-rate="onTimeRate"]');
    expect(await onTime.textContent()).toMatch(/%|—/);
    const describedBy = await onTime.getAttribute('aria-describedby');
    expect(await page.locator(`#${describedBy}`).textContent()).toContain(
      '(settledEarly + settledOnTime + pendingWithinTime) / (settled + pendingWithinTime + pendingOverdue)',
    );
    // Decision 766 indicators 2.2 and 3.2 have their cards, and the signing rate names what it counts.
    expect(await page.locator('#average-processing-days').textContent()).toMatch(/ngày|—/);
    expect(await page.locator('[data-rate="onlineServiceRate"]').textContent()).toMatch(/%|—/);
    const signed = await page.locator('[data-rate="signedRate"]').getAttribute('aria-describedby');
    expect(await page.locator(`#${signed}`).textContent()).toContain('receipts (form 01) not counted');
    expect(await page.locator('.card .fraction').first().textContent()).toBeTruthy();
    expect(await page.locator('#status').textContent()).toContain('Đã tải');
    // The province ranks every active unit, tier by tier: the commune that received the dossiers is there.
    expect(
      await page
        .locator('#ranking table')
        .getByRole('link', { name: 'Ủy ban nhân dân xã Quảng Bình' })
        .count(),
    ).toBe(1);
    await page.screenshot({ path: `${SCREENSHOTS}/dashboard-province.png`, fullPage: true });
    expect(failures).toEqual([]);
  });

  it('draws every chart as an SVG with a text alternative and a table of its numbers', async () => {
    const { page } = await open('dashboard');
    for (const id of ['trend', 'ranking', 'channels', 'timeliness']) {
      const chart = page.locator(`#${id} svg[role="img"]`);
      expect(await chart.count()).toBe(1);
      expect(await chart.getAttribute('aria-label')).toBeTruthy();
      expect(await chart.locator('title').textContent()).toBe(await chart.getAttribute('aria-label'));
      expect(await page.locator(`#${id} table tbody tr`).count()).toBeGreaterThan(0);
    }
    expect(await page.locator('#trend table tbody tr').count()).toBe(12);
    expect(await page.locator('#trend svg polyline').count()).toBe(3);
    expect(await page.locator('#channels svg rect').count()).toBe(3);
    const channelRows = await page.locator('#channels table tbody tr td:nth-child(2)').allTextContents();
    expect(channelRows.every((text) => /^\d[\d.]*$/.test(text))).toBe(true);
  });

  it('drills down from the province to a district and a commune, with a breadcrumb back up', async () => {
    const { page } = await open('dashboard');
    await page
      .locator('#units')
      .getByRole('link', { name: /tỉnh Thanh Hóa/ })
      .first()
      .click();
    await expect
      .poll(() => page.locator('#view-title').textContent())
      .toContain('Ủy ban nhân dân tỉnh Thanh Hóa');
    expect(new URL(page.url()).searchParams.get('unit')).toBe(PROVINCE_UBND);
    await page.locator('#units').getByRole('link', { name: 'Ủy ban nhân dân huyện Quảng Xương' }).click();
    await expect.poll(() => page.locator('#view-title').textContent()).toContain('huyện Quảng Xương');
    expect(await page.locator('#units table tbody tr').count()).toBeGreaterThanOrEqual(2);
    // The ranking lists the district's communes too, each a link to drill further.
    await page.locator('#ranking').getByRole('link', { name: 'Ủy ban nhân dân xã Quảng Bình' }).click();
    await expect.poll(() => page.locator('#view-title').textContent()).toContain('xã Quảng Bình');
    const { body } = await api<KpiResponse>(`/kpi?period=${month}&unit=${COMMUNE}`);
    await expect.poll(() => shownReceived(page)).toBe(body.rows[0]?.counts.received);
    expect(await page.locator('nav.crumbs li').allTextContents()).toEqual([
      'Toàn tỉnh / Province',
      'Ủy ban nhân dân tỉnh Thanh Hóa',
      'Ủy ban nhân dân huyện Quảng Xương',
      'Ủy ban nhân dân xã Quảng Bình',
    ]);
    expect(await page.locator('nav.crumbs [aria-current="page"]').textContent()).toBe(
      'Ủy ban nhân dân xã Quảng Bình',
    );
    // A commune has no units under it: it is shown among the ranked communes.
    expect(await page.locator('#ranking table strong').textContent()).toBe('Ủy ban nhân dân xã Quảng Bình');
    await page.screenshot({ path: `${SCREENSHOTS}/dashboard-commune.png`, fullPage: true });
    await page.locator('nav.crumbs').getByRole('link', { name: 'Ủy ban nhân dân huyện Quảng Xương' }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get('unit')).toBe(DISTRICT);
    await expect.poll(() => page.locator('#view-title').textContent()).toContain('huyện Quảng Xương');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('view-title');
    await page.goBack();
    await expect.poll(() => page.locator('#view-title').textContent()).toContain('xã Quảng Bình');
  });

  it('changes period and unit through the labelled selectors, by keyboard', async () => {
    const { page } = await open('dashboard');
    await page.getByRole('combobox', { name: /^Loại kỳ/ }).selectOption('year');
    const year = month.slice(0, 4);
    expect(await page.getByRole('combobox', { name: /^Kỳ báo cáo/ }).inputValue()).toBe(year);
    const unit = page.getByRole('combobox', { name: /^Đơn vị/ });
    await unit.selectOption(DISTRICT);
    await unit.focus();
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('#view-title').textContent()).toContain(`Năm ${year}`);
    expect(new URL(page.url()).searchParams.get('period')).toBe(year);
    expect(await page.locator('#view-title').textContent()).toContain('huyện Quảng Xương');
  });

  it('links the CSV export and the PDF report of the current selection', async () => {
    const { page } = await open(`dashboard?period=${month}&unit=${DISTRICT}`);
    const csv = await fetch(
      new URL((await page.locator('#csv-link').getAttribute('href')) ?? '', page.url()),
    );
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(await csv.text()).toContain(DISTRICT);
    const pdfHref = new URL((await page.locator('#pdf-link').getAttribute('href')) ?? '', page.url());
    expect(pdfHref.searchParams.get('unit')).toBe(DISTRICT);
    const pdf = await fetch(pdfHref);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
  });

  it('says in both languages when a selection has no figures', async () => {
    const { page } = await open('dashboard');
    await page.goto(`${apiBase}dashboard?period=2001-01`);
    await expect
      .poll(() => page.locator('#error').textContent())
      .toMatch(/Chưa có số liệu.*No published figures/);
    expect(await page.locator('#error').getAttribute('role')).toBe('alert');
  });

  it('shows an empty state, not "Loading…", for a period with no figures yet', async () => {
    const { page } = await open('dashboard');
    await page.goto(`${apiBase}dashboard?period=2001-01`);
    await expect
      .poll(() => page.locator('#view-title').textContent())
      .toBe('Chưa có số liệu cho kỳ này No figures for this period yet');
    expect(await page.locator('#view-title span[lang="en"]').textContent()).toBe(
      'No figures for this period yet',
    );
    expect(await page.locator('#status').textContent()).toBe('');
    expect(await page.locator('#cards li').count()).toBe(0);
    expect(await page.locator('#trend svg').count()).toBe(0);
    // Nothing to retry: the period simply has no figures.
    expect(await page.getByRole('button', { name: 'Thử lại / Retry' }).count()).toBe(0);
    await page.screenshot({ path: `${SCREENSHOTS}/dashboard-empty-period.png`, fullPage: true });
  });

  it('says when the figures could not be loaded, and loads them on retry', async () => {
    const page = await openPage(browser, { viewport: { width: 1280, height: 900 } });
    await page.route(/\/kpi\?/, (route) => route.abort());
    await page.goto(`${apiBase}dashboard`);
    await expect
      .poll(() => page.locator('#view-title').textContent())
      .toBe('Không tải được số liệu The figures could not be loaded');
    expect(await page.locator('#error').textContent()).toBe(
      'Không kết nối được máy chủ. / Could not reach the server.',
    );
    const retry = page.getByRole('button', { name: 'Thử lại / Retry' });
    await page.unroute(/\/kpi\?/);
    await retry.click();
    await page.locator('#received-count').waitFor();
    await expect.poll(() => page.locator('#view-title').textContent()).toContain('Toàn tỉnh');
    expect(await page.locator('#error').textContent()).toBe('');
    expect(await retry.count()).toBe(0);
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('view-title');
  });

  it('fits a phone screen', async () => {
    const { page } = await open(`dashboard?period=${month}&unit=${DISTRICT}`, 390);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.screenshot({ path: `${SCREENSHOTS}/dashboard-phone.png` });
    await page.screenshot({ path: `${SCREENSHOTS}/dashboard-phone-full.png`, fullPage: true });
  });
});
