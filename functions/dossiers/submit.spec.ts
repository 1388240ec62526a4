import * as z from 'zod';
import { calendarVariables, name, sessionKeyLifetime, tierQueueUrls } from '../../shared/config/env.ts';
import { SubmitDossierRequestSchema, SubmitDossierResponseSchema } from '../../shared/contracts/dossiers.ts';
import { apiFunction } from '../../shared/http/endpoint-spec.ts';
import {
  dossierIdempotencyParam,
  errorContent,
  errors,
  jsonContent,
  publicRoute,
} from '../../shared/http/openapi.ts';

export const submitDossierSpec = apiFunction({
  id: 'SubmitDossier',
  handler: 'dossiers/submit.ts',
  description: 'Takes an online submission ("Mới đăng ký") and routes it to its tier for reception',
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
    /** The HMAC key the applicant identifiers' digests for the officers' search derive from. */
    SEARCH_KEY_ID: name,
    TIER_QUEUE_URLS: tierQueueUrls,
    /** How long a session key signs receipts before the KMS key certifies a new one. */
    SESSION_KEY_LIFETIME_SECONDS: sessionKeyLifetime,
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
    'searchKey:mac',
  ],
  endpoints: [
    publicRoute('POST', '/dossiers', {
      summary:
        'Submit a dossier online (citizen form): status submitted, no receipt or appointment until the one-stop desk receives it',
      throttle: { rate: 50, burst: 100 },
      params: dossierIdempotencyParam,
      body: SubmitDossierRequestSchema,
      responses: {
        '201': {
          description: 'Submitted: the dossier code and the lookup secret',
          content: jsonContent(SubmitDossierResponseSchema),
        },
        '409': {
          description: 'ATTACHMENT_ALREADY_USED: an upload already belongs to a dossier; REQUEST_IN_PROGRESS',
          content: errorContent,
        },
        '422': {
          description:
            'CHANNEL_NOT_ALLOWED (channel counter or postal: an officer records those), unknown procedure, or an attachment rejected: missing, too large, or not a PDF, JPEG or PNG by its structure',
          content: errorContent,
        },
        ...errors,
      },
    }),
  ],
});
