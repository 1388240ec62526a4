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

const SECRET_FORM = /^[A-Za-z0-9_-]{16,64}$/;

/** Whether a caller's secret opens a dossier; a malformed or missing secret opens nothing. */
export function secretOpens(secret: string | undefined, storedHash: string | undefined): boolean {
  return (
    secret !== undefined &&
    storedHash !== undefined &&
    SECRET_FORM.test(secret) &&
    lookupSecretMatches(secret, storedHash)
  );
}
