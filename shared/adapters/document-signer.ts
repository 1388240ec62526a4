import type { DocumentSigner } from '../app/file-ports.ts';
import type { FileSignature, Signature } from '../contracts/signing.ts';
import type { DocumentSigningMode } from '../domain/signing/document-signing.ts';
import { SIGNING_ALGORITHM } from '../domain/signing/signature.ts';
import type { SigningAlgorithm } from '../domain/signing/signing-keys.ts';
import { SessionSigner } from './session-signer.ts';
import { KmsSigner } from './signer.ts';

/** The signer of forms, results and apology letters the deployment's `DOCUMENT_SIGNING` asks for. */
export function documentSigner(
  env: { DOCUMENT_SIGNING: DocumentSigningMode; SESSION_KEY_LIFETIME_SECONDS: number },
  kms: KmsSigner = new KmsSigner(),
): DocumentSigner {
  return env.DOCUMENT_SIGNING === 'session'
    ? new SessionDocumentSigner(kms, env.SESSION_KEY_LIFETIME_SECONDS * 1000)
    : kms;
}

/**
 * Signs with one session key per ECDSA key, certified by it (ADR 0012): KMS sees one request per
 * instance and lifetime instead of one per document. RSA keys still sign each document in KMS.
 */
export class SessionDocumentSigner implements DocumentSigner {
  private readonly sessions = new Map<string, SessionSigner>();

  constructor(
    private readonly kms: Pick<KmsSigner, 'sign' | 'signFile'>,
    private readonly lifetimeMs: number,
  ) {}

  sign(keyId: string, canonical: string, algorithm: SigningAlgorithm): Promise<Signature> {
    return algorithm === SIGNING_ALGORITHM
      ? this.sessionOf(keyId).sign(canonical)
      : this.kms.sign(keyId, canonical, algorithm);
  }

  signFile(keyId: string, bytes: Uint8Array, algorithm: SigningAlgorithm): Promise<FileSignature> {
    return algorithm === SIGNING_ALGORITHM
      ? this.sessionOf(keyId).signFile(bytes)
      : this.kms.signFile(keyId, bytes, algorithm);
  }

  private sessionOf(keyId: string): SessionSigner {
    let session = this.sessions.get(keyId);
    if (!session) {
      session = new SessionSigner(this.kms, keyId, this.lifetimeMs);
      this.sessions.set(keyId, session);
    }
    return session;
  }
}
