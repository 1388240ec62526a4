import * as z from 'zod';
import { signingKeysVariable } from '../../shared/config/env.ts';
import { SigningKeysResponseSchema } from '../../shared/contracts/signing.ts';
import { apiFunction } from '../../shared/http/endpoint-spec.ts';
import { jsonContent, publicRoute } from '../../shared/http/openapi.ts';

export const listSigningKeysSpec = apiFunction({
  id: 'ListSigningKeys',
  handler: 'signing/list-keys.ts',
  description: 'Publishes the public signing keys (JWKS and PEM)',
  env: z.object({ SIGNING_KEYS: signingKeysVariable }),
  permissions: ['signingKeys:publish'],
  endpoints: [
    publicRoute('GET', '/signing-keys', {
      summary: 'Public signing keys (JWKS and PEM)',
      responses: { '200': { description: 'Keys', content: jsonContent(SigningKeysResponseSchema) } },
    }),
  ],
});
