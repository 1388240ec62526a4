import { createHmac } from 'node:crypto';
import { GenerateMacCommand, KMSClient } from '@aws-sdk/client-kms';
import { counted } from './aws-calls.ts';

const kms = counted(new KMSClient({}));
/** Fixed: the derived key must be the same in every function and every process, now and later. */
const DERIVATION = 'motcua.identifier-digest.v1';

/**
 * Keyed digests of applicant identifiers for the officers' search. The key is derived once per
 * process from the KMS HMAC key (a MAC of a fixed label), so a digest costs no KMS request and the
 * key never leaves memory; without the KMS key, a stored digest cannot be matched against guesses.
 */
export class IdentifierDigest {
  private key: Promise<Uint8Array> | undefined;

  constructor(private readonly keyId: string) {}

  async digest(identifier: string): Promise<string> {
    const key = await this.derivedKey();
    return createHmac('sha256', key).update(identifier, 'utf8').digest('base64url');
  }

  private derivedKey(): Promise<Uint8Array> {
    this.key ??= kms
      .send(
        new GenerateMacCommand({
          KeyId: this.keyId,
          MacAlgorithm: 'HMAC_SHA_256',
          Message: new TextEncoder().encode(DERIVATION),
        }),
      )
      .then(({ Mac }) => {
        if (!Mac) throw new Error('KMS returned no MAC');
        return Mac;
      })
      .catch((error: unknown) => {
        this.key = undefined;
        throw error;
      });
    return this.key;
  }
}
