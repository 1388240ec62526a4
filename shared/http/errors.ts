import type { Logger } from '@aws-lambda-powertools/logger';
import type { APIGatewayProxyResult } from 'aws-lambda';
import { type DomainError, type DomainErrorCode, isDomainError } from '../domain/common/errors.ts';
import { json } from './responses.ts';

const STATUS_BY_CODE: Record<DomainErrorCode, number> = {
  VALIDATION_FAILED: 400,
  MALFORMED_JSON: 400,
  UNSUPPORTED_MEDIA_TYPE: 415,
  PAYLOAD_TOO_LARGE: 413,
  UNKNOWN_PROCEDURE: 422,
  ATTACHMENT_NOT_FOUND: 422,
  ATTACHMENT_REJECTED: 422,
  ATTACHMENT_ALREADY_USED: 409,
  NOT_FOUND: 404,
  IDEMPOTENCY_KEY_REUSED: 422,
  REQUEST_IN_PROGRESS: 409,
  SIGNATURE_INVALID: 422,
  APOLOGY_REASON_REQUIRED: 422,
  ILLEGAL_TRANSITION: 409,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  CONFIDENTIAL_NOT_ALLOWED: 422,
  DOCUMENT_EXISTS: 409,
  MALFORMED_XML: 400,
  WEBHOOK_REPLAYED: 409,
  FEEDBACK_NOT_OPEN: 409,
  FEEDBACK_ALREADY_GIVEN: 409,
  LOOKUP_SECRET_IN_QUERY: 400,
  TOO_MANY_ATTEMPTS: 429,
  REQUIRED_DOCUMENTS_MISSING: 422,
  ID_CARD_NO_LONGER_VALID: 422,
  CHANNEL_NOT_ALLOWED: 422,
  NOT_RECEIVED: 409,
  RESULT_NOT_READY: 409,
  NO_ELECTRONIC_RESULT: 404,
  STEP_ROLE_REQUIRED: 403,
  STEP_ACTION_NOT_ALLOWED: 409,
  DRAFTER_CANNOT_SIGN: 403,
};

/** The HTTP status a refusal is answered with. */
export function statusOf(error: DomainError): number {
  return STATUS_BY_CODE[error.code];
}

/** The one place errors become HTTP answers; only domain errors reveal their message. */
export function errorResponse(error: unknown, requestId: string, logger: Logger): APIGatewayProxyResult {
  if (isDomainError(error)) {
    logger.info('request refused', { code: error.code, fields: error.fields.map((f) => f.field) });
    return json(
      statusOf(error),
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
  // why: the logger takes any thrown value and formats an Error's stack; its type admits only Error.
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
