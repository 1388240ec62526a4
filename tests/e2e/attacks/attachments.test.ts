import { createHash, randomUUID } from 'node:crypto';
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  api,
  completeDossierRequest,
  dataOutput,
  postJson,
  readDossier,
  uploadAttachment,
} from '../../support/deployment.ts';
import { expectBilingualError } from '../../support/errors.ts';
import {
  forwardUntil,
  officerAct,
  recordAtCounter,
  signInOfficer,
  signingLeader,
} from '../../support/officers.ts';
import { pdfText } from '../../support/pdf-text.ts';
import { samplePdf, samplePng } from '../../support/sample-files.ts';

/**
 * Attachments swapped after they were checked: a presigned form re-posted after submission, one
 * upload named in two dossiers, and files that only begin like the type they claim.
 */
const s3 = new S3Client({});
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const AGENCY = '000.17.22.H56';

interface Submitted {
  dossierCode: string;
  lookupSecret: string;
  receipt: {
    document: { documentsReceived: { name: string; sha256?: string; sizeBytes?: number }[] };
    canonical: string;
  };
}

type Upload = Awaited<ReturnType<typeof uploadAttachment>>;

/** What the bucket holds at a key now, read with the emulator's credentials. */
async function storedBytes(key: string): Promise<Uint8Array> {
  const object = await s3.send(
    new GetObjectCommand({ Bucket: dataOutput('AttachmentsBucketName'), Key: key }),
  );
  return (await object.Body?.transformToByteArray()) ?? new Uint8Array();
}

/** Sends the same presigned form again with other bytes, as someone who kept it would. */
async function repost(upload: Upload, bytes: Uint8Array, fileName: string, contentType: string) {
  const form = new FormData();
  for (const [name, value] of Object.entries(upload.presigned.fields)) form.append(name, value);
  form.append('file', new Blob([Buffer.from(bytes)], { type: contentType }), fileName);
  return (await fetch(upload.presigned.url, { method: 'POST', body: form })).status;
}

/** A complete birth registration whose birth certificate is (each of) `attachments`. */
function requestWith(attachments: { key: string; fileName: string }[]) {
  return completeDossierRequest({
    attachments: attachments.map((attachment) => ({ ...attachment, documentCode: 'GIAY_CHUNG_SINH' })),
  });
}

async function submitWith(
  attachments: { key: string; fileName: string }[],
  headers: Record<string, string> = {},
) {
  return postJson<Submitted>('/dossiers', await requestWith(attachments), headers);
}

/** An executable's first bytes: no larger than the PDF it replaces, so the form's size range admits it. */
const EXECUTABLE = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(62, 0x90)]);
const HTML_PDF = new TextEncoder().encode(
  '%PDF-1.7\n<html><body><script>document.location="https://example.invalid/"</script></body></html>\n%%EOF\n',
);

/** Uploads `bytes`, submits a dossier with them, and expects a 422 naming the file in both languages. */
async function expectRefusedAtSubmission(
  what: string,
  fileName: string,
  contentType: string,
  bytes: Uint8Array,
) {
  const upload = await uploadAttachment(fileName, contentType, bytes);
  expect(upload.uploadStatus, what).toBeLessThan(300);
  const error = expectBilingualError(
    await submitWith([{ key: upload.key, fileName }]),
    422,
    'ATTACHMENT_REJECTED',
  );
  expect(
    error.fields.map((f) => f.field),
    what,
  ).toEqual(['attachments.0.key']);
  expect(error.fields[0]?.message.en, what).toContain(fileName);
  expect(error.fields[0]?.message.vi, what).toContain(fileName);
}

describe('an attachment cannot be swapped after it was checked', () => {
  it('re-posting the upload form after submission leaves the dossier with the bytes its receipt names', async () => {
    const original = await samplePdf('Giay chung sinh - ban sao');
    const upload = await uploadAttachment('giay-chung-sinh.pdf', 'application/pdf', original);
    expect(upload.uploadStatus).toBeLessThan(300);
    // Received at the counter, so the answer carries the receipt naming the bytes.
    const answer = await recordAtCounter<Submitted>(
      '000.17.22.H56',
      await completeDossierRequest({
        attachments: [{ key: upload.key, fileName: 'giay-chung-sinh.pdf', documentCode: 'GIAY_CHUNG_SINH' }],
      }),
    );
    expect(answer.status, JSON.stringify(answer.body)).toBe(201);
    const { dossierCode, lookupSecret, receipt } = answer.body;
    const digest = receipt.document.documentsReceived[0]?.sha256;
    expect(digest).toBe(sha256(original));
    // The digest is part of what was signed, not only of the answer around it.
    expect(JSON.parse(receipt.canonical).documentsReceived[0]).toMatchObject({
      sha256: digest,
      sizeBytes: original.byteLength,
    });

    // The form is still within its validity: the swap reaches the upload key...
    expect(await repost(upload, EXECUTABLE, 'giay-chung-sinh.pdf', 'application/pdf')).toBeLessThan(300);
    expect(sha256(await storedBytes(upload.key))).toBe(sha256(EXECUTABLE));
    // ...but the dossier holds its own copy, under a key no upload form can write.
    const bound = (await readDossier(dossierCode))?.attachments[0];
    expect(bound?.key).toMatch(new RegExp(`^dossiers/${dossierCode.replaceAll('.', '\\.')}/`));
    expect(bound).toMatchObject({ sha256: digest, sizeBytes: original.byteLength, uploadKey: upload.key });
    expect(sha256(await storedBytes(bound?.key ?? ''))).toBe(digest);

    // The receipt as a PDF (form 01) prints the digest too.
    const form = await api<{ url: string }>(`/dossiers/${encodeURIComponent(dossierCode)}/forms/01`, {
      headers: { 'x-lookup-secret': lookupSecret },
    });
    expect(form.status).toBe(200);
    const pdf = new Uint8Array(await (await fetch(form.body.url)).arrayBuffer());
    expect((await pdfText(pdf)).replace(/\s+/g, '')).toContain(digest?.slice(0, 16));
  });

  it('an uploaded file belongs to one dossier: a second dossier naming it is refused, a retry is not', async () => {
    const upload = await uploadAttachment('to-khai.pdf', 'application/pdf', await samplePdf('To khai'));
    const idempotencyKey = randomUUID();
    const request = await requestWith([{ key: upload.key, fileName: 'to-khai.pdf' }]);
    const first = await postJson<Submitted>('/dossiers', request, { 'idempotency-key': idempotencyKey });
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    // The same request again, as a client whose connection dropped would send it.
    const retry = await postJson<Submitted>('/dossiers', request, { 'idempotency-key': idempotencyKey });
    expect(retry.status).toBe(201);
    expect(retry.body.dossierCode).toBe(first.body.dossierCode);

    const elsewhere: Record<string, string>[] = [{}, { 'idempotency-key': randomUUID() }];
    for (const headers of elsewhere) {
      const second = await submitWith([{ key: upload.key, fileName: 'to-khai-lan-2.pdf' }], headers);
      const error = expectBilingualError(second, 409, 'ATTACHMENT_ALREADY_USED');
      expect(error.fields.map((f) => f.field)).toEqual(['attachments.0.key']);
      expect(error.fields[0]?.message.vi).toContain('to-khai-lan-2.pdf');
      expect(error.fields[0]?.message.en).toContain('to-khai-lan-2.pdf');
    }

    // Twice in one request is refused before anything is stored.
    const other = await uploadAttachment('don.pdf', 'application/pdf', await samplePdf('Don'));
    const twice = await submitWith([
      { key: other.key, fileName: 'don.pdf' },
      { key: other.key, fileName: 'don-ban-sao.pdf' },
    ]);
    expect(expectBilingualError(twice, 400, 'VALIDATION_FAILED').fields.map((f) => f.field)).toEqual([
      'attachments.1.key',
    ]);
  });

  it('two dossiers racing for one upload: one gets it, the other is refused', async () => {
    const upload = await uploadAttachment(
      'giay-uy-quyen.pdf',
      'application/pdf',
      await samplePdf('Uy quyen'),
    );
    const answers = await Promise.all(
      [1, 2].map(() => submitWith([{ key: upload.key, fileName: 'giay-uy-quyen.pdf' }])),
    );
    expect(answers.map((answer) => answer.status).sort()).toEqual([201, 409]);
    const winner = answers.find((answer) => answer.status === 201)?.body.dossierCode ?? '';
    expect((await readDossier(winner))?.attachments[0]?.uploadKey).toBe(upload.key);
  });

  it('a file beginning with %PDF- is refused unless it is a PDF by its structure', async () => {
    const real = await samplePdf('Ly lich');
    const cases = {
      'HTML after a PDF header': HTML_PDF,
      'a PDF cut off halfway': real.subarray(0, Math.floor(real.byteLength / 2)),
    };
    for (const [what, bytes] of Object.entries(cases)) {
      await expectRefusedAtSubmission(what, 'ly-lich.pdf', 'application/pdf', bytes);
    }
  });

  it('a PNG with a broken header or cut off is refused; an intact one is accepted', async () => {
    const intact = samplePng(120, 80);
    const alteredHeader = Buffer.from(intact);
    alteredHeader[19] = 0xff; // the width, changed after its checksum was computed
    const cases = {
      'IHDR altered (checksum mismatch)': alteredHeader,
      'cut off before its end chunk': intact.subarray(0, intact.byteLength - 20),
    };
    for (const [what, bytes] of Object.entries(cases)) {
      await expectRefusedAtSubmission(what, 'anh-the.png', 'image/png', bytes);
    }
    const honest = await uploadAttachment('anh-the.png', 'image/png', intact);
    expect((await submitWith([{ key: honest.key, fileName: 'anh-the.png' }])).status).toBe(201);
  });
});

describe("an officer's result file is bound and checked the same way", () => {
  let officer: string;
  let leader: string;
  let dossierCode: string;

  beforeAll(async () => {
    officer = await signInOfficer(AGENCY);
    const submitted = await submitWith([]);
    expect(submitted.status).toBe(201);
    dossierCode = submitted.body.dossierCode;
    for (const type of ['accept', 'forward'])
      expect((await officerAct(officer, dossierCode, { type })).status).toBe(200);
    // The officer drafts; a leader of the unit, who did not, signs the result.
    await forwardUntil(officer, dossierCode, 'complete');
    leader = await signingLeader(AGENCY);
  });

  const complete = (resultDocumentKey: string) =>
    officerAct<{
      status: string;
      result: { documentKey: string; documentSha256: string; documentSignature?: { sha256: string } };
    }>(leader, dossierCode, { type: 'complete', resultDocumentKey });

  it('refuses a result that is HTML after a PDF header, or a file already in a dossier', async () => {
    const html = await uploadAttachment('ket-qua.pdf', 'application/pdf', HTML_PDF);
    const refused = expectBilingualError(await complete(html.key), 422, 'ATTACHMENT_REJECTED');
    expect(refused.fields.map((f) => f.field)).toEqual(['resultDocumentKey']);

    const citizens = await uploadAttachment(
      'don.pdf',
      'application/pdf',
      await samplePdf('Don cua cong dan'),
    );
    expect((await submitWith([{ key: citizens.key, fileName: 'don.pdf' }])).status).toBe(201);
    const reused = expectBilingualError(await complete(citizens.key), 409, 'ATTACHMENT_ALREADY_USED');
    expect(reused.fields.map((f) => f.field)).toEqual(['resultDocumentKey']);
  });

  it('keeps the result it checked and signed, whatever is posted to the upload form afterwards', async () => {
    const result = await samplePdf('Trich luc khai sinh');
    const upload = await uploadAttachment('ket-qua.pdf', 'application/pdf', result);
    const done = await complete(upload.key);
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    expect(done.body.status).toBe('done');
    expect(done.body.result.documentSha256).toBe(sha256(result));
    if (done.body.result.documentSignature)
      expect(done.body.result.documentSignature.sha256).toBe(sha256(result));

    expect(await repost(upload, EXECUTABLE, 'ket-qua.pdf', 'application/pdf')).toBeLessThan(300);
    expect(done.body.result.documentKey).toMatch(
      new RegExp(`^dossiers/${dossierCode.replaceAll('.', '\\.')}/`),
    );
    expect(sha256(await storedBytes(done.body.result.documentKey))).toBe(sha256(result));
  });
});
