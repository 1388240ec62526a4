import type { FileSignature, Signature } from '../contracts/signing.ts';
import type { UploadedFile } from '../domain/intake/intake.ts';
import type { SigningAlgorithm } from '../domain/signing/signing-keys.ts';

/** The upload bucket as intake and the officer desk use it: read an upload, then bind it unchanged. */
export interface UploadFiles {
  /** The whole upload, read once (over `maxBytes` only its size); undefined when nothing is there. */
  readUpload(key: string, maxBytes: number): Promise<(UploadedFile & { etag: string }) | undefined>;
  /** Copies the upload to `targetKey` if it is still the version read; false when it changed. */
  bindUpload(
    uploadKey: string,
    etag: string,
    targetKey: string,
    file: { contentType: string; sha256: string },
  ): Promise<boolean>;
}

/**
 * Signs a canonical text, or a file over its bytes (SHA-256), with the key `keyId` names: by the key
 * service itself, or by a session key it certified (the signature then carries the delegation).
 */
export interface DocumentSigner {
  sign(keyId: string, canonical: string, algorithm: SigningAlgorithm): Promise<Signature>;
  signFile(keyId: string, bytes: Uint8Array, algorithm: SigningAlgorithm): Promise<FileSignature>;
}

/** Short-lived links to a dossier's own files (its attachments and result). */
export interface DossierFileLinks {
  /** A GET link to `key` for `expiresInSeconds`, answered with this type and Content-Disposition. */
  presignFile(
    key: string,
    expiresInSeconds: number,
    response: { contentType: string; contentDisposition: string },
  ): Promise<string>;
}
