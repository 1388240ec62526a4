import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A request as the receiver read it: its path, headers (repeated ones joined) and whole body. */
export interface ReceivedRequest {
  path: string;
  headers: Record<string, string>;
  body: string;
}

export interface ReceiverAnswer {
  status: number;
  headers?: Record<string, string>;
  body?: string;
  /** Waits this long before answering (a slow receiver). */
  delayMs?: number;
}

export interface LoopbackReceiver {
  /** `http://127.0.0.1:<port>`, the port the system chose. */
  base: string;
  port: number;
  close(): Promise<void>;
}

function flatHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  return Object.fromEntries(
    Object.entries(headers).flatMap(([name, value]) =>
      typeof value === 'string' ? [[name, value]] : Array.isArray(value) ? [[name, value.join(', ')]] : [],
    ),
  );
}

/**
 * An HTTP server on 127.0.0.1 that stands for an agency's system or a mail hook: each request is read
 * whole, then answered as `answer` says. The local and test deployments let webhooks reach 127.0.0.1.
 */
export async function loopbackReceiver(
  answer: (request: ReceivedRequest) => ReceiverAnswer | Promise<ReceiverAnswer>,
): Promise<LoopbackReceiver> {
  const server = createServer(async (request, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(Buffer.from(chunk));
    const reply = await answer({
      path: new URL(request.url ?? '/', 'http://receiver').pathname,
      headers: flatHeaders(request.headers),
      body: Buffer.concat(chunks).toString('utf8'),
    });
    if (reply.delayMs) await new Promise((done) => setTimeout(done, reply.delayMs));
    response.writeHead(reply.status, reply.headers ?? {}).end(reply.body ?? '');
  });
  await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('the receiver has no TCP port');
  const { port }: AddressInfo = address;
  return {
    base: `http://127.0.0.1:${port}`,
    port,
    close: () => new Promise((closed) => server.close(() => closed())),
  };
}
