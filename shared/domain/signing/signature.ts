import { createPublicKey, verify } from 'node:crypto';
import * as z from 'zod';
import type { Signature } from './signed-document.ts';

export const SIGNING_ALGORITHM = 'ECDSA_SHA_256' as const;
export const CANONICALIZATION = 'RFC8785-JCS' as const;

/**
 * Checks a KMS signature exactly as an offline verifier would: SHA-256 over the canonical UTF-8
 * bytes, DER-encoded ECDSA (or RSA-PSS) signature, public key in SPKI PEM.
 */
export function verifyWithPublicKey(
  publicKeyPem: string,
  signed: string | Uint8Array,
  signature: Pick<Signature, 'algorithm' | 'value'>,
): boolean {
  const key = createPublicKey(publicKeyPem);
  const data = typeof signed === 'string' ? Buffer.from(signed, 'utf8') : signed;
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

/**
 * A session key: a P-256 key pair made in a function's memory, whose public half the KMS key signs
 * with a validity window. Receipts are then signed locally, so KMS is called once per session
 * instead of once per dossier. A function that can use the session key could call kms:Sign anyway,
 * so this adds no power an attacker of the function would not have; it only bounds it in time.
 */
export const SESSION_KEY_VERSION = 'motcua.session-key/v1' as const;

export interface SessionKeyStatement {
  version: typeof SESSION_KEY_VERSION;
  publicKeyPem: string;
  notBefore: string;
  notAfter: string;
}

// Loose: the statement is returned with every member it was signed with.
const SessionKeyStatementSchema = z.looseObject({
  version: z.literal(SESSION_KEY_VERSION),
  publicKeyPem: z.string(),
  notBefore: z.string(),
  notAfter: z.string(),
});

function parseStatement(canonical: string): SessionKeyStatement | undefined {
  try {
    const statement = SessionKeyStatementSchema.safeParse(JSON.parse(canonical));
    return statement.success ? statement.data : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Verifies a platform signature over canonical text or a file's bytes: directly with the published
 * key, or, for a session-key signature, the KMS-signed statement first and then the content with the
 * session key, which must have been valid at `signedAt` when the document states when it was signed.
 */
export function verifySignature(
  publishedKeyPem: string,
  signed: string | Uint8Array,
  signature: Pick<Signature, 'algorithm' | 'value' | 'delegation'>,
  signedAt?: Date,
): boolean {
  if (!signature.delegation) return verifyWithPublicKey(publishedKeyPem, signed, signature);
  const statementSignature = { ...signature, value: signature.delegation.value, delegation: undefined };
  if (!verifyWithPublicKey(publishedKeyPem, signature.delegation.canonical, statementSignature)) return false;
  const statement = parseStatement(signature.delegation.canonical);
  if (!statement) return false;
  if (signedAt) {
    const at = signedAt.getTime();
    if (at < new Date(statement.notBefore).getTime() || at > new Date(statement.notAfter).getTime())
      return false;
  }
  return verifyWithPublicKey(statement.publicKeyPem, signed, signature);
}
