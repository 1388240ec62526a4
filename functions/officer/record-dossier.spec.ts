import * as z from 'zod';
import {
  calendarVariables,
  name,
  officerPoolVariables,
  sessionKeyLifetime,
  tierQueueUrls,
} from '../../shared/config/env.ts';
import { SubmitDossierRequestSchema, SubmitDossierResponseSchema } from '../../shared/contracts/dossiers.ts';
import { apiFunction } from '../../shared/http/endpoint-spec.ts';
import { errorContent, jsonContent, officerRoute } from '../../shared/http/openapi.ts';

export const recordDossierSpec = apiFunction({
  id: 'RecordDossier',
  handler: 'officer/record-dossier.ts',
  description: 'Records a counter or postal dossier at the one-stop desk: received at once, receipt signed',
  env: z.object({
    DOSSIERS_TABLE: name,
    AUDIT_TABLE: name,
    AUDIT_PENDING_TABLE: name,
    COUNTERS_TABLE: name,
    ...calendarVariables,
    IDEMPOTENCY_TABLE: name,
    ATTACHMENTS_BUCKET: name,
    SIGNING_KEY_ID: name,
    RSA_SIGNING_KEY_ID: name,
    /** Seals the lookup secret in the answers kept for idempotent replays. */
    DATA_KEY_ID: name,
    TIER_QUEUE_URLS: tierQueueUrls,
    /** How long a session key signs receipts before the KMS key certifies a new one. */
    SESSION_KEY_LIFETIME_SECONDS: sessionKeyLifetime,
    ...officerPoolVariables,
  }),
  permissions: [
    'dataKey:seal',
    'reference:read',
    'dossiers:write',
    'counters:write',
    'idempotency:readWrite',
    'uploads:read',
    'uploads:bind',
    'signingKeys:sign',
    'tierQueues:send',
    'audit:append',
    'officers:lookup',
  ],
  endpoints: [
    officerRoute('POST', '/officer/dossiers', {
      role: 'tiep_nhan',
      summary:
        'Record a dossier handed in at the counter or by post (role tiep_nhan, a procedure of the officer’s unit); it is received at once',
      params: {
        header: z.object({
          'idempotency-key': z.string().max(200).optional().meta({
            description: 'Retrying with the same key and body returns the first answer; no second dossier.',
          }),
        }),
      },
      body: SubmitDossierRequestSchema,
      responses: {
        '201': {
          description: 'Received, with the appointment and the signed receipt (form 01)',
          content: jsonContent(SubmitDossierResponseSchema),
        },
        '409': {
          description: 'ATTACHMENT_ALREADY_USED: an upload already belongs to a dossier; REQUEST_IN_PROGRESS',
          content: errorContent,
        },
        '422': {
          description:
            'CHANNEL_NOT_ALLOWED (channel online), unknown procedure, or an attachment rejected: missing, too large, or not a PDF, JPEG or PNG by its structure',
          content: errorContent,
        },
      },
    }),
  ],
});
