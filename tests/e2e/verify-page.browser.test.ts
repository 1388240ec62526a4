import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SessionDocumentSigner } from '../../shared/adapters/document-signer.ts';
import { KmsSigner } from '../../shared/adapters/signer.ts';
import { launchBrowser, openPage, takeCspViolations } from '../support/browser.ts';
import { api, apiBase, completeDossierRequest, postJson, readDossier } from '../support/deployment.ts';
import { receiveDossier, recordAtCounter, signInOfficer } from '../support/officers.ts';

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

  // Deployments planned above the design peak sign files with session keys; the link then carries the statement.
  it('checks a PDF signed by a session key, statement first, from a link that fills all three fields', async () => {
    const signature = await new SessionDocumentSigner(new KmsSigner(), 3_600_000).signFile(
      form.pdfSignature.keyId,
      readFileSync(pdfPath),
      'ECDSA_SHA_256',
    );
    const delegation = JSON.stringify(signature.delegation);
    const page = await openPage(browser);
    const query = new URLSearchParams({ key: signature.keyId, signature: signature.value, delegation });
    await page.goto(`${apiBase}verify?${query}`);
    await expect.poll(() => page.getByLabel(/Giấy chứng nhận khóa phiên/).inputValue()).toBe(delegation);
    await page.getByLabel('Tệp PDF', { exact: false }).and(page.locator('input')).setInputFiles(pdfPath);
    await page.locator('#check-pdf').click();
    await expect.poll(() => page.locator('#pdf-verdict').textContent()).toContain('Chữ ký hợp lệ');
    await expect.poll(() => page.locator('#pdf-verdict').textContent()).toContain('khóa phiên');

    // A statement whose validity was stretched no longer carries the KMS key's signature.
    const stretched = {
      ...signature.delegation,
      canonical: signature.delegation?.canonical.replace(/"notAfter":"\d{4}/, '"notAfter":"2099'),
    };
    await page.getByLabel(/Giấy chứng nhận khóa phiên/).fill(JSON.stringify(stretched));
    await page.locator('#check-pdf').click();
    await expect.poll(() => page.locator('#pdf-verdict').textContent()).toContain('không do khóa này ký');

    // Without its statement the session signature is checked against the published key, and fails.
    await page.getByLabel(/Giấy chứng nhận khóa phiên/).fill('');
    await page.locator('#check-pdf').click();
    await expect.poll(() => page.locator('#pdf-verdict').textContent()).toContain('KHÔNG hợp lệ');
  });

  // The provincial Department of Justice signs with RSA-PSS: its forms are checked with that algorithm.
  it('checks in the browser a PDF of a unit that signs with RSA', async () => {
    const counter = await recordAtCounter<{ dossierCode: string; lookupSecret: string }>(
      '000.00.11.H56',
      await completeDossierRequest({ procedureCode: '2.000488.000.00.00.H56' }),
    );
    const rsaForm = (
      await api<FormAnswer & { pdfSignature: { algorithm: string } }>(
        `/dossiers/${encodeURIComponent(counter.body.dossierCode)}/forms/01`,
        { headers: { 'x-lookup-secret': counter.body.lookupSecret } },
      )
    ).body;
    expect(rsaForm.pdfSignature.algorithm).toBe('RSASSA_PSS_SHA_256');
    const rsaPdf = path.join(path.dirname(pdfPath), 'mau-01-rsa.pdf');
    writeFileSync(rsaPdf, Buffer.from(await (await fetch(rsaForm.url)).arrayBuffer()));
    const page = await openPage(browser);
    const query = new URLSearchParams({
      key: rsaForm.pdfSignature.keyId,
      signature: rsaForm.pdfSignature.value,
    });
    await page.goto(`${apiBase}verify?${query}`);
    await page.getByLabel('Tệp PDF', { exact: false }).and(page.locator('input')).setInputFiles(rsaPdf);
    await page.locator('#check-pdf').click();
    await expect.poll(() => page.locator('#pdf-verdict').textContent()).toContain('Chữ ký hợp lệ');
    await page.getByLabel('Tệp PDF', { exact: false }).and(page.locator('input')).setInputFiles(pdfPath);
    await page.locator('#check-pdf').click();
    await expect.poll(() => page.locator('#pdf-verdict').textContent()).toContain('KHÔNG hợp lệ');
  });
});
