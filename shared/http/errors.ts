import {
  IdempotencyAlreadyInProgressError,
  IdempotencyValidationError,
} from '@aws-lambda-powertools/idempotency';
import type { Logger } from '@aws-lambda-powertools/logger';
import type { APIGatewayProxyResult } from 'aws-lambda';
import { DomainError, isDomainError } from '../domain/errors.ts';
import { json } from './responses.ts';

/** Library errors that callers should see, mapped to the domain's codes. */
function asDomainError(error: unknown): DomainError | undefined {
  if (isDomainError(error)) return error;
  if (error instanceof IdempotencyValidationError) {
    return new DomainError('IDEMPOTENCY_KEY_REUSED', {
      vi: 'Idempotency-Key này đã được dùng cho một yêu cầu khác.',
      en: 'This Idempotency-Key was already used for a different request.',
    });
  }
  if (error instanceof IdempotencyAlreadyInProgressError) {
    return new DomainError('REQUEST_IN_PROGRESS', {
      vi: 'Yêu cầu cùng Idempotency-Key đang được xử lý, vui lòng thử lại sau giây lát.',
      en: 'A request with the same Idempotency-Key is still being processed; retry shortly.',
    });
  }
  return undefined;
}

export function errorResponse(error: unknown, requestId: string, logger: Logger): APIGatewayProxyResult {
  const known = asDomainError(error);
  if (known) {
    logger.info('request refused', { code: known.code, fields: known.fields.map((f) => f.field) });
    return json(known.statusCode, {
      error: { code: known.code, message: known.bilingual, fields: known.fields, requestId },
    });
  }
  logger.error('unhandled error', error as Error);
  return json(500, {
    error: {
      code: 'INTERNAL_ERROR',
      message: {
        vi: 'Hệ thống gặp lỗi, vui lòng thử lại. Hồ sơ chưa được ghi nhận nếu bạn chưa nhận được mã hồ sơ.',
        en: 'Something went wrong; please retry. No dossier was recorded unless you received a dossier code.',
      },
      fields: [],
      requestId,
    },
  });
}
