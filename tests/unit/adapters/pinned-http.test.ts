import type { LookupAddress } from 'node:dns';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createServer as createTlsServer } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pinnedLookup, postToReceiver } from '../../../shared/adapters/pinned-http.ts';
import { checkReceiverUrl, type Resolver } from '../../../shared/domain/webhooks/webhook-address.ts';
import { fakeResolver, REFUSED_RECEIVER_URLS } from '../../support/ssrf-spellings.ts';

const request = {
  headers: { 'content-type': 'application/json' },
  body: '{"type":"test"}',
  timeoutMs: 4_000,
};

/** A resolver that answers one list the first time and another every time after. */
function rebinding(first: string, then: string): Resolver & { calls: number } {
  const resolver = async () => {
    resolver.calls += 1;
    return resolver.calls === 1 ? [first] : [then];
  };
  resolver.calls = 0;
  return resolver;
}

interface Seen {
  path: string;
  host: string | undefined;
}
const seen: Seen[] = [];
const routes = new Map<string, (response: ServerResponse) => void>();
let server: Server;
let port = 0;

beforeAll(async () => {
  server = createServer((incoming: IncomingMessage, response) => {
    seen.push({ path: incoming.url ?? '', host: incoming.headers.host });
    incoming.resume();
    (routes.get(incoming.url ?? '') ?? ((r: ServerResponse) => r.writeHead(200).end('ok')))(response);
  });
  await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
  port = (server.address() as AddressInfo).port;
});

afterAll(() => {
  server?.close();
});

describe('delivery check', () => {
  it.each(REFUSED_RECEIVER_URLS)('refuses to deliver to %s', async (url) => {
    const answer = await postToReceiver(url, request, { resolve: fakeResolver, allowList: [] });
    expect(answer.kind).toBe('refused');
  });
});

describe('pinned connection (no DNS-rebinding window)', () => {
  /** Posts with `resolve` answering DNS, where only the loopback address is allowed among private ones. */
  const postAllowingLoopback = (url: string, resolve: Resolver) =>
    postToReceiver(url, request, { resolve, allowList: ['127.0.0.1'] });

  it('answers every lookup with the checked address, never asking DNS again', async () => {
    const resolve = rebinding('203.113.131.1', '127.0.0.1');
    const check = await checkReceiverUrl('https://rebind.agency.vn/hook', { resolve, allowList: [] });
    if (!check.ok) throw new Error(check.reason);
    const lookup = pinnedLookup(check.hostname, check.address, check.family);
    const all = await new Promise<LookupAddress[]>((done, fail) =>
      lookup('rebind.agency.vn', { all: true }, (error, addresses) =>
        error ? fail(error) : done(addresses as LookupAddress[]),
      ),
    );
    expect(all).toEqual([{ address: '203.113.131.1', family: 4 }]);
    const one = await new Promise<[string, number | undefined]>((done, fail) =>
      lookup('rebind.agency.vn', {}, (error, address, family) =>
        error ? fail(error) : done([address as string, family]),
      ),
    );
    expect(one).toEqual(['203.113.131.1', 4]);
    expect(resolve.calls).toBe(1);
    const other = await new Promise<Error | null>((done) =>
      lookup('elsewhere.vn', {}, (error) => done(error)),
    );
    expect(other?.message).toMatch(/elsewhere\.vn/);
  });

  it('connects to the address it checked when DNS changes its answer afterwards, keeping the Host header', async () => {
    const resolve = rebinding('127.0.0.1', '10.0.0.1');
    seen.length = 0;
    const answer = await postAllowingLoopback(`http://rebind.agency.vn:${port}/pinned`, resolve);
    expect(answer).toMatchObject({ kind: 'answered', status: 200 });
    expect(resolve.calls).toBe(1);
    expect(seen).toEqual([{ path: '/pinned', host: `rebind.agency.vn:${port}` }]);
  });

  it('sends the hostname as the TLS server name while connecting to the checked address', async () => {
    const serverNames: string[] = [];
    // No certificate: the handshake stops once the server has read the name the client asked for.
    const tls = createTlsServer({
      SNICallback: (name, done) => {
        serverNames.push(name);
        done(new Error('no certificate here'));
      },
    });
    tls.on('tlsClientError', () => undefined);
    await new Promise<void>((ready) => tls.listen(0, '127.0.0.1', ready));
    const tlsPort = (tls.address() as AddressInfo).port;
    const resolve = rebinding('127.0.0.1', '10.0.0.1');
    const answer = await postAllowingLoopback(`https://rebind.agency.vn:${tlsPort}/hook`, resolve);
    tls.close();
    expect(answer.kind).toBe('error');
    expect(serverNames).toEqual(['rebind.agency.vn']);
    expect(resolve.calls).toBe(1);
  });

  it('refuses, without connecting, when the first answer is already private', async () => {
    const resolve = rebinding('10.0.0.1', '127.0.0.1');
    seen.length = 0;
    const answer = await postAllowingLoopback(`http://rebind.agency.vn:${port}/pinned`, resolve);
    expect(answer.kind).toBe('refused');
    expect(seen).toEqual([]);
  });
});

describe('receiver answers', () => {
  const local = { resolve: fakeResolver, allowList: ['127.0.0.1'] };

  it('does not follow a redirect', async () => {
    routes.set('/moved', (response) =>
      response.writeHead(302, { location: `http://127.0.0.1:${port}/target` }).end('moved'),
    );
    seen.length = 0;
    const answer = await postToReceiver(`http://127.0.0.1:${port}/moved`, request, local);
    expect(answer).toMatchObject({ kind: 'answered', status: 302 });
    expect(seen.map((hit) => hit.path)).toEqual(['/moved']);
  });

  it('keeps nothing of an error body and a short excerpt of a success body', async () => {
    routes.set('/error', (response) => response.writeHead(500).end('{"internal":"credentials"}'));
    routes.set('/long', (response) => response.writeHead(200).end('x'.repeat(100_000)));
    const failed = await postToReceiver(`http://127.0.0.1:${port}/error`, request, local);
    expect(failed).toMatchObject({ kind: 'answered', status: 500 });
    expect(JSON.stringify(failed)).not.toContain('credentials');
    const delivered = await postToReceiver(`http://127.0.0.1:${port}/long`, request, local);
    expect(delivered).toMatchObject({ kind: 'answered', status: 200 });
    expect(delivered.kind === 'answered' && delivered.excerpt?.length).toBe(200);
  });

  it('reports a slow receiver as timed out', async () => {
    routes.set('/slow', (response) => {
      setTimeout(() => response.writeHead(200).end('late'), 1_500);
    });
    const answer = await postToReceiver(
      `http://127.0.0.1:${port}/slow`,
      { ...request, timeoutMs: 300 },
      local,
    );
    expect(answer).toMatchObject({ kind: 'error', timedOut: true });
  });
});
