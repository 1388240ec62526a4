import { createHash } from 'node:crypto';

/**
 * What a printed form or a mail shows of the signing key: the first 16 hex digits of the SHA-256 of
 * its key id, in groups of four. The key id itself (a cloud key ARN) names accounts and regions and
 * is no business of the reader; GET /signing-keys lists each key with the same fingerprint.
 */
export function keyFingerprint(keyId: string): string {
  const digest = createHash('sha256').update(keyId).digest('hex').slice(0, 16).toUpperCase();
  return digest.match(/.{4}/g)?.join(':') ?? digest;
}
