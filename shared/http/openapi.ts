import * as z from 'zod';
import { createDocument } from 'zod-openapi';
import { CreateUploadRequestSchema, CreateUploadResponseSchema } from '../contracts/attachments.ts';
import { ProcedureListSchema } from '../contracts/catalog.ts';
import { ErrorResponseSchema } from '../contracts/common.ts';
import {
  DocumentActionSchema,
  DocumentBoxQuerySchema,
  EdxmlImportResultSchema,
  SendDocumentRequestSchema,
} from '../contracts/documents.ts';
import {
  DossierViewSchema,
  SubmitDossierRequestSchema,
  SubmitDossierResponseSchema,
} from '../contracts/dossiers.ts';
import { FeedbackRequestSchema, FeedbackSchema } from '../contracts/feedback.ts';
import { KpiQuerySchema, KpiResponseSchema } from '../contracts/kpi.ts';
import { KpiReportQuerySchema } from '../contracts/kpi-report.ts';
import {
  OfficerActionSchema,
  OfficerQueueQuerySchema,
  WithdrawRequestSchema,
} from '../contracts/lifecycle.ts';
import { OfficerAdministrationActionSchema, OfficerInvitationSchema } from '../contracts/officers.ts';
import {
  SigningKeysResponseSchema,
  VerifyRequestSchema,
  VerifyResponseSchema,
} from '../contracts/signing.ts';
import {
  InboundUpdateSchema,
  SubscriptionRequestSchema,
  SubscriptionStateSchema,
} from '../contracts/webhooks.ts';
import { FORM_NUMBERS } from '../domain/forms.ts';

const jsonContent = (schema: z.ZodType) => ({ 'application/json': { schema } });
const errors = {
  '400': { description: 'Invalid input; fields name what failed', content: jsonContent(ErrorResponseSchema) },
  '413': { description: 'Body too large', content: jsonContent(ErrorResponseSchema) },
  '415': { description: 'Body not in the expected content type', content: jsonContent(ErrorResponseSchema) },
  '500': { description: 'Unexpected failure, without details', content: jsonContent(ErrorResponseSchema) },
};

/** Citizens' dossier routes: the code in the path, the lookup secret in a header. */
const citizenParams = {
  path: z.object({ code: z.string() }),
  header: z.object({ 'x-lookup-secret': z.string().optional() }),
};
const citizenNotFound = {
  '404': { description: 'Unknown code or wrong secret', content: jsonContent(ErrorResponseSchema) },
  ...lookupRefusals(),
};

/** What every route taking the lookup secret may refuse before looking at the dossier. */
function lookupRefusals() {
  return {
    '400': {
      description: 'Invalid input, or a lookup secret sent in the query string (LOOKUP_SECRET_IN_QUERY)',
      content: jsonContent(ErrorResponseSchema),
    },
    '429': {
      description: 'Too many wrong lookup secrets for this code or from this address: locked until `retryAt`',
      headers: z.object({ 'retry-after': z.string().meta({ description: 'Seconds until the lock ends' }) }),
      content: jsonContent(ErrorResponseSchema),
    },
  };
}

const officerSecurity = [{ officerToken: [] }];
const officerErrors = {
  ...errors,
  '401': { description: 'No valid officer token', content: jsonContent(ErrorResponseSchema) },
  '403': {
    description:
      'The account is not an active officer of a unit in the registry, or lacks the role the operation needs',
    content: jsonContent(ErrorResponseSchema),
  },
};
const subscriptionNotFound = {
  '404': {
    description: 'Not a subscription of the officer’s agency',
    content: jsonContent(ErrorResponseSchema),
  },
};
const dossierNotFound = {
  '404': { description: 'Not a dossier of the officer’s unit', content: jsonContent(ErrorResponseSchema) },
};
const notFound = {
  '404': { description: 'Not a document of the officer’s unit', content: jsonContent(ErrorResponseSchema) },
};

/** The OpenAPI 3.1 document, generated from the same zod schemas the handlers validate with. */
export function openApiDocument() {
  return createDocument({
    openapi: '3.1.0',
    info: {
      title: 'Một cửa điện tử liên thông API',
      version: '0.1.0',
      description: 'Dossier intake, lookup, signing and KPIs of the one-stop e-government platform.',
    },
    paths: {
      '/procedures': {
        get: {
          summary: 'Procedures catalog and agencies',
          responses: { '200': { description: 'Catalog', content: jsonContent(ProcedureListSchema) } },
        },
      },
      '/attachments': {
        post: {
          summary: 'Presigned upload for one attachment',
          requestBody: { content: jsonContent(CreateUploadRequestSchema) },
          responses: {
            '201': { description: 'Presigned POST', content: jsonContent(CreateUploadResponseSchema) },
            ...errors,
          },
        },
      },
      '/dossiers': {
        post: {
          summary: 'Submit a dossier (citizen form)',
          requestParams: {
            header: z.object({
              'idempotency-key': z.string().max(200).optional().meta({
                description:
                  'Retrying with the same key and body returns the first answer; no second dossier.',
              }),
            }),
          },
          requestBody: { content: jsonContent(SubmitDossierRequestSchema) },
          responses: {
            '201': {
              description: 'Received, with the signed receipt',
              content: jsonContent(SubmitDossierResponseSchema),
            },
            '409': {
              description:
                'ATTACHMENT_ALREADY_USED: an upload already belongs to a dossier; REQUEST_IN_PROGRESS',
              content: jsonContent(ErrorResponseSchema),
            },
            '422': {
              description:
                'Unknown procedure, or an attachment rejected: missing, too large, or not a PDF, JPEG or PNG by its structure',
              content: jsonContent(ErrorResponseSchema),
            },
            ...errors,
          },
        },
      },
      '/dossiers/{code}': {
        get: {
          summary: 'Look a dossier up with its lookup secret',
          requestParams: {
            path: z.object({ code: z.string() }),
            header: z.object({ 'x-lookup-secret': z.string().optional() }),
          },
          responses: {
            '200': { description: 'Status, due date and history', content: jsonContent(DossierViewSchema) },
            '404': {
              description: 'Unknown code or wrong secret (indistinguishable)',
              content: jsonContent(ErrorResponseSchema),
            },
            ...lookupRefusals(),
            '500': errors['500'],
          },
        },
      },
      '/signing-keys': {
        get: {
          summary: 'Public signing keys (JWKS and PEM)',
          responses: { '200': { description: 'Keys', content: jsonContent(SigningKeysResponseSchema) } },
        },
      },
      '/verify': {
        post: {
          summary: 'Verify a signed document',
          requestBody: { content: jsonContent(VerifyRequestSchema) },
          responses: {
            '200': { description: 'Verdict', content: jsonContent(VerifyResponseSchema) },
            ...errors,
          },
        },
      },
      '/kpi': {
        get: {
          summary: 'KPI indicators of the province, each tier and each unit for one period or a trend',
          description:
            'Aggregates only, no personal data: the same answer serves operators and the public. Periods are days, months, quarters or years in UTC+7; every rate carries its numerator and denominator, and `formulas` documents each. `format=csv` answers the same rows as CSV.',
          requestParams: { query: KpiQuerySchema },
          responses: {
            '200': {
              description: 'Rows',
              content: { ...jsonContent(KpiResponseSchema), 'text/csv': { schema: z.string() } },
            },
            ...errors,
          },
        },
      },
      '/kpi/report': {
        get: {
          summary: 'One unit’s (or the province’s) KPI report for a period, as a one-page PDF',
          requestParams: { query: KpiReportQuerySchema },
          responses: {
            '200': {
              description: 'PDF (A4, one page)',
              content: { 'application/pdf': { schema: z.string().meta({ format: 'binary' }) } },
            },
            '404': {
              description: 'No published figures for this unit and period',
              content: jsonContent(ErrorResponseSchema),
            },
            ...errors,
          },
        },
      },
      '/dashboard': {
        get: {
          summary: 'The public KPI dashboard page (reads GET /kpi)',
          responses: {
            '200': { description: 'HTML page', content: { 'text/html': { schema: z.string() } } },
          },
        },
      },
      '/dossiers/{code}/withdraw': {
        post: {
          summary: 'Withdraw a dossier (citizen, with the lookup secret)',
          requestParams: citizenParams,
          requestBody: { content: jsonContent(WithdrawRequestSchema) },
          responses: {
            '200': { description: 'Withdrawn' },
            ...citizenNotFound,
            '409': { description: 'No longer withdrawable', content: jsonContent(ErrorResponseSchema) },
            ...errors,
          },
        },
      },
      '/dossiers/{code}/feedback': {
        post: {
          summary: 'Rate a settled dossier, once (citizen, with the lookup secret)',
          requestParams: citizenParams,
          requestBody: { content: jsonContent(FeedbackRequestSchema) },
          responses: {
            '201': { description: 'Feedback stored', content: jsonContent(FeedbackSchema) },
            ...citizenNotFound,
            '409': {
              description: 'Not settled yet, or feedback already given',
              content: jsonContent(ErrorResponseSchema),
            },
            ...errors,
          },
        },
      },
      '/dossiers/{code}/forms/{form}': {
        get: {
          summary: 'A form (01–06) of the dossier as a signed PDF (citizen, with the lookup secret)',
          requestParams: {
            path: z.object({ code: z.string(), form: z.enum(FORM_NUMBERS) }),
            header: z.object({ 'x-lookup-secret': z.string().optional() }),
          },
          responses: {
            '200': { description: 'PDF', content: { 'application/pdf': { schema: z.string() } } },
            '404': {
              description: 'Unknown code, wrong secret or no such form yet',
              content: jsonContent(ErrorResponseSchema),
            },
            ...errors,
            ...lookupRefusals(),
          },
        },
      },
      '/officer/dossiers': {
        get: {
          summary: 'Dossiers the officer’s unit holds, by due date',
          security: officerSecurity,
          requestParams: { query: OfficerQueueQuerySchema },
          responses: { '200': { description: 'Queue' }, ...officerErrors },
        },
      },
      '/officer/dossiers/{code}': {
        get: {
          summary: 'One dossier the officer’s unit holds (a view of personal data, audited)',
          security: officerSecurity,
          requestParams: { path: z.object({ code: z.string() }) },
          responses: { '200': { description: 'Dossier' }, ...officerErrors, ...dossierNotFound },
        },
      },
      '/officer/dossiers/{code}/actions': {
        post: {
          summary: 'A lifecycle action on a dossier the officer’s unit holds',
          security: officerSecurity,
          requestParams: { path: z.object({ code: z.string() }) },
          requestBody: { content: jsonContent(OfficerActionSchema) },
          responses: {
            '200': { description: 'Dossier after the action' },
            '409': {
              description:
                'Not allowed in the current status, or the result upload already belongs to a dossier',
              content: jsonContent(ErrorResponseSchema),
            },
            '422': {
              description:
                'Result file rejected: missing, too large, or not a PDF, JPEG or PNG by its structure',
              content: jsonContent(ErrorResponseSchema),
            },
            ...officerErrors,
            ...dossierNotFound,
          },
        },
      },
      '/officer/dossiers/{code}/forms/{form}': {
        get: {
          summary: 'A form of a dossier the officer’s unit holds, as a signed PDF',
          security: officerSecurity,
          requestParams: { path: z.object({ code: z.string(), form: z.enum(FORM_NUMBERS) }) },
          responses: {
            '200': { description: 'PDF', content: { 'application/pdf': { schema: z.string() } } },
            ...officerErrors,
            ...dossierNotFound,
          },
        },
      },
      '/officer/documents': {
        post: {
          summary: 'Send an official document to agencies (signed, routed per tier)',
          security: officerSecurity,
          requestBody: { content: jsonContent(SendDocumentRequestSchema) },
          responses: {
            '201': { description: 'Sent: document id and recipients' },
            '409': {
              description: 'Another document already has this number and notation',
              content: jsonContent(ErrorResponseSchema),
            },
            '422': {
              description: 'Classified document refused, or an attachment rejected',
              content: jsonContent(ErrorResponseSchema),
            },
            ...officerErrors,
          },
        },
        get: {
          summary: 'The unit’s inbox or outbox',
          security: officerSecurity,
          requestParams: { query: DocumentBoxQuerySchema },
          responses: { '200': { description: 'Documents, newest first' }, ...officerErrors },
        },
      },
      '/officer/documents/{id}': {
        get: {
          summary: 'One document: every recipient’s steps for its sender, its own copy for a recipient',
          security: officerSecurity,
          requestParams: { path: z.object({ id: z.string() }) },
          responses: {
            '200': { description: 'Document, steps and their durations' },
            ...officerErrors,
            ...notFound,
          },
        },
      },
      '/officer/documents/{id}/actions': {
        post: {
          summary:
            'A recipient’s step (accept, refuse, assign, process, complete, answer a recall) or the sender’s recall',
          security: officerSecurity,
          requestParams: { path: z.object({ id: z.string() }) },
          requestBody: { content: jsonContent(DocumentActionSchema) },
          responses: {
            '200': { description: 'The copy after the step' },
            '202': { description: 'Recall requested from every copy that can still be recalled' },
            '409': {
              description: 'Not allowed in the current state',
              content: jsonContent(ErrorResponseSchema),
            },
            ...officerErrors,
            ...notFound,
          },
        },
      },
      '/officer/documents/{id}/edxml': {
        get: {
          summary: 'The document as an edXML message with its signature and attachments',
          security: officerSecurity,
          requestParams: { path: z.object({ id: z.string() }) },
          responses: {
            '200': { description: 'edXML', content: { 'application/xml': { schema: z.string() } } },
            ...officerErrors,
            ...notFound,
          },
        },
      },
      '/officer/documents/edxml': {
        post: {
          summary: 'Read an edXML message: validated, signature verified',
          security: officerSecurity,
          requestBody: { content: { 'application/xml': { schema: z.string() } } },
          responses: {
            '200': {
              description: 'The document and whether its signature verifies',
              content: jsonContent(EdxmlImportResultSchema),
            },
            ...officerErrors,
          },
        },
      },
      '/officer/webhooks': {
        post: {
          summary: 'Subscribe an agency system to events (the secret is returned once)',
          security: officerSecurity,
          requestBody: { content: jsonContent(SubscriptionRequestSchema) },
          responses: { '201': { description: 'Subscription with its secret' }, ...officerErrors },
        },
        get: {
          summary: 'The agency’s subscriptions (without secrets)',
          security: officerSecurity,
          responses: { '200': { description: 'Subscriptions' }, ...officerErrors },
        },
      },
      '/officer/webhooks/{id}/rotate': {
        post: {
          summary: 'New secret; the old one keeps signing for 24 hours',
          security: officerSecurity,
          requestParams: { path: z.object({ id: z.string() }) },
          responses: { '200': { description: 'The new secret' }, ...officerErrors, ...subscriptionNotFound },
        },
      },
      '/officer/webhooks/{id}/state': {
        post: {
          summary: 'Pause or resume a subscription',
          security: officerSecurity,
          requestParams: { path: z.object({ id: z.string() }) },
          requestBody: { content: jsonContent(SubscriptionStateSchema) },
          responses: { '200': { description: 'New state' }, ...officerErrors, ...subscriptionNotFound },
        },
      },
      '/officer/webhooks/{id}/deliveries': {
        get: {
          summary: 'Every delivery with each attempt (status, latency, answer)',
          security: officerSecurity,
          requestParams: { path: z.object({ id: z.string() }) },
          responses: { '200': { description: 'Deliveries' }, ...officerErrors, ...subscriptionNotFound },
        },
      },
      '/officer/webhooks/{id}/deliveries/{eventId}/replay': {
        post: {
          summary: 'Deliver an event again, with a new retry schedule',
          security: officerSecurity,
          requestParams: { path: z.object({ id: z.string(), eventId: z.string() }) },
          responses: { '202': { description: 'Queued' }, ...officerErrors, ...subscriptionNotFound },
        },
      },
      '/officer/officers': {
        get: {
          summary: 'Officers of the administrator’s unit with their roles and state (role quan_tri)',
          security: officerSecurity,
          responses: { '200': { description: 'Officers' }, ...officerErrors },
        },
        post: {
          summary:
            'Invite an officer into the administrator’s unit (role quan_tri); the invitation is mailed',
          security: officerSecurity,
          requestBody: { content: jsonContent(OfficerInvitationSchema) },
          responses: { '201': { description: 'The officer’s record' }, ...officerErrors },
        },
      },
      '/officer/officers/{username}/actions': {
        post: {
          summary: 'Set roles, deactivate or reactivate an officer of the unit (role quan_tri)',
          security: officerSecurity,
          requestParams: { path: z.object({ username: z.string() }) },
          requestBody: { content: jsonContent(OfficerAdministrationActionSchema) },
          responses: {
            '200': { description: 'The officer’s record after the change' },
            ...officerErrors,
            '404': { description: 'Not an officer of the unit', content: jsonContent(ErrorResponseSchema) },
          },
        },
      },
      '/agency-systems/{agencyCode}/webhooks': {
        post: {
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
            '401': {
              description: 'Wrong signature or stale timestamp',
              content: jsonContent(ErrorResponseSchema),
            },
            '404': {
              description: 'Not a dossier this agency holds',
              content: jsonContent(ErrorResponseSchema),
            },
            '409': {
              description: 'Replayed webhook-id, or a transition not allowed now',
              content: jsonContent(ErrorResponseSchema),
            },
            ...errors,
          },
        },
      },
    },
    components: {
      securitySchemes: {
        officerToken: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'JWT',
          description: 'Cognito ID token of an officer',
        },
      },
    },
  });
}
