import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy, { type MiddlewareObj } from '@middy/core';
import httpHeaderNormalizer from '@middy/http-header-normalizer';
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import type { z } from 'zod';
import { beginRequest } from '../adapters/request-scope.ts';
import { parseJson, validate } from '../contracts/parse.ts';
import { type BilingualMessage, DomainError } from '../domain/common/errors.ts';
import { logger, observe } from '../observability.ts';
import { errorResponse } from './errors.ts';
import { isAcceptedMediaType } from './media-type.ts';
import { countRequests } from './request-metrics.ts';

export { logger, validate };

export type HttpHandler = (event: APIGatewayProxyEvent, context: Context) => Promise<APIGatewayProxyResult>;

/** Turns any thrown error into the JSON error shape; only domain errors reveal their message. */
function errorResponder(): MiddlewareObj<APIGatewayProxyEvent, APIGatewayProxyResult> {
  return {
    onError: async (request) => {
      request.response = errorResponse(request.error, request.context.awsRequestId, logger);
    },
  };
}

/**
 * Logging, tracing, metrics and header normalisation for every API handler; extra middleware runs
 * inside them.
 */
export function httpEndpoint(
  handler: HttpHandler,
  ...inner: MiddlewareObj<APIGatewayProxyEvent, APIGatewayProxyResult>[]
) {
  const chain = middy<APIGatewayProxyEvent, APIGatewayProxyResult>()
    .use({ before: () => beginRequest() })
    .use(observe())
    .use(countRequests())
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(httpHeaderNormalizer())
    .use(errorResponder());
  for (const middleware of inner) chain.use(middleware);
  return chain.handler(handler);
}

const MAX_BODY_BYTES = 64 * 1024;

export interface BodyOptions {
  maxBytes?: number;
  /** Runs on the parsed JSON before the schema: a refusal that must happen before anything else. */
  inspect?: (parsed: unknown) => void;
}

/**
 * The body as text, refused with 415 unless its media type is one of `mediaTypes` (named in the
 * message as `expected`) and with 413 past `maxBytes`.
 */
export function readTextBody(
  event: APIGatewayProxyEvent,
  {
    mediaTypes,
    maxBytes,
    expected,
  }: { mediaTypes: readonly string[]; maxBytes: number; expected: BilingualMessage },
): string {
  if (!isAcceptedMediaType(event.headers['content-type'], mediaTypes)) {
    throw new DomainError('UNSUPPORTED_MEDIA_TYPE', {
      vi: `Nội dung phải là ${expected.vi}.`,
      en: `The body must be ${expected.en}.`,
    });
  }
  const raw = event.isBase64Encoded
    ? Buffer.from(event.body ?? '', 'base64').toString('utf8')
    : (event.body ?? '');
  if (Buffer.byteLength(raw, 'utf8') > maxBytes) {
    const limit =
      maxBytes >= 1024 * 1024 ? `${maxBytes / 1024 / 1024} MB` : `${Math.floor(maxBytes / 1024)} KB`;
    throw new DomainError('PAYLOAD_TOO_LARGE', {
      vi: `Nội dung quá lớn: tối đa ${limit}.`,
      en: `The body is too large: at most ${limit}.`,
    });
  }
  return raw;
}

/** Parses and validates a JSON body, answering 415 / 413 / 400 with bilingual messages. */
export function parseJsonBody<S extends z.ZodType>(
  event: APIGatewayProxyEvent,
  schema: S,
  { maxBytes = MAX_BODY_BYTES, inspect }: BodyOptions = {},
): z.output<S> {
  const raw = readTextBody(event, {
    mediaTypes: ['application/json'],
    maxBytes,
    expected: {
      vi: 'JSON mã UTF-8 (Content-Type: application/json; charset=utf-8)',
      en: 'UTF-8 JSON (Content-Type: application/json; charset=utf-8)',
    },
  });
  const parsed = parseJson(raw);
  inspect?.(parsed);
  return validate(schema, parsed);
}

/**
 * A path parameter as text. API Gateway may pass it still percent-encoded; a malformed encoding
 * (a stray `%`) names nothing that exists, so it reads as the empty string and the lookup finds nothing.
 */
export function pathParameter(event: APIGatewayProxyEvent, name: string): string {
  const raw = event.pathParameters?.[name] ?? '';
  try {
    return decodeURIComponent(raw);
  } catch {
    return '';
  }
}
