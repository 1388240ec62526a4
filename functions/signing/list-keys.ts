import { KmsSigner } from '../../shared/adapters/signer.ts';
import { loadEnv, signingKeysEnv } from '../../shared/config/env.ts';
import { httpEndpoint } from '../../shared/http/endpoint.ts';
import { json } from '../../shared/http/responses.ts';

const env = loadEnv(signingKeysEnv);
const signer = new KmsSigner();

export const handler = httpEndpoint(async () => {
  const keys = await Promise.all(env.SIGNING_KEY_IDS.map((keyId) => signer.publicKey(keyId)));
  return json(
    200,
    {
      keys: keys.map((key) => key.jwk),
      pem: keys.map((key) => ({ kid: key.keyId, algorithm: key.algorithm, publicKeyPem: key.publicKeyPem })),
    },
    { 'cache-control': 'public, max-age=3600' },
  );
});
