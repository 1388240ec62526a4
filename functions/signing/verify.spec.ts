import * as z from 'zod';
import { signingKeysVariable } from '../../shared/config/env.ts';
import { VerifyRequestSchema, VerifyResponseSchema } from '../../shared/contracts/signing.ts';
import { apiFunction } from '../../shared/http/endpoint-spec.ts';
import { errors, jsonContent, publicRoute } from '../../shared/http/openapi.ts';

export const verifySignatureSpec = apiFunction({
  id: 'VerifySignature',
  handler: 'signing/verify.ts',
  description: 'Verifies a signed document',
  env: z.object({ SIGNING_KEYS: signingKeysVariable }),
  permissions: ['signingKeys:publish'],
  endpoints: [
    publicRoute('POST', '/verify', {
      summary: 'Verify a signed document',
      body: VerifyRequestSchema,
      responses: { '200': { description: 'Verdict', content: jsonContent(VerifyResponseSchema) }, ...errors },
    }),
  ],
});
