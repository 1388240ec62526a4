import * as z from 'zod';
import {
  createDocument,
  type ZodOpenApiOperationObject,
  type ZodOpenApiPathsObject,
  type ZodOpenApiResponsesObject,
} from 'zod-openapi';
import { ErrorResponseSchema } from '../contracts/common.ts';
import type { OfficerRole } from '../domain/officers/officers.ts';
import type { Access, ApiFunctionSpec, EndpointSpec, HttpMethod } from './endpoint-spec.ts';

export const jsonContent = (schema: z.ZodType) => ({ 'application/json': { schema } });
export const pdfContent = { 'application/pdf': { schema: z.string().meta({ format: 'binary' }) } };
export const htmlContent = { 'text/html': { schema: z.string() } };
export const errorContent = jsonContent(ErrorResponseSchema);

export const errors = {
  '400': { description: 'Invalid input; fields name what failed', content: errorContent },
  '413': { description: 'Body too large', content: errorContent },
  '415': { description: 'Body not in the expected content type', content: errorContent },
  '500': { description: 'Unexpected failure, without details', content: errorContent },
};

/** Citizens' dossier routes: the code in the path, the lookup secret in a header. */
export const citizenParams = {
  path: z.object({ code: z.string() }),
  header: z.object({ 'x-lookup-secret': z.string().optional() }),
};

/** What every route taking the lookup secret may refuse before looking at the dossier. */
export function lookupRefusals() {
  return {
    '400': {
      description: 'Invalid input, or a lookup secret sent in the query string (LOOKUP_SECRET_IN_QUERY)',
      content: errorContent,
    },
    '429': {
      description: 'Too many wrong lookup secrets for this code or from this address: locked until `retryAt`',
      headers: z.object({ 'retry-after': z.string().meta({ description: 'Seconds until the lock ends' }) }),
      content: errorContent,
    },
  };
}

export const citizenNotFound = {
  '404': { description: 'Unknown code or wrong secret', content: errorContent },
  ...lookupRefusals(),
};

export const officerErrors = {
  ...errors,
  '401': { description: 'No valid officer token', content: errorContent },
  '403': {
    description:
      'The account is not an active officer of a unit in the registry, or lacks the role the operation needs',
    content: errorContent,
  },
};

export const notFound = (description: string) => ({ '404': { description, content: errorContent } });

/** What a citizen's write to a dossier may answer besides its own outcomes. */
export const citizenBodyErrors = { ...citizenNotFound, ...errors };

/** One route's operation, written the short way: `body` is a JSON request body. */
export interface RouteOperation {
  summary: string;
  description?: string;
  params?: ZodOpenApiOperationObject['requestParams'];
  body?: z.ZodType;
  responses: ZodOpenApiResponsesObject;
  throttle?: EndpointSpec['throttle'];
}

function route(access: Access, method: HttpMethod, path: string, spec: RouteOperation): EndpointSpec {
  const { summary, description, params, body, responses, throttle } = spec;
  return {
    method,
    path,
    access,
    ...(throttle && { throttle }),
    operation: {
      summary,
      ...(description && { description }),
      ...(params && { requestParams: params }),
      ...(body && { requestBody: { content: jsonContent(body) } }),
      responses,
    },
  };
}

/** A route anyone may call. */
export const publicRoute = (method: HttpMethod, path: string, spec: RouteOperation) =>
  route({ kind: 'public' }, method, path, spec);

/** A route on `/dossiers/{code}…` for the citizen holding the lookup secret. */
export const citizenDossierRoute = (method: HttpMethod, path: string, spec: RouteOperation) =>
  route({ kind: 'lookupSecret' }, method, path, { params: citizenParams, ...spec });

/** A route for an active officer, holding `role` when one is named; the officer errors are added. */
export function officerRoute(
  method: HttpMethod,
  path: string,
  { role, ...spec }: RouteOperation & { role?: OfficerRole },
) {
  const access: Access = role ? { kind: 'officer', role } : { kind: 'officer' };
  return route(access, method, path, { ...spec, responses: { ...spec.responses, ...officerErrors } });
}

/** The `{code}` of an officer's dossier route, and its answer for a dossier of another unit. */
export const dossierCodeParam = { path: z.object({ code: z.string() }) };
/** The header that makes a dossier's submission safe to retry. */
export const dossierIdempotencyParam = {
  header: z.object({
    'idempotency-key': z.string().max(200).optional().meta({
      description: 'Retrying with the same key and body returns the first answer; no second dossier.',
    }),
  }),
};
export const officerDossierNotFound = notFound('Not a dossier of the officer’s unit');

const OFFICER_SECURITY = [{ officerToken: [] }];

/**
 * The OpenAPI 3.1 document of the API's functions, generated from their specs: the same zod schemas
 * the handlers validate with; officer endpoints carry the officer security scheme.
 */
export function openApiDocument(functions: readonly ApiFunctionSpec[]) {
  const paths: ZodOpenApiPathsObject = {};
  for (const { endpoints } of functions) {
    for (const { method, path, access, operation } of endpoints) {
      if (!operation) continue;
      const needsOfficer = access.kind === 'officer';
      paths[path] = {
        ...paths[path],
        [method.toLowerCase()]: needsOfficer ? { ...operation, security: OFFICER_SECURITY } : operation,
      };
    }
  }
  return createDocument({
    openapi: '3.1.0',
    info: {
      title: 'Một cửa điện tử liên thông API',
      version: '0.1.0',
      description: 'Dossier intake, lookup, signing and KPIs of the one-stop e-government platform.',
    },
    paths,
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
