import type { Logger } from '@aws-lambda-powertools/logger';
import type { APIGatewayProxyResult } from 'aws-lambda';
import { isDomainError } from '../domain/errors.ts';
import { json } from './responses.ts';

/** The one place errors become HTTP answers; only domain errors reveal their message. */
export function errorResponse(error: unknown, requestId: string, logger: Logger): APIGatewayProxyResult {
  if (isDomainError(error)) {
    logger.info('request refused', { code: error.code, fields: error.fields.map((f) => f.field) });
    return json(
      error.statusCode,
      {
        error: {
          code: error.code,
          message: error.bilingual,
          fields: error.fields,
          ...error.details,
          requestId,
        },
      },
      error.headers,
    );
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
