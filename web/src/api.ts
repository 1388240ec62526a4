export interface BilingualMessage {
  vi: string;
  en: string;
}

export interface FieldError {
  field: string;
  message: BilingualMessage;
}

/** The shape of every 4xx/5xx answer of the API (`ErrorResponse` in the OpenAPI document). */
export interface ErrorBody {
  error: { code?: string; message: BilingualMessage; fields?: FieldError[] };
}

export const errorBody = (vi: string, en: string, fields: FieldError[] = []): ErrorBody => ({
  error: { message: { vi, en }, fields },
});

export function isErrorBody(value: unknown): value is ErrorBody {
  if (typeof value !== 'object' || value === null || !('error' in value)) return false;
  const { error } = value;
  if (typeof error !== 'object' || error === null || !('message' in error)) return false;
  const { message } = error;
  return typeof message === 'object' && message !== null && 'vi' in message && 'en' in message;
}

/**
 * How long a page waits for data it shows "Loading…" for. A Lambda's cold start in the emulator
 * takes a few seconds; past this the page says the server did not answer and offers to retry.
 */
export const LOAD_TIMEOUT_MS = 20_000;
/** A signed PDF is made on request (render, sign with KMS, store): it is given longer. */
export const PDF_TIMEOUT_MS = 60_000;

export const UNREACHABLE = errorBody('Không kết nối được máy chủ.', 'Could not reach the server.');
export const TIMED_OUT = errorBody(
  'Máy chủ không trả lời kịp, vui lòng thử lại.',
  'The server did not answer in time, please retry.',
);

/** A request that gives up after `timeoutMs`: a lost answer ends in an error body, never in waiting forever. */
export async function fetchWithin(
  url: string,
  init: RequestInit = {},
  timeoutMs = LOAD_TIMEOUT_MS,
): Promise<Response> {
  try {
    return await fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
  } catch (error) {
    throw error instanceof DOMException && error.name === 'TimeoutError' ? TIMED_OUT : UNREACHABLE;
  }
}

/** The JSON of an answer, or undefined when it has none (a gateway's HTML error page, an empty body). */
export async function jsonOf(response: Response): Promise<unknown> {
  try {
    return await response.json();
  } catch {
    return undefined;
  }
}
