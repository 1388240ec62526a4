import { createPublicKey, verify } from 'node:crypto';
import type { Signature } from '../contracts/signing.ts';

export const SIGNING_ALGORITHM = 'ECDSA_SHA_256' as const;
export const CANONICALIZATION = 'RFC8785-JCS' as const;

/**
 * Checks a KMS signature exactly as an offline verifier would: SHA-256 over the canonical UTF-8
 * bytes, DER-encoded ECDSA (or RSA-PSS) signature, public key in SPKI PEM.
 */
export function verifyWithPublicKey(publicKeyPem: string, canonical: string, signature: Signature): boolean {
  const key = createPublicKey(publicKeyPem);
  const data = Buffer.from(canonical, 'utf8');
  const value = Buffer.from(signature.value, 'base64');
  try {
    if (signature.algorithm === 'RSASSA_PSS_SHA_256') {
      return verify('sha256', data, { key, padding: 6, saltLength: 32 }, value);
    }
    return verify('sha256', data, { key, dsaEncoding: 'der' }, value);
  } catch {
    return false;
  }
}

/** SPKI DER (as KMS GetPublicKey returns it) to PEM and JWK. */
export function publicKeyFormats(spkiDer: Uint8Array, keyId: string, algorithm: string) {
  const key = createPublicKey({ key: Buffer.from(spkiDer), format: 'der', type: 'spki' });
  const publicKeyPem = key.export({ format: 'pem', type: 'spki' }).toString();
  const jwk = key.export({ format: 'jwk' });
  const alg = algorithm === 'ECDSA_SHA_256' ? 'ES256' : 'PS256';
  return { publicKeyPem, jwk: { ...jwk, kid: keyId, alg, use: 'sig' as const } };
}
