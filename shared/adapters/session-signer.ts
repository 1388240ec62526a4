import { generateKeyPairSync, type KeyObject, sign } from 'node:crypto';
import type { Delegation, FileSignature, Signature } from '../contracts/signing.ts';
import { canonicalJson } from '../domain/intake/receipt.ts';
import {
  CANONICALIZATION,
  SESSION_KEY_VERSION,
  type SessionKeyStatement,
  SIGNING_ALGORITHM,
} from '../domain/signing/signature.ts';
import type { KmsSigner } from './signer.ts';

interface Session {
  privateKey: KeyObject;
  keyId: string;
  delegation: Delegation;
  renewAt: number;
}

/** Signs with a session key certified by the KMS key; a new session starts before the old one ends. */
export class SessionSigner {
  private session: Promise<Session> | undefined;
  private renewAt = 0;

  constructor(
    private readonly kms: Pick<KmsSigner, 'sign'>,
    private readonly keyId: string,
    private readonly lifetimeMs: number,
  ) {}

  async sign(canonical: string): Promise<Signature> {
    const { value, ...signer } = await this.signBytes(Buffer.from(canonical, 'utf8'));
    return { ...signer, canonicalization: CANONICALIZATION, value };
  }

  /** A whole file (a PDF, a result), verified over its bytes as a KMS digest signature is. */
  async signFile(bytes: Uint8Array): Promise<FileSignature> {
    return this.signBytes(bytes);
  }

  private async signBytes(bytes: Uint8Array): Promise<FileSignature & { delegation: Delegation }> {
    if (!this.session || Date.now() >= this.renewAt) {
      this.renewAt = Number.POSITIVE_INFINITY;
      this.session = this.open().catch((error: unknown) => {
        this.session = undefined;
        throw error;
      });
    }
    const session = await this.session;
    this.renewAt = session.renewAt;
    return {
      keyId: session.keyId,
      algorithm: SIGNING_ALGORITHM,
      value: sign('sha256', bytes, { key: session.privateKey, dsaEncoding: 'der' }).toString('base64'),
      delegation: session.delegation,
    };
  }

  private async open(): Promise<Session> {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const now = Date.now();
    const statement: SessionKeyStatement = {
      version: SESSION_KEY_VERSION,
      publicKeyPem: publicKey.export({ format: 'pem', type: 'spki' }).toString(),
      notBefore: new Date(now - 60_000).toISOString(),
      notAfter: new Date(now + this.lifetimeMs).toISOString(),
    };
    const canonical = canonicalJson(statement);
    const certified = await this.kms.sign(this.keyId, canonical, SIGNING_ALGORITHM);
    // Renewed a minute before the end, so no receipt is signed by a key about to expire.
    return {
      privateKey,
      keyId: certified.keyId,
      delegation: { canonical, value: certified.value },
      renewAt: now + this.lifetimeMs - 60_000,
    };
  }
}
