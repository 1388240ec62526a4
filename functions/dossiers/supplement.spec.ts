import * as z from 'zod';
import { lookupGateVariables, name } from '../../shared/config/env.ts';
import { SupplementRequestSchema, SupplementResponseSchema } from '../../shared/contracts/dossiers.ts';
import { apiFunction } from '../../shared/http/endpoint-spec.ts';
import {
  citizenBodyErrors,
  citizenDossierRoute,
  errorContent,
  jsonContent,
} from '../../shared/http/openapi.ts';

export const supplyDocumentsSpec = apiFunction({
  id: 'SupplyDocuments',
  handler: 'dossiers/supplement.ts',
  description: 'Takes the documents a citizen supplies when an officer asked for them (form 02)',
  env: z.object({
    DOSSIERS_TABLE: name,
    AUDIT_TABLE: name,
    AUDIT_PENDING_TABLE: name,
    ATTACHMENTS_BUCKET: name,
    /** The Idempotency table, where uploads are claimed by the dossier they were bound to. */
    UPLOAD_CLAIMS_TABLE: name,
    MAIL_QUEUE_URL: name,
    ...lookupGateVariables,
  }),
  permissions: [
    'dossiers:readWrite',
    'lookupGate',
    'audit:append',
    'uploads:read',
    'uploads:bind',
    'uploadClaims:getAndPut',
    'mailQueue:send',
  ],
  endpoints: [
    citizenDossierRoute('POST', '/dossiers/{code}/supplement', {
      summary: 'Supply the documents an officer asked for (citizen, with the lookup secret)',
      body: SupplementRequestSchema,
      responses: {
        '200': { description: 'Supplement received', content: jsonContent(SupplementResponseSchema) },
        '409': {
          description:
            'ILLEGAL_TRANSITION: no supplement is requested now; ATTACHMENT_ALREADY_USED: an upload already belongs to a dossier',
          content: errorContent,
        },
        '422': {
          description:
            'An attachment rejected: missing, too large, or not a PDF, JPEG or PNG by its structure',
          content: errorContent,
        },
        ...citizenBodyErrors,
      },
    }),
  ],
});
