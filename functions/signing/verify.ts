import { KmsSigner } from '../../shared/adapters/signer.ts';
import { loadEnv } from '../../shared/config/env.ts';
import { VerifyRequestSchema } from '../../shared/contracts/signing.ts';
import { canonicalJson } from '../../shared/domain/receipt.ts';
import { verifySignature } from '../../shared/domain/signature.ts';
import { keyStatus } from '../../shared/domain/signing-keys.ts';
import { httpEndpoint, parseJsonBody } from '../../shared/http/endpoint.ts';
import { json } from '../../shared/http/responses.ts';
import { verifySignatureSpec } from './verify.spec.ts';

const env = loadEnv(verifySignatureSpec.env);
const signer = new KmsSigner();

export const handler = httpEndpoint(async (event) => {
  const { document, signature } = parseJsonBody(event, VerifyRequestSchema);
  const answer = { keyId: signature.keyId, algorithm: signature.algorithm };
  const published = env.SIGNING_KEYS.find(
    (candidate) => candidate.keyId === signature.keyId && candidate.algorithm === signature.algorithm,
  );
  if (!published) {
    return json(200, {
      ...answer,
      valid: false,
      reason: { vi: 'Khóa ký không thuộc hệ thống này.', en: 'The signing key is not one of this platform.' },
    });
  }
  const key = await signer.publicKey(published.keyId);
  const canonical = typeof document === 'string' ? document : canonicalJson(document);
  const valid = verifySignature(key.publicKeyPem, canonical, signature, statedSigningTime(canonical));
  return json(200, {
    ...answer,
    valid,
    key: { status: keyStatus(published), validFrom: published.validFrom, validTo: published.retiredAt },
    ...(valid
      ? {}
      : {
          reason: { vi: 'Chữ ký không khớp với nội dung.', en: 'The signature does not match the content.' },
        }),
  });
});

/** Documents that say when they were signed (receipts: `receivedAt`) must fall in the session key's window. */
function statedSigningTime(canonical: string): Date | undefined {
  try {
    const receivedAt = (JSON.parse(canonical) as { receivedAt?: unknown }).receivedAt;
    return typeof receivedAt === 'string' ? new Date(receivedAt) : undefined;
  } catch {
    return undefined;
  }
}
