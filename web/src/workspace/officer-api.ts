import { type ErrorBody, errorBody, fetchWithin, isErrorBody, jsonOf, LOAD_TIMEOUT_MS } from '../api.ts';

export interface Answer {
  ok: boolean;
  status: number;
  body: unknown;
}

export interface Authority {
  /** A valid ID token, or undefined when the session has ended. */
  idToken(): Promise<string | undefined>;
  /** Asks the officer to sign in again without leaving the page; resolves once signed in. */
  reauthenticate(): Promise<void>;
}

/** The API's base path: the workspace page lives at `<base>workspace`. */
export const apiBase = location.pathname.replace(/workspace\/?$/, '');

/**
 * Calls the API as the signed-in officer. An expired session does not lose the page: the officer
 * signs in again in a dialog and the call is made once more.
 */
export function officerApi(authority: Authority) {
  async function token(): Promise<string> {
    const current = await authority.idToken();
    if (current) return current;
    await authority.reauthenticate();
    const renewed = await authority.idToken();
    if (!renewed) throw errorBody('Chưa đăng nhập.', 'Not signed in.');
    return renewed;
  }

  async function send(path: string, init: RequestInit, timeoutMs: number): Promise<Response> {
    const headers = new Headers(init.headers);
    headers.set('authorization', `Bearer ${await token()}`);
    return fetchWithin(`${apiBase}${path}`, { ...init, headers }, timeoutMs);
  }

  /** The answer as it came (a PDF, a CSV), after signing in again if the session had ended. */
  async function raw(path: string, init: RequestInit = {}, timeoutMs = LOAD_TIMEOUT_MS): Promise<Response> {
    const response = await send(path, init, timeoutMs);
    if (response.status !== 401) return response;
    await authority.reauthenticate();
    return send(path, init, timeoutMs);
  }

  /** The answer's body read as JSON (as text for an edXML export, as bytes for a PDF). */
  async function json(path: string, init: RequestInit = {}, timeoutMs = LOAD_TIMEOUT_MS): Promise<Answer> {
    const response = await raw(path, init, timeoutMs);
    // An edXML export is XML, not JSON; it is asked for with `accept: application/xml`.
    const xml = response.ok && new Headers(init.headers).get('accept') === 'application/xml';
    // A PDF answer (a form's preview) is kept as bytes, to be shown from a blob: URL.
    const pdf = response.ok && response.headers.get('content-type')?.startsWith('application/pdf');
    const body = xml ? await response.text() : pdf ? await response.blob() : await jsonOf(response);
    return { ok: response.ok, status: response.status, body };
  }

  return { json, raw };
}

export type OfficerCall = ReturnType<typeof officerApi>;

/** A JSON body for POST calls, with an idempotency key so a retried click does nothing twice. */
export function jsonPost(body: unknown, idempotencyKey?: string): RequestInit {
  return {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(idempotencyKey ? { 'idempotency-key': idempotencyKey } : {}),
    },
    body: JSON.stringify(body),
  };
}

/** The error an answer carries, or a generic bilingual one. */
export function failureOf(answer: Answer): ErrorBody {
  if (isErrorBody(answer.body)) return answer.body;
  return errorBody(`Máy chủ trả lời lỗi ${answer.status}.`, `The server answered ${answer.status}.`);
}
