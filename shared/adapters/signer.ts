import { createHash } from 'node:crypto';
import { GetPublicKeyCommand, KMSClient, SignCommand } from '@aws-sdk/client-kms';
import type { FileSignature, Signature } from '../contracts/signing.ts';
import { CANONICALIZATION, publicKeyFormats, SIGNING_ALGORITHM } from '../domain/signing/signature.ts';
import type { SigningAlgorithm } from '../domain/signing/signing-keys.ts';
import { BusinessMetric, countOutcome } from '../observability.ts';
import { counted } from './aws-calls.ts';

const kms = counted(new KMSClient({}));

export type PublicKeyInfo = ReturnType<typeof publicKeyFormats> & { keyId: string; algorithm: string };

/** Signs canonical text with a KMS asymmetric key; the private key never leaves KMS. */
export class KmsSigner {
  private readonly publicKeys = new Map<string, Promise<PublicKeyInfo>>();

  async sign(
    keyId: string,
    canonical: string,
    algorithm: SigningAlgorithm = SIGNING_ALGORITHM,
  ): Promise<Signature> {
    const signed = await kmsSign(keyId, Buffer.from(canonical, 'utf8'), 'RAW', algorithm);
    return {
      keyId: signed.keyId,
      algorithm,
      canonicalization: CANONICALIZATION,
      value: signed.der.toString('base64'),
    };
  }

  /**
   * Signs large content (a PDF) by its SHA-256 digest: KMS signs messages of at most 4 KB, and a
   * verifier checks the same signature over the whole file with any ECDSA-SHA256 tool.
   */
  async signDigest(
    keyId: string,
    sha256: Uint8Array,
    algorithm: SigningAlgorithm = SIGNING_ALGORITHM,
  ): Promise<FileSignature> {
    const signed = await kmsSign(keyId, sha256, 'DIGEST', algorithm);
    return { keyId: signed.keyId, algorithm, value: signed.der.toString('base64') };
  }

  /** A whole file, by its SHA-256 (KMS takes at most 4 KB of message). */
  async signFile(
    keyId: string,
    bytes: Uint8Array,
    algorithm: SigningAlgorithm = SIGNING_ALGORITHM,
  ): Promise<FileSignature> {
    return this.signDigest(keyId, createHash('sha256').update(bytes).digest(), algorithm);
  }

  /** The raw DER signature of a small message (≤ 4 KB), e.g. the body of a certificate request. */
  async signBytes(keyId: string, message: Uint8Array): Promise<Buffer> {
    return (await kmsSign(keyId, message, 'RAW', SIGNING_ALGORITHM)).der;
  }

  /** The key's SubjectPublicKeyInfo, DER-encoded, as KMS returns it. */
  async publicKeyDer(keyId: string): Promise<Buffer> {
    const result = await kms.send(new GetPublicKeyCommand({ KeyId: keyId }));
    if (!result.PublicKey) throw new Error(`KMS returned no public key for ${keyId}`);
    return Buffer.from(result.PublicKey);
  }

  /** Public keys do not change for a key id, so they are fetched once per process. */
  publicKey(keyId: string): Promise<PublicKeyInfo> {
    let cached = this.publicKeys.get(keyId);
    if (!cached) {
      cached = this.fetchPublicKey(keyId);
      cached.catch(() => this.publicKeys.delete(keyId));
      this.publicKeys.set(keyId, cached);
    }
    return cached;
  }

  private async fetchPublicKey(keyId: string): Promise<PublicKeyInfo> {
    const result = await kms.send(new GetPublicKeyCommand({ KeyId: keyId }));
    if (!result.PublicKey || !result.KeyId) throw new Error(`KMS returned no public key for ${keyId}`);
    const algorithm = result.SigningAlgorithms?.includes(SIGNING_ALGORITHM)
      ? SIGNING_ALGORITHM
      : (result.SigningAlgorithms?.[0] ?? SIGNING_ALGORITHM);
    return { keyId: result.KeyId, algorithm, ...publicKeyFormats(result.PublicKey, result.KeyId, algorithm) };
  }
}

async function kmsSign(
  keyId: string,
  message: Uint8Array,
  messageType: 'RAW' | 'DIGEST',
  algorithm: SigningAlgorithm,
) {
  const signing = kms.send(
    new SignCommand({
      KeyId: keyId,
      Message: message,
      MessageType: messageType,
      SigningAlgorithm: algorithm,
    }),
  );
  const result = await countOutcome(signing, BusinessMetric.SigningFailed);
  if (!result.Signature || !result.KeyId) throw new Error('KMS returned no signature');
  return { keyId: result.KeyId, der: Buffer.from(result.Signature) };
}
