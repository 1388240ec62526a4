import { beforeAll, describe, expect, it } from 'vitest';
import {
  api,
  completeDossierRequest,
  dispatchRequest,
  dossierRequest,
  pdfAttachment,
  postJson,
} from '../support/deployment.ts';
import { expectBilingualError } from '../support/errors.ts';
import { recordAtCounter, signInOfficer } from '../support/officers.ts';

const COMMUNE = '000.17.22.H56';
const PROVINCE = '000.00.00.H56';

const withName = (fullName: string) =>
  dossierRequest({ applicant: { ...dossierRequest().applicant, fullName } });

describe('names that would print blank or reordered are refused', () => {
  it('an applicant named with zero-width characters only, or with bidi controls, is a 400 naming the field', async () => {
    for (const fullName of [
      '\u200B\u200C\u200D',
      '\u2060\uFEFF\u200B',
      '\u3164',
      'Nguyễn \u202Egnauh',
      'Lê\u2066 Văn\u2069 An',
      '\u200FAn',
    ]) {
      const error = expectBilingualError(
        await postJson('/dossiers', withName(fullName)),
        400,
        'VALIDATION_FAILED',
      );
      expect(
        error.fields.map((f) => f.field),
        JSON.stringify(fullName),
      ).toEqual(['applicant.fullName']);
      expect(error.fields[0]?.message.vi).toMatch(/Tên/);
      expect(error.fields[0]?.message.en).toMatch(/name/);
    }
  });

  it('a name pasted with zero-width characters is received, and the receipt shows the visible name', async () => {
    // Received at the counter, so the answer carries the signed receipt.
    const answer = await recordAtCounter<{ receipt: { canonical: string } }>(
      '000.17.22.H56',
      await completeDossierRequest(withName('\u200BTrần\u200D Thị\u2060 Bích\uFEFF')),
    );
    expect(answer.status, JSON.stringify(answer.body)).toBe(201);
    // Form 01 names the applicant whatever its kind: `name` is the individual's full name.
    const receipt = JSON.parse(answer.body.receipt.canonical) as {
      applicant: { kind: string; name: string };
    };
    expect(receipt.applicant).toMatchObject({ kind: 'individual', name: 'Trần Thị Bích' });
  });

  it('the signer of an official document is held to the same rule', async () => {
    const token = await signInOfficer(COMMUNE);
    const error = expectBilingualError(
      await postJson(
        '/officer/documents',
        dispatchRequest(PROVINCE, 'UBND-VP', {
          signerInfo: { position: 'Chủ tịch', fullName: '\u200B\u200B' },
          attachments: [pdfAttachment('Báo cáo.pdf')],
        }),
        { authorization: `Bearer ${token}` },
      ),
      400,
      'VALIDATION_FAILED',
    );
    expect(error.fields.map((f) => f.field)).toEqual(['signerInfo.fullName']);
  });
});

describe('a JSON body is read only under exactly application/json', () => {
  const body = JSON.stringify({ fileName: 'giay-to.pdf', contentType: 'application/pdf', sizeBytes: 10 });

  it('look-alike media types and other charsets are 415', async () => {
    for (const type of [
      'application/json-patch+json',
      'application/jsonp',
      'text/plain',
      'application/json; charset=latin1',
      'application/json; charset=utf-16',
      'application/json5',
    ]) {
      const answer = await api('/attachments', { method: 'POST', headers: { 'content-type': type }, body });
      expectBilingualError(answer, 415, 'UNSUPPORTED_MEDIA_TYPE');
    }
  });

  it('application/json with a UTF-8 charset, in any case and spacing, is read', async () => {
    for (const type of ['application/json', 'Application/JSON ; Charset = "UTF-8"']) {
      const answer = await api('/attachments', { method: 'POST', headers: { 'content-type': type }, body });
      expect(answer.status, type).toBe(201);
    }
  });
});

describe('hostile XML on the edXML import is a 400, never a 500', () => {
  let token: string;
  beforeAll(async () => {
    token = await signInOfficer(PROVINCE);
  });
  const importXml = (xml: string) =>
    api('/officer/documents/edxml', {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/xml' },
      body: xml,
    });

  it('deeply nested elements', async () => {
    for (const depth of [100, 20_000]) {
      const xml = `<edXMLEnvelope>${'<a>'.repeat(depth)}x${'</a>'.repeat(depth)}</edXMLEnvelope>`;
      expectBilingualError(await importXml(xml), 400, 'MALFORMED_XML');
    }
  });

  it('element names that reach object prototypes, and a flood of entity references', async () => {
    expectBilingualError(
      await importXml('<edXMLEnvelope><__proto__><a>1</a></__proto__></edXMLEnvelope>'),
      400,
      'MALFORMED_XML',
    );
    const flood = `<edXMLEnvelope><edXMLHeader><MessageHeader><Content>${'&amp;'.repeat(60_000)}</Content></MessageHeader></edXMLHeader></edXMLEnvelope>`;
    const error = expectBilingualError(await importXml(flood), 400, 'MALFORMED_XML');
    expect(error.fields[0]?.message.en).toMatch(/expansion/);
  });
});

describe('pages carry a Content-Security-Policy without unsafe-inline', () => {
  it.each(['', 'lookup', 'dashboard', 'verify'])('GET /%s', async (path) => {
    const answer = await api(path);
    expect(answer.status).toBe(200);
    const policy = answer.headers.get('content-security-policy') ?? '';
    expect(policy).not.toMatch(/unsafe-|\*/);
    expect(policy).toMatch(/^default-src 'none'; script-src 'sha256-/);
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy).toContain("base-uri 'none'");
  });

  it('the citizen form may connect to its own API and to the bucket uploads go to, nowhere else', async () => {
    const slot = await postJson<{ url: string }>('/attachments', {
      fileName: 'giay-to.pdf',
      contentType: 'application/pdf',
      sizeBytes: 10,
    });
    const policy = (await api('')).headers.get('content-security-policy') ?? '';
    expect(policy).toContain(`connect-src 'self' ${new URL(slot.body.url).origin};`);
  });
});
