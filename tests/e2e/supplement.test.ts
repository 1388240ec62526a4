import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  api,
  postJson,
  readDossier,
  recordedMail,
  submittedDossier,
  uploadAttachment,
  waitFor,
} from '../support/deployment.ts';
import { officerAct, officerGet, signInOfficer, wholeQueue } from '../support/officers.ts';
import { samplePdf } from '../support/sample-files.ts';

const COMMUNE = '000.17.22.H56';

interface ErrorBody {
  error: { code: string; message: { vi: string; en: string }; fields?: { field: string }[] };
}
interface Supplied {
  dossierCode: string;
  status: string;
  syncCode: number;
  suppliedAt: string;
  attachments: { fileName: string; documentCode?: string }[];
}
interface CitizenView {
  status: string;
  supplement?: { reason: string; documents: string[]; requestedAt: string; suppliedAt?: string };
  history: { status: string; by: string; note?: string }[];
}
interface OfficerView {
  status: string;
  suppliedAt?: string;
  clock?: { pausedAt: string };
  attachments: { key: string; uploadKey?: string; fileName: string; sha256?: string; suppliedAt?: string }[];
  supplement?: { suppliedAt?: string };
}

const path = (code: string, suffix = '') => `/dossiers/${encodeURIComponent(code)}${suffix}`;
const supply = (code: string, secret: string, body: unknown) =>
  postJson<Supplied & ErrorBody>(path(code, '/supplement'), body, { 'x-lookup-secret': secret });
const lookUp = (code: string, secret: string) =>
  api<CitizenView>(path(code), { headers: { 'x-lookup-secret': secret } });

async function submitted(): Promise<{ code: string; secret: string }> {
  const { dossierCode, lookupSecret } = await submittedDossier({}, { routed: true });
  return { code: dossierCode, secret: lookupSecret };
}

async function pdfUpload(fileName: string, text: string) {
  const bytes = await samplePdf(text);
  const upload = await uploadAttachment(fileName, 'application/pdf', bytes);
  expect(upload.uploadStatus).toBeLessThan(300);
  return { key: upload.key, sha256: createHash('sha256').update(bytes).digest('hex') };
}

describe('the citizen supplies the documents an officer asked for', () => {
  let officer: string;
  let code: string;
  let secret: string;
  /** The mandatory documents bound at submission: a supplement only ever adds to them. */
  let submittedAttachments: unknown[];

  beforeAll(async () => {
    officer = await signInOfficer(COMMUNE);
    ({ code, secret } = await submitted());
    submittedAttachments = (await readDossier(code))?.attachments ?? [];
  });

  it('is refused while no supplement is requested, before any file is bound', async () => {
    const early = await pdfUpload('som.pdf', 'Nop som');
    const refused = await supply(code, secret, { attachments: [{ key: early.key, fileName: 'som.pdf' }] });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('ILLEGAL_TRANSITION');
    expect(refused.body.error.message.vi).toContain('"Mới đăng ký"');
    expect(submittedAttachments).toHaveLength(2);
    expect((await readDossier(code))?.attachments).toEqual(submittedAttachments);
  });

  it('answers a wrong secret with 404 and stores nothing', async () => {
    const stranger = await pdfUpload('la.pdf', 'Nguoi la');
    const refused = await supply(code, 'A'.repeat(22), {
      attachments: [{ key: stranger.key, fileName: 'la.pdf' }],
    });
    expect(refused.status).toBe(404);
  });

  it('officer asks → citizen sees the request, uploads and sends → the desk sees it supplied → the clock resumes', async () => {
    for (const type of ['accept', 'forward'])
      expect((await officerAct(officer, code, { type })).status).toBe(200);
    const asked = await officerAct<OfficerView>(officer, code, {
      type: 'request_supplement',
      reason: 'Thiếu giấy chứng sinh',
      documents: ['Giấy chứng sinh (bản chính)'],
    });
    expect(asked.body.status).toBe('supplement_requested');

    const before = await lookUp(code, secret);
    expect(before.body.status).toBe('supplement_requested');
    expect(before.body.supplement).toEqual({
      requestedAt: expect.any(String),
      reason: 'Thiếu giấy chứng sinh',
      documents: ['Giấy chứng sinh (bản chính)'],
    });

    const certificate = await pdfUpload('giay-chung-sinh.pdf', 'Giay chung sinh ban chinh');
    const supplied = await supply(code, secret, {
      attachments: [
        { key: certificate.key, fileName: 'giay-chung-sinh.pdf', documentCode: 'GIAY_CHUNG_SINH' },
      ],
      note: 'Bản chụp bản chính',
    });
    expect(supplied.status).toBe(200);
    expect(supplied.body).toMatchObject({
      dossierCode: code,
      status: 'supplement_requested',
      syncCode: 5,
      attachments: [{ fileName: 'giay-chung-sinh.pdf', documentCode: 'GIAY_CHUNG_SINH' }],
    });

    const stored = await readDossier(code);
    expect(stored?.attachments).toEqual([
      ...submittedAttachments,
      expect.objectContaining({
        key: expect.stringMatching(new RegExp(`^dossiers/${code.replace(/\./g, '\\.')}/attachments/`)),
        uploadKey: certificate.key,
        fileName: 'giay-chung-sinh.pdf',
        sha256: certificate.sha256,
        suppliedAt: supplied.body.suppliedAt,
      }),
    ]);

    const after = await lookUp(code, secret);
    expect(after.body.supplement?.suppliedAt).toBe(supplied.body.suppliedAt);
    expect(after.body.history.at(-1)).toMatchObject({ status: 'supplement_requested', by: 'citizen' });

    const desk = await officerGet<OfficerView>(
      officer,
      path(code).replace('/dossiers/', '/officer/dossiers/'),
    );
    expect(desk.status).toBe(200);
    expect(desk.body).toMatchObject({ status: 'supplement_requested', suppliedAt: supplied.body.suppliedAt });
    expect(desk.body.clock).toBeDefined();
    const queue = await wholeQueue<{ dossierCode: string; suppliedAt?: string }>(
      officer,
      'status=supplement_requested',
    );
    expect(queue.dossiers.find((line) => line.dossierCode === code)?.suppliedAt).toBe(
      supplied.body.suppliedAt,
    );

    const mail = await waitFor(
      async () => (await recordedMail()).find((m) => m.Subject.startsWith(`Đã nhận hồ sơ bổ sung ${code}`)),
      'the supplement acknowledgement',
    );
    expect(mail.BodyText).toContain('giay-chung-sinh.pdf');

    // The same upload cannot be sent twice, to this dossier or any other.
    const again = await supply(code, secret, {
      attachments: [{ key: certificate.key, fileName: 'lai.pdf' }],
    });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('ATTACHMENT_ALREADY_USED');

    const resumed = await officerAct<OfficerView>(officer, code, { type: 'receive_supplement' });
    expect(resumed.body.status).toBe('in_progress');
    expect(resumed.body.clock).toBeUndefined();
    expect(resumed.body.suppliedAt).toBeUndefined();

    const closed = await pdfUpload('muon.pdf', 'Gui muon');
    const late = await supply(code, secret, { attachments: [{ key: closed.key, fileName: 'muon.pdf' }] });
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('ILLEGAL_TRANSITION');
  });

  it('rejects a file that is not what its name says, naming its field', async () => {
    const other = await submitted();
    for (const type of ['accept', 'forward'])
      expect((await officerAct(officer, other.code, { type })).status).toBe(200);
    await officerAct(officer, other.code, {
      type: 'request_supplement',
      reason: 'Thiếu tờ khai',
      documents: ['Tờ khai'],
    });
    const fake = await uploadAttachment(
      'to-khai.pdf',
      'application/pdf',
      new TextEncoder().encode('not a pdf at all'),
    );
    const refused = await supply(other.code, other.secret, {
      attachments: [{ key: fake.key, fileName: 'to-khai.pdf' }],
    });
    expect(refused.status).toBe(422);
    expect(refused.body.error.code).toBe('ATTACHMENT_REJECTED');
    expect(refused.body.error.fields?.map((field) => field.field)).toEqual(['attachments.0.key']);
    expect((await readDossier(other.code))?.status).toBe('supplement_requested');
  });
});
