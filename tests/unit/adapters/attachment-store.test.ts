import { beforeAll, describe, expect, it, vi } from 'vitest';

/** The presigned POST is computed locally: credentials and a region are all it needs, no endpoint. */
let store: import('../../../shared/adapters/attachment-store.ts').AttachmentStore;
beforeAll(async () => {
  vi.stubEnv('AWS_REGION', 'ap-southeast-1');
  vi.stubEnv('AWS_ACCESS_KEY_ID', 'AKIDEXAMPLE');
  vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'secret');
  const { AttachmentStore } = await import('../../../shared/adapters/attachment-store.ts');
  store = new AttachmentStore('attachments-bucket');
});

describe('presigned upload forms', () => {
  const key = 'uploads/2026-11-24/00000000-0000-4000-8000-000000000001.pdf';

  it('name the one exact key they may write, a content type and a size range', async () => {
    const { fields } = await store.presignUpload(key, 'application/pdf', 1000, 900);
    const policy = JSON.parse(Buffer.from(fields.Policy ?? '', 'base64').toString()) as {
      conditions: unknown[];
    };
    expect(policy.conditions).toContainEqual({ key });
    expect(policy.conditions).toContainEqual(['content-length-range', 1, 1000]);
    expect(policy.conditions).toContainEqual(['eq', '$Content-Type', 'application/pdf']);
    // No prefix condition on the key: a form cannot be pointed at another key.
    expect(JSON.stringify(policy.conditions)).not.toContain('starts-with');
  });

  it('are never made for a key outside uploads/, such as a dossier’s own copy', async () => {
    await expect(
      store.presignUpload('dossiers/000.17.22.H56-261124-0001/attachments/x.pdf', 'application/pdf', 10, 900),
    ).rejects.toThrow(/Not an upload key/);
  });
});
