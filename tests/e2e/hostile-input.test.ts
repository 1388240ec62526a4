import { describe, expect, it } from 'vitest';
import {
  api,
  completeDossierRequest,
  dossierRequest,
  postJson,
  readDossier,
  uploadAttachment,
  waitUntilRouted,
} from '../support/deployment.ts';
import { expectBilingualError } from '../support/errors.ts';
import { pngHeader, ZIP_HEAD } from '../support/images.ts';
import { receiveDossier, signInOfficer } from '../support/officers.ts';
import { pdfActiveContent, pdfText } from '../support/pdf-text.ts';
import { samplePdf, samplePng } from '../support/sample-files.ts';

const refusal = expectBilingualError;

/** Asks for an upload slot, expecting a validation refusal; returns the fields it names. */
async function presignRefused(request: Record<string, unknown>): Promise<string[]> {
  const error = refusal(await postJson('/attachments', request), 400, 'VALIDATION_FAILED');
  return error.fields.map((f) => f.field);
}

async function submitWith(fileName: string, key: string) {
  return postJson(
    '/dossiers',
    await completeDossierRequest({ attachments: [{ key, fileName, documentCode: 'GIAY_CHUNG_SINH' }] }),
  );
}

describe('hostile input is refused, or stored as inert text', () => {
  it('oversized bodies: a 6 MB dossier and a 100 KB upload request', async () => {
    refusal(await postJson('/dossiers', { note: 'x'.repeat(6 * 1024 * 1024) }), 413, 'PAYLOAD_TOO_LARGE');
    refusal(
      await postJson('/attachments', {
        fileName: `${'a'.repeat(100 * 1024)}.pdf`,
        contentType: 'application/pdf',
      }),
      413,
      'PAYLOAD_TOO_LARGE',
    );
  });

  it('wrong content types, while JSON with a charset is accepted', async () => {
    const body = JSON.stringify(await completeDossierRequest());
    for (const type of [
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      'text/html',
      '',
    ])
      refusal(
        await api('/dossiers', { method: 'POST', headers: { 'content-type': type }, body }),
        415,
        'UNSUPPORTED_MEDIA_TYPE',
      );
    const accepted = await api('/dossiers', {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body,
    });
    expect(accepted.status).toBe(201);
  });

  it('path traversal in attachment names is refused at upload and at submission', async () => {
    expect(
      await presignRefused({
        fileName: '../../etc/passwd.pdf',
        contentType: 'application/pdf',
        sizeBytes: 10,
      }),
    ).toEqual(['fileName']);
    const upload = await uploadAttachment('giay-to.pdf', 'application/pdf', await samplePdf());
    // The storage key is the platform's own, whatever the file was called.
    const platformKey = /^uploads\/([0-9a-f]{2})\/\d{4}-\d{2}-\d{2}\/([0-9a-f-]{36})\.pdf$/;
    expect(upload.key).toMatch(platformKey);
    const [, spread, uuid] = platformKey.exec(upload.key) ?? [];
    expect(uuid?.slice(0, 2)).toBe(spread);
    for (const name of ['../../etc/passwd.pdf', '..\\..\\boot.ini.pdf', 'a/../../b.pdf']) {
      const atSubmission = refusal(await submitWith(name, upload.key), 400, 'VALIDATION_FAILED');
      expect(atSubmission.fields.map((f) => f.field)).toEqual(['attachments.0.fileName']);
    }
  });

  it('a PNG renamed .pdf and uploaded as application/pdf is refused by its magic bytes', async () => {
    const spoofed = await uploadAttachment('scan.pdf', 'application/pdf', pngHeader(1240, 1754));
    expect(spoofed.uploadStatus).toBeLessThan(300);
    const error = refusal(await submitWith('scan.pdf', spoofed.key), 422, 'ATTACHMENT_REJECTED');
    expect(error.fields).toEqual([
      expect.objectContaining({
        field: 'attachments.0.key',
        message: expect.objectContaining({ en: expect.stringContaining('image/png') }),
      }),
    ]);
    // The same bytes, honestly named and declared, are accepted.
    const honest = await uploadAttachment('scan.png', 'image/png', samplePng(1240, 1754));
    expect((await submitWith('scan.png', honest.key)).status).toBe(201);
  });

  it('a PNG declaring 50,000 × 50,000 pixels, small on disk, is refused', async () => {
    const bomb = await uploadAttachment('anh.png', 'image/png', pngHeader(50_000, 50_000));
    const error = refusal(await submitWith('anh.png', bomb.key), 422, 'ATTACHMENT_REJECTED');
    expect(error.fields[0]?.message.en).toContain('too many pixels');
  });

  it('an archive is refused by type, at upload and by its bytes', async () => {
    expect(
      await presignRefused({ fileName: 'ho-so.zip', contentType: 'application/zip', sizeBytes: 22 }),
    ).toContain('contentType');
    const disguised = await uploadAttachment('ho-so.pdf', 'application/pdf', ZIP_HEAD);
    const error = refusal(await submitWith('ho-so.pdf', disguised.key), 422, 'ATTACHMENT_REJECTED');
    expect(error.fields[0]?.message.en).toBe('ho-so.pdf is not a PDF, JPEG or PNG.');
  });

  it('script in text fields is stored as text, never echoed into a page, and drawn as text in the PDF', async () => {
    const fullName = '<script>alert("xss")</script> Hoa';
    const note = '<img src=x onerror=alert(1)> ghi chú';
    const submitted = await postJson<{ dossierCode: string; lookupSecret: string }>(
      '/dossiers',
      await completeDossierRequest({ applicant: { ...dossierRequest().applicant, fullName }, note }),
    );
    expect(submitted.status).toBe(201);
    const { dossierCode, lookupSecret } = submitted.body;
    const stored = await readDossier(dossierCode);
    expect(stored?.applicant).toMatchObject({ fullName });
    expect(stored?.note).toBe(note);

    // The pages are static: a code in the query string is read by the page's script, not echoed.
    for (const page of ['lookup', 'verify']) {
      const html = await api<string>(`/${page}?code=${encodeURIComponent(`"><script>alert(1)</script>`)}`);
      expect(html.status).toBe(200);
      expect(html.body).not.toContain('<script>alert(1)</script>');
    }

    // Form 01 is signed when the one-stop desk receives the online dossier.
    await waitUntilRouted(dossierCode);
    await receiveDossier(await signInOfficer('000.17.22.H56', ['tiep_nhan']), dossierCode);
    const form = await api<{ url: string }>(`/dossiers/${encodeURIComponent(dossierCode)}/forms/01`, {
      headers: { 'x-lookup-secret': lookupSecret },
    });
    expect(form.status).toBe(200);
    const pdf = new Uint8Array(await (await fetch(form.body.url)).arrayBuffer());
    expect(await pdfText(pdf)).toContain(fullName);
    expect(await pdfActiveContent(pdf)).toEqual([]);
  });
});
