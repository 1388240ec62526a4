import * as z from 'zod';
import { lookupGateVariables, name } from '../../shared/config/env.ts';
import { ResultLinkSchema } from '../../shared/contracts/files.ts';
import { apiFunction } from '../../shared/http/endpoint-spec.ts';
import {
  citizenDossierRoute,
  errorContent,
  errors,
  jsonContent,
  lookupRefusals,
} from '../../shared/http/openapi.ts';

export const citizenResultSpec = apiFunction({
  id: 'CitizenResult',
  handler: 'dossiers/result.ts',
  description: "Links the citizen to the dossier's electronic result, with its digest and signature",
  env: z.object({
    DOSSIERS_TABLE: name,
    AUDIT_TABLE: name,
    AUDIT_PENDING_TABLE: name,
    ATTACHMENTS_BUCKET: name,
    ...lookupGateVariables,
    API_ID: name,
    API_STAGE: name,
    /** The portal's own domain in production (e.g. https://dichvucong.thanhhoa.gov.vn/); optional. */
    PUBLIC_BASE_URL: z.url().optional(),
    AWS_ENDPOINT_URL: z.url().optional(),
    AWS_REGION: z.string().default('us-east-1'),
  }),
  permissions: ['dossiers:read', 'lookupGate', 'audit:append', 'dossierResults:get'],
  endpoints: [
    citizenDossierRoute('GET', '/dossiers/{code}/result', {
      summary: 'The electronic result of a settled dossier (citizen, with the lookup secret)',
      description:
        'A presigned GET link (5 minutes, `Content-Disposition: attachment`) to the result file, with its SHA-256 and, when the procedure signs results, the KMS signature over it. Each link handed out is audited.',
      throttle: { rate: 20, burst: 40 },
      responses: {
        '200': { description: 'Link to the result file', content: jsonContent(ResultLinkSchema) },
        '404': {
          description:
            'NOT_FOUND: unknown code or wrong secret (indistinguishable); NO_ELECTRONIC_RESULT: the result is issued on paper only',
          content: errorContent,
        },
        '409': { description: 'RESULT_NOT_READY: the dossier is not settled yet', content: errorContent },
        ...lookupRefusals(),
        '500': errors['500'],
      },
    }),
  ],
});
