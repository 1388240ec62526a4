import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openPage, takeCspViolations } from '../support/browser.ts';
import { api, apiBase, completeDossierRequest, postJson, readDossier } from '../support/deployment.ts';
import { receiveDossier, signInOfficer } from '../support/officers.ts';

interface Submitted {
  dossierCode: string;
  lookupSecret: string;
  receipt: { canonical: string; signature: Record<string, string> };
}
interface FormAnswer {
  url: string;
  verifyUrl: string;
  pdfSignature: { keyId: string; value: string };
}

describe('the public verification page', () => {
  let browser: Browser;
  let submitted: Submitted;
  let form: FormAnswer;
  let pdfPath: string;

  beforeAll(async () => {
    browser = await launchBrowser();
    submitted = (await postJson<Submitted>('/dossiers', await completeDossierRequest())).body;
    // Form 01 exists once the commune's one-stop desk has received the online dossier.
    await receiveDossier(await signInOfficer('000.17.22.H56', ['tiep_nhan']), submitted.dossierCode);
    const receipt = (await readDossier(submitted.dossierCode))?.receipt;
    if (!receipt) throw new Error('a received dossier has its signed receipt');
    submitted = {
      ...submitted,
      receipt: {
        canonical: receipt.canonical,
        signature: { ...receipt.signature } as unknown as Record<string, string>,
      },
    };
    form = (
      await api<FormAnswer>(`/dossiers/${encodeURIComponent(submitted.dossierCode)}/forms/01`, {
        headers: { 'x-lookup-secret': submitted.lookupSecret },
      })
    ).body;
    pdfPath = path.join(mkdtempSync(path.join(tmpdir(), 'form-')), 'mau-01.pdf');
    writeFileSync(pdfPath, Buffer.from(await (await fetch(form.url)).arrayBuffer()));
  });

  afterAll(async () => {
    await browser?.close();
  });

  // Every page runs under its Content-Security-Policy without unsafe-inline: nothing may be blocked.
  afterEach(() => {
    expect(takeCspViolations()).toEqual([]);
  });

  it('is where the QR code of a signed form points, with the dossier code filled in', async () => {
    expect(form.verifyUrl).toBe(`${apiBase}verify?code=${encodeURIComponent(submitted.dossierCode)}`);
    const page = await openPage(browser);
    await page.goto(form.verifyUrl);
    expect(await page.getByLabel('Mã hồ sơ').inputValue()).toBe(submitted.dossierCode);
    await page.getByLabel('Mã tra cứu').fill(submitted.lookupSecret);
    await page.locator('#check-dossier').click();
    await expect.poll(() => page.locator('#dossier-verdict').textContent()).toContain('Chữ ký hợp lệ');
    // The signed receipt itself is one click away: a short-lived link to the PDF in storage.
    const link = page.getByRole('link', { name: /Tải giấy tiếp nhận đã ký/ });
    await link.waitFor({ state: 'visible' });
    const pdf = await fetch((await link.getAttribute('href')) ?? '');
    expect(pdf.status).toBe(200);
    expect(
      Buffer.from(await pdf.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
  });

  it('says a pasted document was tampered with', async () => {
    const page = await openPage(browser);
    await page.goto(`${apiBase}verify`);
    const tampered = {
      canonical: submitted.receipt.canonical.replace('Nguyễn Thị Hoa', 'Nguyễn Thị Hòa'),
      signature: submitted.receipt.signature,
    };
    await page.getByLabel(/Dán nội dung/).fill(JSON.stringify(tampered));
    await page.locator('#check-document').click();
    await expect.poll(() => page.locator('#document-verdict').textContent()).toContain('KHÔNG hợp lệ');
    await page
      .getByLabel(/Dán nội dung/)
      .fill(
        JSON.stringify({ canonical: submitted.receipt.canonical, signature: submitted.receipt.signature }),
      );
    await page.locator('#check-document').click();
    await expect.poll(() => page.locator('#document-verdict').textContent()).toContain('Chữ ký hợp lệ');
  });

  it('checks a downloaded PDF in the browser against the published key', async () => {
    const page = await openPage(browser);
    await page.goto(`${apiBase}verify`);
    await page.getByLabel('Tệp PDF', { exact: false }).and(page.locator('input')).setInputFiles(pdfPath);
    await page.getByLabel(/Khóa ký/).fill(form.pdfSignature.keyId);
    await page.getByLabel(/Chữ ký \(base64\)/).fill(form.pdfSignature.value);
    await page.locator('#check-pdf').click();
    await expect.poll(() => page.locator('#pdf-verdict').textContent()).toContain('Chữ ký hợp lệ');

    const altered = path.join(path.dirname(pdfPath), 'altered.pdf');
    writeFileSync(
      altered,
      Buffer.concat([Buffer.from(await (await fetch(form.url)).arrayBuffer()), Buffer.from('\n%x')]),
    );
    await page.getByLabel('Tệp PDF', { exact: false }).and(page.locator('input')).setInputFiles(altered);
    await page.locator('#check-pdf').click();
    await expect.poll(() => page.locator('#pdf-verdict').textContent()).toContain('KHÔNG hợp lệ');
  });
});
