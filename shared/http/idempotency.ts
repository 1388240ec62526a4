import {
  IdempotencyAlreadyInProgressError,
  IdempotencyConfig,
  IdempotencyValidationError,
} from '@aws-lambda-powertools/idempotency';
import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
import { makeHandlerIdempotent } from '@aws-lambda-powertools/idempotency/middleware';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { counted } from '../adapters/aws-calls.ts';
import { DomainError } from '../domain/common/errors.ts';
import { idempotencyKeyReused } from '../domain/intake/intake-claim.ts';

type HttpMiddleware = MiddlewareObj<APIGatewayProxyEvent, APIGatewayProxyResult>;

export { idempotencyKeyReused };

/** Turns the idempotency library's refusals into domain errors that callers may see. */
function idempotencyErrorsAsDomainErrors(): HttpMiddleware {
  return {
    onError: async (request) => {
      if (request.error instanceof IdempotencyValidationError) {
        request.error = idempotencyKeyReused();
      } else if (request.error instanceof IdempotencyAlreadyInProgressError) {
        request.error = new DomainError('REQUEST_IN_PROGRESS', {
          vi: 'Yêu cầu cùng Idempotency-Key đang được xử lý, vui lòng thử lại sau giây lát.',
          en: 'A request with the same Idempotency-Key is still being processed; retry shortly.',
        });
      }
    },
  };
}

/**
 * Honours the `Idempotency-Key` header: the same key and body within 24 hours returns the first
 * answer; the same key with another body is refused. Requests without the header run normally.
 */
export function idempotencyKeyHeader(tableName: string): HttpMiddleware[] {
  const idempotent = makeHandlerIdempotent({
    persistenceStore: new DynamoDBPersistenceLayer({
      tableName,
      awsSdkV3Client: counted(new DynamoDBClient({})),
    }),
    config: new IdempotencyConfig({
      eventKeyJmesPath: 'headers."idempotency-key"',
      payloadValidationJmesPath: 'body',
      throwOnNoIdempotencyKey: false,
      expiresAfterSeconds: 24 * 3600,
    }),
  });
  return [
    idempotencyErrorsAsDomainErrors(),
    {
      ...idempotent,
      // Middy runs onError also when the idempotency check itself refuses a request (a duplicate in
      // progress, a reused key). The record is then the first request's: deleting it, as the library
      // does on errors, let a retry arriving meanwhile create a second dossier (found by bench/load.ts).
      onError: async (request) => {
        if (
          request.error instanceof IdempotencyAlreadyInProgressError ||
          request.error instanceof IdempotencyValidationError
        )
          return;
        await idempotent.onError?.(request);
      },
    },
  ];
}
