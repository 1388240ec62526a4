import { createPublicKey, type JsonWebKey, verify } from 'node:crypto';
import { KMSClient, SignCommand } from '@aws-sdk/client-kms';
import { describe, expect, it } from 'vitest';
import { output } from '../../scripts/lib/outputs.ts';
import { canonicalJson } from '../../shared/domain/intake/receipt.ts';
import { api, completeDossierRequest, dataOutput, outputs, postJson } from '../support/deployment.ts';
import { recordAtCounter } from '../support/officers.ts';

const kms = new KMSClient({});

interface PublishedKeys {
  keys: (JsonWebKey & { kid: string; status: string; validFrom: string; validTo?: string })[];
  pem: { kid: string; publicKeyPem: string; status: string }[];
}

describe('signing keys rotate without invalidating old signatures', () => {
  const retiredArn = () => output(outputs, 'Data', 'SigningKeyk1Arn');
  const activeArn = () => output(outputs, 'Data', 'SigningKeyk2Arn');

  it('publishes the active and the retired key with their validity', async () => {
    const { body } = await api<PublishedKeys>('/signing-keys');
    const ecdsaKeys = body.keys.filter((k) => k.kty === 'EC');
    expect(ecdsaKeys.map((k) => [k.kid, k.status, k.validFrom, k.validTo])).toEqual([
      [retiredArn(), 'retired', '2026-01-01', '2026-11-01'],
      [activeArn(), 'active', '2026-11-01', undefined],
    ]);
    expect(dataOutput('SigningKeyId')).toBe(activeArn());
  });

  it('signs new receipts with the active key', async () => {
    const answer = await recordAtCounter<{ receipt: { signature: { keyId: string } } }>(
      '000.17.22.H56',
      await completeDossierRequest(),
    );
    expect(answer.body.receipt.signature.keyId).toBe(activeArn());
  });

  it('still verifies what the retired key signed, through the API and offline', async () => {
    const document = {
      version: 'motcua.receipt/v1',
      form: '01',
      dossierCode: '000.17.22.H56-261015-0007',
      note: 'ký trước khi đổi khóa',
    };
    const canonical = canonicalJson(document);
    const signed = await kms.send(
      new SignCommand({
        KeyId: retiredArn(),
        Message: Buffer.from(canonical),
        MessageType: 'RAW',
        SigningAlgorithm: 'ECDSA_SHA_256',
      }),
    );
    const signature = {
      keyId: signed.KeyId ?? retiredArn(),
      algorithm: 'ECDSA_SHA_256',
      canonicalization: 'RFC8785-JCS',
      value: Buffer.from(signed.Signature ?? new Uint8Array()).toString('base64'),
    };
    const checked = await postJson<{ valid: boolean; key: { status: string } }>('/verify', {
      document,
      signature,
    });
    expect(checked.body).toMatchObject({ valid: true, key: { status: 'retired' } });

    const { body } = await api<PublishedKeys>('/signing-keys');
    const jwk = body.keys.find((k) => k.kid === retiredArn());
    const {
      kid: _kid,
      status: _status,
      validFrom: _from,
      validTo: _to,
      ...plainJwk
    } = jwk ?? ({} as NonNullable<typeof jwk>);
    expect(
      verify(
        'sha256',
        Buffer.from(canonical),
        createPublicKey({ key: plainJwk, format: 'jwk' }),
        Buffer.from(signature.value, 'base64'),
      ),
    ).toBe(true);
  });
});
