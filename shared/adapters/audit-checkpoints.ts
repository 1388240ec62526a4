import {
  GetObjectCommand,
  ListObjectsV2Command,
  NoSuchKey,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { type Checkpoint, CheckpointSchema } from '../domain/audit/audit-anchor.ts';
import { counted } from './aws-calls.ts';

const s3 = counted(new S3Client({}));

export const CHECKPOINTS_PREFIX = 'checkpoints/';

/** Zero-padded, so the bucket lists checkpoints in order. */
export function checkpointKey(number: number): string {
  return `${CHECKPOINTS_PREFIX}${String(number).padStart(12, '0')}.json`;
}

/**
 * Signed checkpoints in a bucket with Object Lock (compliance mode): once written, a checkpoint
 * can be neither changed nor deleted by anyone until its retention ends.
 */
export class CheckpointStore {
  constructor(readonly bucket: string) {}

  async get(number: number): Promise<Checkpoint | undefined> {
    return this.read(checkpointKey(number));
  }

  /** Writes checkpoint n unless one with that number exists already (another run won); false then. */
  async create(checkpoint: Checkpoint): Promise<boolean> {
    try {
      await s3.send(
        new PutObjectCommand({
          Bucket: this.bucket,
          Key: checkpointKey(checkpoint.header.number),
          Body: JSON.stringify(checkpoint),
          ContentType: 'application/json',
          IfNoneMatch: '*',
        }),
      );
      return true;
    } catch (error) {
      if (
        error instanceof S3ServiceException &&
        (error.$metadata.httpStatusCode === 412 || error.$metadata.httpStatusCode === 409)
      )
        return false;
      throw error;
    }
  }

  /** Every checkpoint, for the verifier; an object that is not a checkpoint is reported by its key. */
  async all(): Promise<{ checkpoints: Checkpoint[]; unreadable: string[] }> {
    const keys: string[] = [];
    let token: string | undefined;
    do {
      const page = await s3.send(
        new ListObjectsV2Command({
          Bucket: this.bucket,
          Prefix: CHECKPOINTS_PREFIX,
          ContinuationToken: token,
        }),
      );
      keys.push(...(page.Contents ?? []).flatMap((object) => (object.Key ? [object.Key] : [])));
      token = page.NextContinuationToken;
    } while (token);
    const checkpoints: Checkpoint[] = [];
    const unreadable: string[] = [];
    for (const key of keys) {
      const checkpoint = await this.read(key).catch(() => undefined);
      if (checkpoint && checkpointKey(checkpoint.header.number) === key) checkpoints.push(checkpoint);
      else unreadable.push(key);
    }
    return { checkpoints, unreadable };
  }

  private async read(key: string): Promise<Checkpoint | undefined> {
    try {
      const object = await s3.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
      return CheckpointSchema.parse(JSON.parse((await object.Body?.transformToString('utf8')) ?? ''));
    } catch (error) {
      if (error instanceof NoSuchKey) return undefined;
      throw error;
    }
  }
}
