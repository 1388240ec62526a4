import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { beforeAll, describe, expect, it } from 'vitest';
import { AuditLog } from '../../shared/adapters/audit-log.ts';
import {
  apiBase,
  completeDossierRequest,
  dataOutput,
  postJson,
  readDossier,
  waitUntilRouted,
} from '../support/deployment.ts';
import { officerGet, receiveDossier, signInOfficer } from '../support/officers.ts';
import { pdfText } from '../support/pdf-text.ts';

const HOLDER = '000.17.22.H56';
const OTHER = '000.18.22.H56';
const STAMP = 'BẢN XEM TRƯỚC – CHƯA CÓ GIÁ TRỊ PHÁP LÝ';
const s3 = new S3Client({ forcePathStyle: true });
const audit = new AuditLog(dataOutput('AuditTableName'));

const previewPath = (code: string, form: string) =>
  `officer/dossiers/${encodeURIComponent(code)}/forms/${form}/preview`;

/** Posts an action's body to the preview route, as the workspace does. */
function preview(code: string, form: string, action: unknown, headers: Record<string, string> = {}) {
  return fetch(new URL(previewPath(code, form), apiBase), {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/pdf', ...headers },
    body: JSON.stringify(action),
  });
}

/** Every object kept under the dossier's signed forms. */
async function storedForms(code: string): Promise<string[]> {
  const listed = await s3.send(
    new ListObjectsV2Command({ Bucket: dataOutput('AttachmentsBucketName'), Prefix: `forms/${code}/` }),
  );
  return (listed.Contents ?? []).flatMap(({ Key }) => (Key ? [Key] : []));
}

/** What a preview could have changed: the dossier as stored, its audit chain, its stored forms. */
async function footprint(code: string) {
  return {
    dossier: await readDossier(code),
    audit: await audit.entries(code),
    forms: await storedForms(code),
  };
}

const formNumber = (text: string, notation: string) =>
  new RegExp(`Số: (\\d{6}-\\d{4,}/${notation})`).exec(text)?.[1];

describe('a form’s preview before the action that issues it', () => {
  let holder = '';
  let dossierCode = '';
  let lookupSecret = '';
  const supplement = {
    type: 'request_supplement',
    reason: 'Bản sao giấy chứng sinh không đọc được',
    documents: ['Giấy chứng sinh (bản sao có chứng thực)'],
  };

  beforeAll(async () => {
    holder = await signInOfficer(HOLDER);
    ({ dossierCode, lookupSecret } = (
      await postJson<{ dossierCode: string; lookupSecret: string }>(
        '/dossiers',
        await completeDossierRequest(),
      )
    ).body);
    await waitUntilRouted(dossierCode);
  });

  it('gives an officer of the unit form 02 as the action would issue it, unsigned and stamped, changing nothing', async () => {
    const before = await footprint(dossierCode);
    const response = await preview(dossierCode, '02', supplement, { authorization: `Bearer ${holder}` });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect(Buffer.from(bytes.subarray(0, 5)).toString()).toBe('%PDF-');
    const text = await pdfText(bytes);
    for (const expected of [
      STAMP,
      'PREVIEW – NOT VALID',
      'PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ',
      `Mã hồ sơ: ${dossierCode}`,
      supplement.reason,
    ])
      expect(text).toContain(expected);
    expect(text.replace(/\s+/g, ' ')).toContain(supplement.documents[0]);
    expect(text).not.toMatch(/Văn bản được ký số|Khóa ký số/);
    expect(formNumber(text, 'YCBS')).toBeDefined();
    expect(await footprint(dossierCode)).toEqual(before);
  });

  it('numbers the receipt (form 01) as the action then does, taking no number', async () => {
    const shown = await preview(dossierCode, '01', { type: 'accept' }, { authorization: `Bearer ${holder}` });
    expect(shown.status).toBe(200);
    const previewed = formNumber(await pdfText(new Uint8Array(await shown.arrayBuffer())), 'TNHS');
    expect(previewed).toBeDefined();
    expect(await storedForms(dossierCode)).toEqual([]);

    await receiveDossier(holder, dossierCode);
    const issued = await officerGet<{ url: string }>(
      holder,
      `/officer/dossiers/${encodeURIComponent(dossierCode)}/forms/01`,
    );
    expect(issued.status).toBe(200);
    const signed = await pdfText(new Uint8Array(await (await fetch(issued.body.url)).arrayBuffer()));
    expect(formNumber(signed, 'TNHS')).toBe(previewed);
    expect(signed).not.toContain(STAMP);
  });

  it('refuses as the action would when it is not allowed now, without taking it', async () => {
    const before = await footprint(dossierCode);
    // Received now: refusing at reception is past.
    const refused = await preview(
      dossierCode,
      '03',
      { type: 'refuse', reason: 'Không thuộc thẩm quyền' },
      { authorization: `Bearer ${holder}` },
    );
    expect(refused.status).toBe(409);
    expect(await refused.json()).toMatchObject({ error: { code: 'ILLEGAL_TRANSITION' } });
    const wrongForm = await preview(dossierCode, '03', supplement, { authorization: `Bearer ${holder}` });
    expect(wrongForm.status).toBe(400);
    expect(await footprint(dossierCode)).toEqual(before);
  });

  it('shows another unit’s officer nothing (404) and answers 401 to a citizen or no token', async () => {
    const stranger = await signInOfficer(OTHER);
    const action = { type: 'stop', reason: 'Công dân đề nghị dừng' };
    expect((await preview(dossierCode, '05', action, { authorization: `Bearer ${stranger}` })).status).toBe(
      404,
    );
    expect((await preview(dossierCode, '05', action)).status).toBe(401);
    expect((await preview(dossierCode, '05', action, { 'x-lookup-secret': lookupSecret })).status).toBe(401);
  });
});
