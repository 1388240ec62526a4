import { KmsSigner } from '../../shared/adapters/signer.ts';
import { listSigningKeys } from '../../shared/app/signing/list-signing-keys.ts';
import { loadEnv } from '../../shared/config/env.ts';
import { httpEndpoint } from '../../shared/http/endpoint.ts';
import { json } from '../../shared/http/responses.ts';
import { listSigningKeysSpec } from './list-keys.spec.ts';

const env = loadEnv(listSigningKeysSpec.env);
const ports = { keys: new KmsSigner(), published: env.SIGNING_KEYS };

export const handler = httpEndpoint(async () =>
  json(200, await listSigningKeys(ports), { 'cache-control': 'public, max-age=3600' }),
);
