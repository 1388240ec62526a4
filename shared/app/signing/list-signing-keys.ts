import { keyFingerprint } from '../../domain/signing/key-fingerprint.ts';
import { keyStatus, type PublishedKey } from '../../domain/signing/signing-keys.ts';

/** What the key service tells of a public key (KMS in AWS), fetched once per process. */
export interface PublicKeys {
  publicKey(keyId: string): Promise<{ keyId: string; publicKeyPem: string; jwk: Record<string, unknown> }>;
}

export interface SigningKeysPorts {
  keys: PublicKeys;
  /** Every key the platform signs or signed with, as its configuration publishes them. */
  published: readonly PublishedKey[];
}

const JWK_ALG = { ECDSA_SHA_256: 'ES256', RSASSA_PSS_SHA_256: 'PS256' } as const;

/** The platform's signing keys as a JWK set and as PEM, each with its validity. */
export async function listSigningKeys(ports: SigningKeysPorts) {
  const keys = await Promise.all(
    ports.published.map(async (published) => {
      const key = await ports.keys.publicKey(published.keyId);
      const validity = {
        status: keyStatus(published),
        validFrom: published.validFrom,
        validTo: published.retiredAt,
      };
      // The published algorithm decides, not the key's list of possible ones (an RSA key allows several).
      return {
        key: {
          ...key,
          algorithm: published.algorithm,
          jwk: { ...key.jwk, alg: JWK_ALG[published.algorithm] },
        },
        validity,
      };
    }),
  );
  return {
    keys: keys.map(({ key, validity }) => ({ ...key.jwk, ...validity })),
    pem: keys.map(({ key, validity }) => ({
      kid: key.keyId,
      fingerprint: keyFingerprint(key.keyId),
      algorithm: key.algorithm,
      publicKeyPem: key.publicKeyPem,
      ...validity,
    })),
  };
}
