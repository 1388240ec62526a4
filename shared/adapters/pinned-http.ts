import { lookup } from 'node:dns/promises';
import type { LookupFunction } from 'node:net';
import { Agent, request as undiciRequest } from 'undici';
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

const TIMEOUTS = new Set(['TimeoutError', 'ConnectTimeoutError', 'HeadersTimeoutError', 'BodyTimeoutError']);

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
  const dispatcher = new Agent({
    connect: {
      lookup: pinnedLookup(check.hostname, check.address, check.family),
      timeout: message.timeoutMs,
    },
    connections: 1,
  });
  const started = Date.now();
  try {
    const response = await undiciRequest(check.url, {
      dispatcher,
      method: 'POST',
      headers: message.headers,
      body: message.body,
      signal: AbortSignal.timeout(message.timeoutMs),
    });
    const success = response.statusCode >= 200 && response.statusCode < 300;
    const excerpt = success ? await excerptOf(response.body) : undefined;
    if (!success) await response.body.dump({ limit: 0 }).catch(() => undefined);
    const retryAfter = response.headers['retry-after'];
    return {
      kind: 'answered',
      status: response.statusCode,
      latencyMs: Date.now() - started,
      ...(typeof retryAfter === 'string' ? { retryAfter } : {}),
      ...(excerpt !== undefined ? { excerpt } : {}),
    };
  } catch (error) {
    // why: undici and Node errors carry a string code, but an aborted request's DOMException a numeric
    // one (23), recorded as it is; a parse here would change what deliveries show.
    const { name, code } = error as { name?: string; code?: string };
    return {
      kind: 'error',
      timedOut: TIMEOUTS.has(name ?? ''),
      code: code ?? name ?? 'Error',
      latencyMs: Date.now() - started,
    };
  } finally {
    await dispatcher.destroy().catch(() => undefined);
  }
}
