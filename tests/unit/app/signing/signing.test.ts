import { describe, expect, it } from 'vitest';
import { listSigningKeys } from '../../../../shared/app/signing/list-signing-keys.ts';
import { verifyDocument } from '../../../../shared/app/signing/verify-document.ts';
import { canonicalJson } from '../../../../shared/domain/intake/receipt.ts';
import type { PublishedKey } from '../../../../shared/domain/signing/signing-keys.ts';
import { KEY_IDS, MemorySigner, publicPem } from '../memory-ports.ts';

const published: PublishedKey[] = [
  { keyId: KEY_IDS.ecdsa, algorithm: 'ECDSA_SHA_256', validFrom: '2026-01-01' },
  { keyId: KEY_IDS.rsa, algorithm: 'RSASSA_PSS_SHA_256', validFrom: '2025-01-01', retiredAt: '2026-01-01' },
];

describe('published signing keys', () => {
  it('lists each key as a JWK and as PEM, with the published algorithm and validity', async () => {
    const answer = await listSigningKeys({ keys: new MemorySigner(), published });
    expect(answer.keys).toEqual([
      expect.objectContaining({
        kid: KEY_IDS.ecdsa,
        kty: 'EC',
        alg: 'ES256',
        status: 'active',
        validFrom: '2026-01-01',
      }),
      expect.objectContaining({
        kid: KEY_IDS.rsa,
        kty: 'RSA',
        alg: 'PS256',
        status: 'retired',
        validTo: '2026-01-01',
      }),
    ]);
    expect(answer.pem).toEqual([
      expect.objectContaining({
        kid: KEY_IDS.ecdsa,
        algorithm: 'ECDSA_SHA_256',
        publicKeyPem: publicPem(KEY_IDS.ecdsa),
      }),
      expect.objectContaining({
        kid: KEY_IDS.rsa,
        algorithm: 'RSASSA_PSS_SHA_256',
        publicKeyPem: publicPem(KEY_IDS.rsa),
      }),
    ]);
  });
});

describe('verification', () => {
  const document = { dossierCode: '000.17.22.H56-261124-0001', receivedAt: '2026-11-24T09:15:00+07:00' };

  it('accepts a document signed by a published key, as an object or as its canonical text', async () => {
    const signer = new MemorySigner();
    const signature = await signer.sign(KEY_IDS.rsa, canonicalJson(document), 'RSASSA_PSS_SHA_256');
    const ports = { keys: signer, published };
    expect(await verifyDocument(ports, { document, signature })).toEqual({
      keyId: KEY_IDS.rsa,
      algorithm: 'RSASSA_PSS_SHA_256',
      valid: true,
      key: { status: 'retired', validFrom: '2025-01-01', validTo: '2026-01-01' },
    });
    expect((await verifyDocument(ports, { document: canonicalJson(document), signature })).valid).toBe(true);
  });

  it('refuses a tampered document, saying the signature does not match', async () => {
    const signer = new MemorySigner();
    const signature = await signer.sign(KEY_IDS.ecdsa, canonicalJson(document), 'ECDSA_SHA_256');
    const tampered = { ...document, dossierCode: '000.17.22.H56-261124-0002' };
    expect(
      await verifyDocument({ keys: signer, published }, { document: tampered, signature }),
    ).toMatchObject({
      valid: false,
      key: { status: 'active' },
      reason: { en: 'The signature does not match the content.' },
    });
  });

  it('refuses a signature by a key the platform does not publish, without asking the key service', async () => {
    const signer = new MemorySigner();
    const signature = await signer.sign(KEY_IDS.ecdsa, canonicalJson(document), 'ECDSA_SHA_256');
    const keys = {
      publicKey: async () => {
        throw new Error('not to be asked');
      },
    };
    expect(await verifyDocument({ keys, published: published.slice(1) }, { document, signature })).toEqual({
      keyId: KEY_IDS.ecdsa,
      algorithm: 'ECDSA_SHA_256',
      valid: false,
      reason: { vi: 'Khóa ký không thuộc hệ thống này.', en: 'The signing key is not one of this platform.' },
    });
  });
});
