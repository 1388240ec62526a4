import * as z from 'zod';
import { calendarVariables, name } from '../../shared/config/env.ts';
import { InboundUpdateSchema } from '../../shared/contracts/webhooks.ts';
import { apiFunction } from '../../shared/http/endpoint-spec.ts';
import { errorContent, errors, jsonContent } from '../../shared/http/openapi.ts';

export const inboundWebhookSpec = apiFunction({
  id: 'InboundWebhook',
  handler: 'webhooks/inbound.ts',
  description: 'Applies a signed update from an agency system to a dossier that agency holds',
  env: z.object({
    WEBHOOKS_TABLE: name,
    DOSSIERS_TABLE: name,
    AUDIT_TABLE: name,
    AUDIT_PENDING_TABLE: name,
    MAIL_QUEUE_URL: name,
    /** Secrets Manager names are this prefix followed by the agency code. */
    AGENCY_SECRET_PREFIX: name,
    ...calendarVariables,
  }),
  permissions: [
    'webhooks:readWrite',
    'dossiers:readWrite',
    'audit:append',
    'mailQueue:send',
    'agencyWebhookSecrets:read',
    'reference:read',
  ],
  endpoints: [
    {
      method: 'POST',
      path: '/agency-systems/{agencyCode}/webhooks',
      access: { kind: 'agencySystem' },
      operation: {
        summary: 'A signed update from an agency system (Standard Webhooks, the agency’s secret)',
        requestParams: {
          path: z.object({ agencyCode: z.string() }),
          header: z.object({
            'webhook-id': z.string(),
            'webhook-timestamp': z.string(),
            'webhook-signature': z.string(),
          }),
        },
        requestBody: { content: jsonContent(InboundUpdateSchema) },
        responses: {
          '200': { description: 'Applied; the dossier as the agency sees it' },
          '401': { description: 'Wrong signature or stale timestamp', content: errorContent },
          '404': { description: 'Not a dossier this agency holds', content: errorContent },
          '409': {
            description: 'Replayed webhook-id, or a transition not allowed now',
            content: errorContent,
          },
          ...errors,
        },
      },
    },
  ],
});
