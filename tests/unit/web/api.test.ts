import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorBody, fetchWithin, isErrorBody, jsonOf, TIMED_OUT, UNREACHABLE } from '../../../web/src/api.ts';

/** A loopback server that answers `/ok` and `/html` at once and never answers anything else. */
let server: Server;
let origin: string;
beforeAll(async () => {
  server = createServer((request, response) => {
    if (request.url === '/ok') response.end(JSON.stringify({ ok: true }));
    else if (request.url === '/html') response.end('<html>Bad gateway</html>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.closeAllConnections();
  server.close();
});

describe('the pages’ requests', () => {
  it('return the answer when the server answers in time', async () => {
    const response = await fetchWithin(`${origin}/ok`, {}, 2_000);
    expect(await jsonOf(response)).toEqual({ ok: true });
  });

  it('give up with a bilingual error when the server does not answer in time', async () => {
    const started = Date.now();
    await expect(fetchWithin(`${origin}/silent`, {}, 200)).rejects.toBe(TIMED_OUT);
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(TIMED_OUT.error.message.vi).toMatch(/không trả lời kịp/);
  });

  it('end with a bilingual error when nothing listens', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    await expect(fetchWithin(`http://127.0.0.1:${port}/`, {}, 2_000)).rejects.toBe(UNREACHABLE);
  });

  it('read a body that is not JSON as no body', async () => {
    expect(await jsonOf(await fetchWithin(`${origin}/html`))).toBeUndefined();
  });

  it('recognise the API’s error bodies and nothing else', () => {
    expect(isErrorBody(errorBody('Lỗi.', 'Error.'))).toBe(true);
    expect(
      isErrorBody({ error: { code: 'VALIDATION_FAILED', message: { vi: 'a', en: 'b' }, fields: [] } }),
    ).toBe(true);
    for (const other of [
      null,
      undefined,
      'error',
      { error: 'x' },
      { error: { message: 'x' } },
      new TypeError(),
    ])
      expect(isErrorBody(other)).toBe(false);
  });
});
