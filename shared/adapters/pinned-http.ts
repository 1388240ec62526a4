import { lookup } from 'node:dns/promises';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import { checkReceiverUrl, type ReceiverOptions, type Resolver } from '../domain/webhooks/webhook-address.ts';
import { RESPONSE_EXCERPT_CHARS } from '../domain/webhooks/webhooks.ts';

export const systemResolver: Resolver = async (hostname) =>
  (await lookup(hostname, { all: true, verbatim: true })).map((entry) => entry.address);

/**
 * The socket's name lookup, answering only with the address that was checked: the connection
 * cannot be steered elsewhere by a second DNS answer. The URL keeps the name, so the Host header
 * and the TLS server name (SNI, certificate check) stay the receiver's hostname.
 */
export function pinnedLookup(hostname: string, address: string, family: 4 | 6): LookupFunction {
  return (name, options, callback) => {
    if (name.toLowerCase() !== hostname.toLowerCase()) {
      const error = Object.assign(new Error(`connection is pinned to ${hostname}, not ${name}`), {
        code: 'ENOTFOUND',
      });
      callback(error, '', 0);
      return;
    }
    if (options.all) callback(null, [{ address, family }]);
    else callback(null, address, family);
  };
}

export type ReceiverAnswer =
  | { kind: 'refused'; reason: string }
  | { kind: 'answered'; status: number; retryAfter?: string; excerpt?: string; latencyMs: number }
  | { kind: 'error'; timedOut: boolean; code: string; latencyMs: number };

async function excerptOf(body: AsyncIterable<Uint8Array>): Promise<string> {
  const decoder = new TextDecoder();
  let text = '';
  for await (const chunk of body) {
    text += decoder.decode(chunk, { stream: true });
    if (text.length >= RESPONSE_EXCERPT_CHARS) break;
  }
  return text.slice(0, RESPONSE_EXCERPT_CHARS);
}

/**
 * Node's own HTTP client rather than a bundled one (undici is half a megabyte of a bundle): a fresh
 * socket per delivery (never a pooled one), its name lookup pinned, the whole exchange bounded by `signal`.
 */
function post(
  url: URL,
  lookup: LookupFunction,
  message: { headers: Record<string, string>; body: string },
  signal: AbortSignal,
): Promise<IncomingMessage> {
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const outgoing = send(
      url,
      { method: 'POST', headers: message.headers, agent: false, lookup, signal },
      resolve,
    );
    outgoing.on('error', reject);
    outgoing.end(message.body);
  });
}

/**
 * One POST to a receiver: checked, then sent over a connection pinned to the checked address.
 * Redirects are not followed; only a 2xx answer leaves a short excerpt of its body.
 */
export async function postToReceiver(
  url: string,
  message: { headers: Record<string, string>; body: string; timeoutMs: number },
  options: ReceiverOptions,
): Promise<ReceiverAnswer> {
  const check = await checkReceiverUrl(url, options);
  if (!check.ok) return { kind: 'refused', reason: check.reason };
  const signal = AbortSignal.timeout(message.timeoutMs);
  const started = Date.now();
  let response: IncomingMessage | undefined;
  try {
    response = await post(
      check.url,
      pinnedLookup(check.hostname, check.address, check.family),
      message,
      signal,
    );
    const status = response.statusCode ?? 0;
    const success = status >= 200 && status < 300;
    const excerpt = success ? await excerptOf(response) : undefined;
    const retryAfter = response.headers['retry-after'];
    return {
      kind: 'answered',
      status,
      latencyMs: Date.now() - started,
      ...(typeof retryAfter === 'string' ? { retryAfter } : {}),
      ...(excerpt !== undefined ? { excerpt } : {}),
    };
  } catch (error) {
    if (signal.aborted)
      return { kind: 'error', timedOut: true, code: 'TimeoutError', latencyMs: Date.now() - started };
    const code = error instanceof Error && 'code' in error ? error.code : undefined;
    return {
      kind: 'error',
      timedOut: false,
      code: typeof code === 'string' ? code : error instanceof Error ? error.name : 'Error',
      latencyMs: Date.now() - started,
    };
  } finally {
    // Nothing more of the answer is read: the socket is closed rather than drained.
    response?.destroy();
  }
}
