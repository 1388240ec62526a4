import { describe, expect, it } from 'vitest';
import { createUpload } from '../../../../shared/app/intake/create-upload.ts';
import { ATTACHMENT_KEY_PATTERN } from '../../../../shared/domain/intake/attachment.ts';

describe('an upload slot', () => {
  it('is a presigned POST for a fresh key in the upload folder of the day in Vietnam', async () => {
    const presigned: unknown[] = [];
    const ports = {
      uploads: {
        presignUpload: async (key: string, contentType: string, maxBytes: number, seconds: number) => {
          presigned.push({ key, contentType, maxBytes, seconds });
          return { url: 'https://bucket.test/', fields: { key } };
        },
      },
      expiresInSeconds: 900,
      newId: () => '00000000-0000-4000-8000-00000000000a',
      // 23:30 UTC on 24 November is already 25 November in Vietnam.
      now: () => new Date('2026-11-24T23:30:00Z'),
    };
    const slot = await createUpload(ports, {
      fileName: 'giay-chung-sinh.pdf',
      contentType: 'application/pdf',
      sizeBytes: 5000,
    });
    expect(slot).toEqual({
      key: 'uploads/00/2026-11-25/00000000-0000-4000-8000-00000000000a.pdf',
      url: 'https://bucket.test/',
      fields: { key: slot.key },
      maxBytes: 5000,
      expiresInSeconds: 900,
    });
    expect(slot.key).toMatch(ATTACHMENT_KEY_PATTERN);
    expect(presigned).toEqual([
      { key: slot.key, contentType: 'application/pdf', maxBytes: 5000, seconds: 900 },
    ]);
  });
});
