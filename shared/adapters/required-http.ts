import { createRequire } from 'node:module';

/**
 * Stands in for `node:http` inside the function bundles (an esbuild alias, see
 * `infra/constructs/app-function.ts`). An ES `import` of a built-in makes Node build the module's
 * ES facade, which reads every export; `node:http`'s `WebSocket`, `CloseEvent` and `MessageEvent`
 * are getters that load Node's bundled undici. That costs each cold start about 25 ms (measured:
 * `import` 32 ms, `require` 5 ms, Node 22), in every function whose AWS SDK client imports the HTTP
 * handler. Loading it with `require` reads no getter. The named exports are the ones that are plain
 * values; a bundled module importing any other name fails the build, not the function.
 */
const http = createRequire(import.meta.url)('node:http') as typeof import('node:http');

export default http;
export const {
  METHODS,
  STATUS_CODES,
  Agent,
  ClientRequest,
  IncomingMessage,
  OutgoingMessage,
  Server,
  ServerResponse,
  createServer,
  validateHeaderName,
  validateHeaderValue,
  get,
  request,
  setMaxIdleHTTPParsers,
} = http;
