/**
 * An instance serves requests one after another. A value read "once per request" is read again when
 * the next request begins (`beginRequest`, called by every API handler), and at the latest after
 * `maxAgeMs` in work that is not an API request (stream and queue consumers, operator scripts).
 */
let currentRequest = 0;

export function beginRequest(): void {
  currentRequest += 1;
}

export interface OncePerRequest<T> {
  (): Promise<T>;
  /** Drops the value held: the writer of what it reads calls it, so its own next read is fresh. */
  forget(): void;
}

export function oncePerRequest<T>(
  read: () => Promise<T>,
  maxAgeMs = 1_000,
  now: () => number = Date.now,
): OncePerRequest<T> {
  let held: { request: number; at: number; value: Promise<T> } | undefined;
  const get = () => {
    const at = now();
    if (held && held.request === currentRequest && at - held.at < maxAgeMs) return held.value;
    const value = read();
    const kept = { request: currentRequest, at, value };
    held = kept;
    value.catch(() => {
      if (held === kept) held = undefined;
    });
    return value;
  };
  return Object.assign(get, {
    forget: () => {
      held = undefined;
    },
  });
}
