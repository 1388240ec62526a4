import { KmsSigner } from '../../shared/adapters/signer.ts';
import { loadEnv } from '../../shared/config/env.ts';
import { keyStatus } from '../../shared/domain/signing-keys.ts';
import { httpEndpoint } from '../../shared/http/endpoint.ts';
import { json } from '../../shared/http/responses.ts';
import { listSigningKeysSpec } from './list-keys.spec.ts';

const env = loadEnv(listSigningKeysSpec.env);
const signer = new KmsSigner();
const JWK_ALG = { ECDSA_SHA_256: 'ES256', RSASSA_PSS_SHA_256: 'PS256' } as const;

export const handler = httpEndpoint(async () => {
  const keys = await Promise.all(
    env.SIGNING_KEYS.map(async (published) => {
      const key = await signer.publicKey(published.keyId);
      const validity = {
        status: keyStatus(published),
        validFrom: published.validFrom,
        validTo: published.retiredAt,
      };
      // The published algorithm decides, not the key's list of possible ones (an RSA key allows several).
      return {
        key: {
          ...key,
          algorithm: published.algorithm,
          jwk: { ...key.jwk, alg: JWK_ALG[published.algorithm] },
        },
        validity,
      };
    }),
  );
  return json(
    200,
    {
      keys: keys.map(({ key, validity }) => ({ ...key.jwk, ...validity })),
      pem: keys.map(({ key, validity }) => ({
        kid: key.keyId,
        algorithm: key.algorithm,
        publicKeyPem: key.publicKeyPem,
        ...validity,
      })),
    },
    { 'cache-control': 'public, max-age=3600' },
  );
});
