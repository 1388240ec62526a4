/**
 * Domain errors carry a stable code and a message in Vietnamese and English; the HTTP layer maps the
 * code to a status (shared/http/errors.ts). Only these errors are shown to callers; anything else
 * becomes a generic 500 without details.
 */
export interface BilingualMessage {
  vi: string;
  en: string;
}

export interface FieldIssue {
  field: string;
  message: BilingualMessage;
}

export type DomainErrorCode =
  | 'VALIDATION_FAILED'
  | 'MALFORMED_JSON'
  | 'UNSUPPORTED_MEDIA_TYPE'
  | 'PAYLOAD_TOO_LARGE'
  | 'UNKNOWN_PROCEDURE'
  | 'ATTACHMENT_NOT_FOUND'
  | 'ATTACHMENT_REJECTED'
  | 'ATTACHMENT_ALREADY_USED'
  | 'NOT_FOUND'
  | 'IDEMPOTENCY_KEY_REUSED'
  | 'REQUEST_IN_PROGRESS'
  | 'SIGNATURE_INVALID'
  | 'APOLOGY_REASON_REQUIRED'
  | 'ILLEGAL_TRANSITION'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'CONFIDENTIAL_NOT_ALLOWED'
  | 'DOCUMENT_EXISTS'
  | 'MALFORMED_XML'
  | 'WEBHOOK_REPLAYED'
  | 'FEEDBACK_NOT_OPEN'
  | 'FEEDBACK_ALREADY_GIVEN'
  | 'LOOKUP_SECRET_IN_QUERY'
  | 'TOO_MANY_ATTEMPTS'
  | 'REQUIRED_DOCUMENTS_MISSING'
  | 'ID_CARD_NO_LONGER_VALID'
  | 'CHANNEL_NOT_ALLOWED'
  | 'NOT_RECEIVED'
  | 'RESULT_NOT_READY'
  | 'NO_ELECTRONIC_RESULT'
  | 'STEP_ROLE_REQUIRED'
  | 'STEP_ACTION_NOT_ALLOWED'
  | 'DRAFTER_CANNOT_SIGN';

export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    readonly bilingual: BilingualMessage,
    readonly fields: FieldIssue[] = [],
    /** Machine-readable extras for the caller, e.g. the actions allowed instead of a refused one. */
    readonly details: Record<string, unknown> = {},
    /** Response headers the refusal needs, e.g. `retry-after`. */
    readonly headers: Record<string, string> = {},
  ) {
    super(bilingual.en);
    this.name = 'DomainError';
  }
}

export function isDomainError(error: unknown): error is DomainError {
  return error instanceof DomainError;
}

/** One answer for "no such dossier" and "not yours to see", so existence is not revealed. */
export function dossierNotFound(): DomainError {
  return new DomainError('NOT_FOUND', {
    vi: 'Không tìm thấy hồ sơ này, hoặc hồ sơ không thuộc đơn vị của bạn.',
    en: 'No such dossier, or it is not held by your unit.',
  });
}

/**
 * A citizen's lookup: unknown code and wrong lookup secret get this same answer, so the API does
 * not reveal which codes exist.
 */
export function lookupNotFound(): DomainError {
  return new DomainError('NOT_FOUND', {
    vi: 'Không tìm thấy hồ sơ với mã và mã tra cứu này.',
    en: 'No dossier matches this code and lookup secret.',
  });
}
