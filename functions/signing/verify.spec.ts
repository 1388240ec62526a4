import * as z from 'zod';
import { signingKeysVariable } from '../../shared/config/env.ts';
import { VerifyRequestSchema, VerifyResponseSchema } from '../../shared/contracts/signing.ts';
import { apiFunction } from '../../shared/http/endpoint-spec.ts';
import { errors, jsonContent } from '../../shared/http/openapi.ts';

export const verifySignatureSpec = apiFunction({
  id: 'VerifySignature',
  handler: 'signing/verify.ts',
  description: 'Verifies a signed document',
  env: z.object({ SIGNING_KEYS: signingKeysVariable }),
  permissions: ['signingKeys:publish'],
  endpoints: [
    {
      method: 'POST',
      path: '/verify',
      access: { kind: 'public' },
      operation: {
        summary: 'Verify a signed document',
        requestBody: { content: jsonContent(VerifyRequestSchema) },
        responses: {
          '200': { description: 'Verdict', content: jsonContent(VerifyResponseSchema) },
          ...errors,
        },
      },
    },
  ],
});
