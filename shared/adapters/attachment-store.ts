import {
  CopyObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  NoSuchKey,
  NotFound,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { createPresignedPost } from '@aws-sdk/s3-presigned-post';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import * as z from 'zod';
import { ATTACHMENT_KEY_PATTERN } from '../domain/intake/attachment.ts';
import { counted } from './aws-calls.ts';

/** What an S3 refusal carries, whichever class the client gave it. */
const ServiceErrorSchema = z.object({
  name: z.string().optional(),
  $metadata: z.object({ httpStatusCode: z.number().optional() }).optional(),
});

const s3 = counted(new S3Client({}));

export class AttachmentStore {
  constructor(private readonly bucket: string) {}

  /**
   * A browser-friendly presigned POST limited to one key, one content type and a size range. The
   * policy names the exact key (no `starts-with`), always one under `uploads/`: a form can never
   * write a dossier's own files.
   */
  async presignUpload(key: string, contentType: string, maxBytes: number, expiresInSeconds: number) {
    if (!ATTACHMENT_KEY_PATTERN.test(key)) throw new Error(`Not an upload key: ${key}`);
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

  /**
   * Where browsers send presigned POSTs for this bucket (scheme, host and port), as the SDK builds
   * them: the citizen page's Content-Security-Policy lets its script connect there and nowhere else.
   */
  async uploadOrigin(): Promise<string> {
    const { url } = await createPresignedPost(s3, { Bucket: this.bucket, Key: 'uploads/origin' });
    return new URL(url).origin;
  }

  /**
   * Stores a document the platform produced with its signature in the metadata. With `onlyIfAbsent`
   * the write is conditional (`If-None-Match: *`) and answers false when another writer got there
   * first, whose document then stands.
   */
  async putDocument(
    key: string,
    bytes: Uint8Array,
    contentType: string,
    metadata: Record<string, string>,
    { onlyIfAbsent = false }: { onlyIfAbsent?: boolean } = {},
  ): Promise<boolean> {
    try {
      await s3.send(
        new PutObjectCommand({
          Bucket: this.bucket,
          Key: key,
          Body: bytes,
          ContentType: contentType,
          Metadata: metadata,
          ...(onlyIfAbsent ? { IfNoneMatch: '*' } : {}),
        }),
      );
      return true;
    } catch (error) {
      const status = ServiceErrorSchema.safeParse(error).data?.$metadata?.httpStatusCode;
      if (onlyIfAbsent && (status === 412 || status === 409)) return false;
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

  /**
   * A short-lived link to a dossier's own file, answered with the type and Content-Disposition
   * given here (what the dossier recorded), whatever metadata the object carries.
   */
  async presignFile(
    key: string,
    expiresInSeconds: number,
    response: { contentType: string; contentDisposition: string },
  ): Promise<string> {
    return getSignedUrl(
      s3,
      new GetObjectCommand({
        Bucket: this.bucket,
        Key: key,
        ResponseContentType: response.contentType,
        ResponseContentDisposition: response.contentDisposition,
      }),
      { expiresIn: expiresInSeconds },
    );
  }

  async read(key: string): Promise<Uint8Array> {
    const object = await s3.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
    return (await object.Body?.transformToByteArray()) ?? new Uint8Array();
  }

  /**
   * The whole object at an upload key, read once: the bytes that are checked, hashed and copied.
   * Over `maxBytes`, only its size (the body is not read); undefined when nothing is there.
   */
  async readUpload(key: string, maxBytes: number): Promise<ReadUpload | undefined> {
    try {
      const object = await s3.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
      const sizeBytes = object.ContentLength ?? 0;
      if (!object.ETag) throw new Error(`S3 gave no ETag for ${key}`);
      if (sizeBytes > maxBytes) {
        await object.Body?.transformToWebStream().cancel();
        return { sizeBytes, etag: object.ETag, contentType: object.ContentType };
      }
      const bytes = (await object.Body?.transformToByteArray()) ?? new Uint8Array();
      return { sizeBytes: bytes.byteLength, bytes, etag: object.ETag, contentType: object.ContentType };
    } catch (error) {
      if (error instanceof NoSuchKey || error instanceof NotFound) return undefined;
      throw error;
    }
  }

  /**
   * Copies an upload to the key a dossier owns, only if it is still the object that was read
   * (`CopySourceIfMatch` its ETag): a form re-posted in between makes the copy fail instead of
   * copying other bytes. The copy carries the checked type and digest. False when the upload changed.
   */
  async bindUpload(
    uploadKey: string,
    etag: string,
    targetKey: string,
    file: { contentType: string; sha256: string },
  ): Promise<boolean> {
    try {
      await s3.send(
        new CopyObjectCommand({
          Bucket: this.bucket,
          Key: targetKey,
          // Generated keys (ATTACHMENT_KEY_PATTERN) hold no character that needs encoding.
          CopySource: `${this.bucket}/${uploadKey}`,
          CopySourceIfMatch: etag,
          MetadataDirective: 'REPLACE',
          ContentType: file.contentType,
          Metadata: { sha256: file.sha256 },
        }),
      );
      return true;
    } catch (error) {
      if (
        error instanceof NoSuchKey ||
        ServiceErrorSchema.safeParse(error).data?.name === 'PreconditionFailed'
      )
        return false;
      throw error;
    }
  }
}

export interface ReadUpload {
  sizeBytes: number;
  /** Absent when the object is over the size limit. */
  bytes?: Uint8Array;
  /** The version read: what a copy must still find (`bindUpload`). */
  etag: string;
  contentType: string | undefined;
}
