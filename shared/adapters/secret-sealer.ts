import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { DecryptCommand, GenerateDataKeyCommand, KMSClient } from '@aws-sdk/client-kms';
import { counted } from './aws-calls.ts';

const kms = counted(new KMSClient({}));
const PREFIX = 'sealed.v1';
const KEY_CONTEXT = { purpose: 'lookup-secret' };

interface DataKey {
  plaintext: Buffer;
  encrypted: string;
  expiresAt: number;
}

/**
 * Envelope encryption of small secrets (a dossier's lookup secret in the answers kept for
 * idempotent replays): AES-256-GCM under a data key from KMS, the data key stored beside the text
 * encrypted by the KMS key. One data key serves a process for `lifetimeMs`, so sealing costs one
 * KMS request per process and hour, not one per dossier. `context` (the dossier code) is bound as
 * additional data: a sealed secret cannot be moved to another dossier's record.
 */
export class SecretSealer {
  private current: DataKey | undefined;
  private readonly opened = new Map<string, Buffer>();

  constructor(
    private readonly keyId: string,
    private readonly lifetimeMs = 3600 * 1000,
  ) {}

  static isSealed(value: unknown): value is string {
    return typeof value === 'string' && value.startsWith(`${PREFIX}.`);
  }

  async seal(plaintext: string, context: string): Promise<string> {
    const key = await this.dataKey();
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', key.plaintext, iv).setAAD(Buffer.from(context, 'utf8'));
    const text = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    const parts = [key.encrypted, iv, text, cipher.getAuthTag()].map((part) =>
      typeof part === 'string' ? part : part.toString('base64url'),
    );
    return [PREFIX, ...parts].join('.');
  }

  async open(sealed: string, context: string): Promise<string> {
    const [prefix, version, encrypted, iv, text, tag] = sealed.split('.');
    if (`${prefix}.${version}` !== PREFIX || !encrypted || !iv || !text || !tag) {
      throw new Error('Not a sealed secret');
    }
    const key = await this.openDataKey(encrypted);
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'))
      .setAAD(Buffer.from(context, 'utf8'))
      .setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(text, 'base64url')), decipher.final()]).toString(
      'utf8',
    );
  }

  private async dataKey(): Promise<DataKey> {
    if (this.current && this.current.expiresAt > Date.now()) return this.current;
    const result = await kms.send(
      new GenerateDataKeyCommand({ KeyId: this.keyId, KeySpec: 'AES_256', EncryptionContext: KEY_CONTEXT }),
    );
    if (!result.Plaintext || !result.CiphertextBlob) throw new Error('KMS returned no data key');
    const encrypted = Buffer.from(result.CiphertextBlob).toString('base64url');
    this.current = {
      plaintext: Buffer.from(result.Plaintext),
      encrypted,
      expiresAt: Date.now() + this.lifetimeMs,
    };
    this.opened.set(encrypted, this.current.plaintext);
    return this.current;
  }

  private async openDataKey(encrypted: string): Promise<Buffer> {
    const known = this.opened.get(encrypted);
    if (known) return known;
    const result = await kms.send(
      new DecryptCommand({
        KeyId: this.keyId,
        CiphertextBlob: Buffer.from(encrypted, 'base64url'),
        EncryptionContext: KEY_CONTEXT,
      }),
    );
    if (!result.Plaintext) throw new Error('KMS returned no plaintext data key');
    const key = Buffer.from(result.Plaintext);
    this.opened.set(encrypted, key);
    return key;
  }
}
