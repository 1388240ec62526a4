import { createHash } from 'node:crypto';
import {
  GetObjectCommand,
  HeadObjectCommand,
  NoSuchKey,
  NotFound,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { createPresignedPost } from '@aws-sdk/s3-presigned-post';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { SNIFF_BYTES } from '../domain/attachment.ts';
import { counted } from './aws-calls.ts';

const s3 = counted(new S3Client({}));

export interface StoredObjectFacts {
  sizeBytes: number;
  head: Uint8Array;
  /** The Content-Type the upload declared (the presigned POST fixed it). */
  contentType: string | undefined;
}

export class AttachmentStore {
  constructor(private readonly bucket: string) {}

  /** A browser-friendly presigned POST limited to one key, one content type and a size range. */
  async presignUpload(key: string, contentType: string, maxBytes: number, expiresInSeconds: number) {
    return createPresignedPost(s3, {
      Bucket: this.bucket,
      Key: key,
      Conditions: [
        ['content-length-range', 1, maxBytes],
        ['eq', '$Content-Type', contentType],
      ],
      Fields: { 'Content-Type': contentType },
      Expires: expiresInSeconds,
    });
  }

  /** Stores a document the platform produced (a signed form) with its signature in the metadata. */
  async putDocument(
    key: string,
    bytes: Uint8Array,
    contentType: string,
    metadata: Record<string, string>,
  ): Promise<void> {
    await s3.send(
      new PutObjectCommand({
        Bucket: this.bucket,
        Key: key,
        Body: bytes,
        ContentType: contentType,
        Metadata: metadata,
      }),
    );
  }

  /**
   * Stores a document only if nothing is at its key yet (`If-None-Match: *`); false when another
   * writer got there first, whose document then stands.
   */
  async putDocumentOnce(
    key: string,
    bytes: Uint8Array,
    contentType: string,
    metadata: Record<string, string>,
  ): Promise<boolean> {
    try {
      await s3.send(
        new PutObjectCommand({
          Bucket: this.bucket,
          Key: key,
          Body: bytes,
          ContentType: contentType,
          Metadata: metadata,
          IfNoneMatch: '*',
        }),
      );
      return true;
    } catch (error) {
      const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
      if (status === 412 || status === 409) return false;
      throw error;
    }
  }

  /** The metadata of a stored document, or undefined when there is none at the key. */
  async documentMetadata(key: string): Promise<Record<string, string> | undefined> {
    try {
      const head = await s3.send(new HeadObjectCommand({ Bucket: this.bucket, Key: key }));
      return head.Metadata ?? {};
    } catch (error) {
      if (error instanceof NotFound || error instanceof NoSuchKey) return undefined;
      throw error;
    }
  }

  /** A short-lived download link, so documents never need a public bucket. */
  async presignDownload(key: string, expiresInSeconds: number, fileName: string): Promise<string> {
    return getSignedUrl(
      s3,
      new GetObjectCommand({
        Bucket: this.bucket,
        Key: key,
        ResponseContentDisposition: `attachment; filename="${fileName}"`,
      }),
      { expiresIn: expiresInSeconds },
    );
  }

  async read(key: string): Promise<Uint8Array> {
    const object = await s3.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
    return (await object.Body?.transformToByteArray()) ?? new Uint8Array();
  }

  /** SHA-256 of a stored object's bytes, to sign what was uploaded rather than what was claimed. */
  async sha256(key: string): Promise<Buffer> {
    const object = await s3.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
    const bytes = (await object.Body?.transformToByteArray()) ?? new Uint8Array();
    return createHash('sha256').update(bytes).digest();
  }

  /** Size and first bytes of an uploaded object, or undefined when nothing was uploaded at that key. */
  async inspect(key: string): Promise<StoredObjectFacts | undefined> {
    try {
      const head = await s3.send(new HeadObjectCommand({ Bucket: this.bucket, Key: key }));
      const object = await s3.send(
        new GetObjectCommand({ Bucket: this.bucket, Key: key, Range: `bytes=0-${SNIFF_BYTES - 1}` }),
      );
      const bytes = (await object.Body?.transformToByteArray()) ?? new Uint8Array();
      return {
        sizeBytes: head.ContentLength ?? 0,
        head: bytes.subarray(0, SNIFF_BYTES),
        contentType: head.ContentType,
      };
    } catch (error) {
      if (error instanceof NotFound || error instanceof NoSuchKey) return undefined;
      throw error;
    }
  }
}
