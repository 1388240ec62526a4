import { constants, createPublicKey, verify } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { api, completeDossierRequest, dataOutput, postJson, publishedKeyPem } from '../support/deployment.ts';
import { recordAtCounter } from '../support/officers.ts';

/** The provincial Department of Justice is registered with `signingAlgorithm: RSASSA_PSS_SHA_256`. */
const RSA_AGENCY_PROCEDURE = '2.000488.000.00.00.H56';
const RSA_AGENCY = '000.00.11.H56';

interface Submitted {
  receipt: {
    canonical: string;
    signature: {
      keyId: string;
      algorithm: string;
      canonicalization: string;
      value: string;
      delegation?: unknown;
    };
  };
}

describe('an agency that signs with RSA', () => {
  it('gets receipts signed by the RSA key with RSA-PSS, verifiable through the API and offline', async () => {
    const { body } = await recordAtCounter<Submitted>(
      RSA_AGENCY,
      await completeDossierRequest({ procedureCode: RSA_AGENCY_PROCEDURE }),
    );
    const { signature, canonical } = body.receipt;
    expect(signature).toMatchObject({
      keyId: dataOutput('RsaSigningKeyId'),
      algorithm: 'RSASSA_PSS_SHA_256',
    });
    expect(signature.delegation).toBeUndefined();

    const checked = await postJson<{ valid: boolean }>('/verify', { document: canonical, signature });
    expect(checked.body.valid).toBe(true);

    const key = createPublicKey(await publishedKeyPem(signature.keyId));
    const pss = { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 };
    expect(verify('sha256', Buffer.from(canonical), pss, Buffer.from(signature.value, 'base64'))).toBe(true);
    expect(verify('sha256', Buffer.from(`${canonical} `), pss, Buffer.from(signature.value, 'base64'))).toBe(
      false,
    );
  });

  it('publishes the RSA key as a PS256 JWK beside the ECDSA keys', async () => {
    const { body } = await api<{ keys: { kid: string; kty: string; alg: string }[] }>('/signing-keys');
    expect(body.keys.find((key) => key.kid === dataOutput('RsaSigningKeyId'))).toMatchObject({
      kty: 'RSA',
      alg: 'PS256',
    });
    expect(body.keys.filter((key) => key.kty === 'EC').every((key) => key.alg === 'ES256')).toBe(true);
  });

  it('refuses a signature that names the right key with the wrong algorithm', async () => {
    const { body } = await recordAtCounter<Submitted>(
      RSA_AGENCY,
      await completeDossierRequest({ procedureCode: RSA_AGENCY_PROCEDURE }),
    );
    const mislabelled = { ...body.receipt.signature, algorithm: 'ECDSA_SHA_256' };
    const checked = await postJson<{ valid: boolean }>('/verify', {
      document: body.receipt.canonical,
      signature: mislabelled,
    });
    expect(checked.body.valid).toBe(false);
  });
});
