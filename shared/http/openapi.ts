import * as z from 'zod';
import { createDocument } from 'zod-openapi';
import { CreateUploadRequestSchema, CreateUploadResponseSchema } from '../contracts/attachments.ts';
import { ProcedureListSchema } from '../contracts/catalog.ts';
import { ErrorResponseSchema } from '../contracts/common.ts';
import {
  DossierViewSchema,
  SubmitDossierRequestSchema,
  SubmitDossierResponseSchema,
} from '../contracts/dossiers.ts';
import { KpiQuerySchema, KpiResponseSchema } from '../contracts/kpi.ts';
import {
  SigningKeysResponseSchema,
  VerifyRequestSchema,
  VerifyResponseSchema,
} from '../contracts/signing.ts';

const jsonContent = (schema: z.ZodType) => ({ 'application/json': { schema } });
const errors = {
  '400': { description: 'Invalid input; fields name what failed', content: jsonContent(ErrorResponseSchema) },
  '500': { description: 'Unexpected failure, without details', content: jsonContent(ErrorResponseSchema) },
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
            '422': {
              description: 'Unknown procedure or rejected attachment',
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
            query: z.object({ secret: z.string().optional() }),
          },
          responses: {
            '200': { description: 'Status, due date and history', content: jsonContent(DossierViewSchema) },
            '404': {
              description: 'Unknown code or wrong secret (indistinguishable)',
              content: jsonContent(ErrorResponseSchema),
            },
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
          summary: 'KPI rows per agency and day',
          requestParams: { query: KpiQuerySchema },
          responses: { '200': { description: 'Rows', content: jsonContent(KpiResponseSchema) }, ...errors },
        },
      },
    },
  });
}
