import * as z from 'zod';
import { documentSigningVariables, lookupGateVariables, name } from '../../shared/config/env.ts';
import { FormDownloadSchema } from '../../shared/contracts/forms.ts';
import { FORM_NUMBERS } from '../../shared/domain/documents/forms.ts';
import { apiFunction } from '../../shared/http/endpoint-spec.ts';
import {
  errorContent,
  errors,
  jsonContent,
  lookupRefusals,
  notFound,
  officerErrors,
} from '../../shared/http/openapi.ts';
import { officerDeskEnv } from '../officer/officer-env.ts';

const formThrottle = { rate: 20, burst: 40 };

export const formDownloadSpec = apiFunction({
  id: 'FormDownload',
  handler: 'forms/download.ts',
  description: 'Renders, signs and stores forms 01–06 as PDF, and links them for download',
  env: officerDeskEnv.extend({
    ...lookupGateVariables,
    ATTACHMENTS_BUCKET: name,
    SIGNING_KEY_ID: name,
    RSA_SIGNING_KEY_ID: name,
    ...documentSigningVariables,
    API_ID: name,
    API_STAGE: name,
    /** The portal's own domain in production (e.g. https://dichvucong.thanhhoa.gov.vn/); optional. */
    PUBLIC_BASE_URL: z.url().optional(),
    AWS_REGION: z.string().default('us-east-1'),
  }),
  permissions: [
    'dossiers:read',
    'lookupGate',
    'reference:read',
    'signingKeys:sign',
    'forms:store',
    'audit:append',
    'officers:lookup',
  ],
  memorySize: 512,
  timeoutSeconds: 20,
  endpoints: [
    {
      method: 'GET',
      path: '/dossiers/{code}/forms/{form}',
      access: { kind: 'lookupSecret' },
      throttle: formThrottle,
      operation: {
        summary: 'A form (01–06) of the dossier as a signed PDF (citizen, with the lookup secret)',
        requestParams: {
          path: z.object({ code: z.string(), form: z.enum(FORM_NUMBERS) }),
          header: z.object({ 'x-lookup-secret': z.string().optional() }),
        },
        responses: {
          '200': {
            description: 'A link to the signed PDF, with its signatures',
            content: jsonContent(FormDownloadSchema),
          },
          '404': { description: 'Unknown code, wrong secret or no such form yet', content: errorContent },
          ...errors,
          ...lookupRefusals(),
        },
      },
    },
    {
      method: 'GET',
      path: '/officer/dossiers/{code}/forms/{form}',
      access: { kind: 'officer' },
      throttle: formThrottle,
      operation: {
        summary: 'A form of a dossier the officer’s unit holds, as a signed PDF',
        requestParams: { path: z.object({ code: z.string(), form: z.enum(FORM_NUMBERS) }) },
        responses: {
          '200': {
            description: 'A link to the signed PDF, with its signatures',
            content: jsonContent(FormDownloadSchema),
          },
          ...officerErrors,
          ...notFound('Not a dossier of the officer’s unit'),
        },
      },
    },
  ],
});
