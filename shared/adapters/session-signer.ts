import { generateKeyPairSync, type KeyObject, sign } from 'node:crypto';
import type { Signature } from '../contracts/signing.ts';
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
  delegation: { canonical: string; value: string };
  renewAt: number;
}

/** Signs with a session key certified by the KMS key; a new session starts before the old one ends. */
export class SessionSigner {
  private session: Promise<Session> | undefined;
  private renewAt = 0;

  constructor(
    private readonly kms: KmsSigner,
    private readonly keyId: string,
    private readonly lifetimeMs: number,
  ) {}

  async sign(canonical: string): Promise<Signature> {
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
      canonicalization: CANONICALIZATION,
      value: sign('sha256', Buffer.from(canonical, 'utf8'), {
        key: session.privateKey,
        dsaEncoding: 'der',
      }).toString('base64'),
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
    const certified = await this.kms.sign(this.keyId, canonical);
    // Renewed a minute before the end, so no receipt is signed by a key about to expire.
    return {
      privateKey,
      keyId: certified.keyId,
      delegation: { canonical, value: certified.value },
      renewAt: now + this.lifetimeMs - 60_000,
    };
  }
}
