import { KmsSigner } from '../../shared/adapters/signer.ts';
import { verifyDocument } from '../../shared/app/signing/verify-document.ts';
import { loadEnv } from '../../shared/config/env.ts';
import { VerifyRequestSchema } from '../../shared/contracts/signing.ts';
import { httpEndpoint, parseJsonBody } from '../../shared/http/endpoint.ts';
import { json } from '../../shared/http/responses.ts';
import { verifySignatureSpec } from './verify.spec.ts';

const env = loadEnv(verifySignatureSpec.env);
const ports = { keys: new KmsSigner(), published: env.SIGNING_KEYS };

export const handler = httpEndpoint(async (event) =>
  json(200, await verifyDocument(ports, parseJsonBody(event, VerifyRequestSchema))),
);
