import { createHash, randomUUID } from 'node:crypto';
import { GetObjectCommand, HeadObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import { AttachmentStore } from '../../shared/adapters/attachment-store.ts';
import { dataOutput } from '../support/deployment.ts';
import { samplePdf } from '../support/sample-files.ts';

const s3 = new S3Client({});
const bucket = dataOutput('AttachmentsBucketName');
const store = new AttachmentStore(bucket);
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

async function put(key: string, bytes: Uint8Array) {
  await s3.send(
    new PutObjectCommand({ Bucket: bucket, Key: key, Body: bytes, ContentType: 'application/pdf' }),
  );
}

describe('binding an upload to a dossier in the deployed bucket', () => {
  it('copies only the object that was read: replaced in between, the copy is refused and nothing is written', async () => {
    const upload = `uploads/2026-12-01/${randomUUID()}.pdf`;
    const target = `dossiers/TEST-${randomUUID().slice(0, 8)}/attachments/${upload.split('/').pop()}`;
    const checked = await samplePdf('Checked');
    await put(upload, checked);
    const read = await store.readUpload(upload, 10 * 1024 * 1024);
    expect(read?.bytes && sha256(read.bytes)).toBe(sha256(checked));

    // The presigned form is re-posted between the check and the copy.
    await put(upload, await samplePdf('Swapped in between'));
    const file = { contentType: 'application/pdf', sha256: sha256(checked) };
    expect(await store.bindUpload(upload, read?.etag ?? '', target, file)).toBe(false);
    await expect(s3.send(new HeadObjectCommand({ Bucket: bucket, Key: target }))).rejects.toThrow();

    // Read again, the bytes now there are what is copied, with their digest on the copy.
    const again = await store.readUpload(upload, 10 * 1024 * 1024);
    const now = { contentType: 'application/pdf', sha256: sha256(again?.bytes ?? new Uint8Array()) };
    expect(await store.bindUpload(upload, again?.etag ?? '', target, now)).toBe(true);
    const copy = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: target }));
    expect(sha256((await copy.Body?.transformToByteArray()) ?? new Uint8Array())).toBe(now.sha256);
    expect(copy.Metadata?.sha256).toBe(now.sha256);
    expect(copy.ContentType).toBe('application/pdf');
  });

  it('reads only the size of an object over the limit', async () => {
    const upload = `uploads/2026-12-01/${randomUUID()}.pdf`;
    const pdf = await samplePdf();
    await put(upload, pdf);
    const read = await store.readUpload(upload, 100);
    expect(read).toMatchObject({ sizeBytes: pdf.byteLength });
    expect(read?.bytes).toBeUndefined();
    expect(await store.readUpload(`uploads/2026-12-01/${randomUUID()}.pdf`, 100)).toBeUndefined();
  });
});
