import type { VerifyRequest } from '../../contracts/signing.ts';
import { canonicalJson } from '../../domain/intake/receipt.ts';
import { verifySignature } from '../../domain/signing/signature.ts';
import { keyStatus, type PublishedKey } from '../../domain/signing/signing-keys.ts';
import type { PublicKeys } from './list-signing-keys.ts';

export interface VerifyPorts {
  keys: PublicKeys;
  published: readonly PublishedKey[];
}

/** Whether a document carries a valid signature by one of the platform's published keys, and if not, why. */
export async function verifyDocument(ports: VerifyPorts, { document, signature }: VerifyRequest) {
  const answer = { keyId: signature.keyId, algorithm: signature.algorithm };
  const published = ports.published.find(
    (candidate) => candidate.keyId === signature.keyId && candidate.algorithm === signature.algorithm,
  );
  if (!published) {
    return {
      ...answer,
      valid: false,
      reason: { vi: 'Khóa ký không thuộc hệ thống này.', en: 'The signing key is not one of this platform.' },
    };
  }
  const key = await ports.keys.publicKey(published.keyId);
  const canonical = typeof document === 'string' ? document : canonicalJson(document);
  const valid = verifySignature(key.publicKeyPem, canonical, signature, statedSigningTime(canonical));
  return {
    ...answer,
    valid,
    key: { status: keyStatus(published), validFrom: published.validFrom, validTo: published.retiredAt },
    ...(valid
      ? {}
      : {
          reason: { vi: 'Chữ ký không khớp với nội dung.', en: 'The signature does not match the content.' },
        }),
  };
}

/** Documents that say when they were signed (receipts: `receivedAt`) must fall in the session key's window. */
function statedSigningTime(canonical: string): Date | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(canonical);
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null || !('receivedAt' in parsed)) return undefined;
  return typeof parsed.receivedAt === 'string' ? new Date(parsed.receivedAt) : undefined;
}
