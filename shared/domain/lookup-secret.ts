import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** 128 random bits, URL-safe: easy to copy from a receipt, impossible to guess. */
export function newLookupSecret(): string {
  return randomBytes(16).toString('base64url');
}

/** Only the hash is stored, so a database read never reveals a secret that unlocks a dossier. */
export function hashLookupSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

export function lookupSecretMatches(secret: string, storedHash: string): boolean {
  const candidate = Buffer.from(hashLookupSecret(secret), 'hex');
  const stored = Buffer.from(storedHash, 'hex');
  return candidate.length === stored.length && timingSafeEqual(candidate, stored);
}
