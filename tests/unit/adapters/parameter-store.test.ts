import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  getParameterValue,
  ParameterStoreError,
  ssmEndpoint,
} from '../../../shared/adapters/parameter-store.ts';

interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}
const received: Received[] = [];
let answer: { status: number; body: string } = { status: 200, body: '{}' };
let server: Server;
let endpoint = '';

beforeAll(async () => {
  server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => {
      body += chunk.toString('utf8');
    });
    request.on('end', () => {
      received.push({ path: request.url ?? '', headers: request.headers, body });
      response.writeHead(answer.status, { 'content-type': 'application/x-amz-json-1.1' }).end(answer.body);
    });
  });
  await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
  const { port } = server.address() as AddressInfo;
  endpoint = `http://127.0.0.1:${port}`;
});

afterAll(() => {
  server?.close();
});

afterEach(() => {
  received.length = 0;
  vi.unstubAllEnvs();
});

function stubCredentials() {
  vi.stubEnv('AWS_CONTAINER_CREDENTIALS_FULL_URI', '');
  vi.stubEnv('AWS_CONTAINER_CREDENTIALS_RELATIVE_URI', '');
  vi.stubEnv('AWS_ACCESS_KEY_ID', 'AKIDEXAMPLE');
  vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY');
  vi.stubEnv('AWS_SESSION_TOKEN', 'session-token-example');
}

describe('one SSM parameter read with a signed request', () => {
  it('sends GetParameter as the JSON 1.1 protocol, signed for SSM in the region, and returns the value', async () => {
    stubCredentials();
    answer = {
      status: 200,
      body: JSON.stringify({ Parameter: { Name: '/motcua/public-api', Value: '{"a":1}' } }),
    };
    const value = await getParameterValue('/motcua/public-api', {
      AWS_REGION: 'ap-southeast-1',
      AWS_ENDPOINT_URL: endpoint,
    });
    expect(value).toBe('{"a":1}');
    expect(received).toHaveLength(1);
    const [request] = received;
    expect(request?.path).toBe('/');
    expect(JSON.parse(request?.body ?? '')).toEqual({ Name: '/motcua/public-api' });
    expect(request?.headers['x-amz-target']).toBe('AmazonSSM.GetParameter');
    expect(request?.headers['content-type']).toBe('application/x-amz-json-1.1');
    expect(request?.headers['x-amz-security-token']).toBe('session-token-example');
    const authorization = request?.headers.authorization ?? '';
    expect(authorization).toMatch(
      /^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/\d{8}\/ap-southeast-1\/ssm\/aws4_request, SignedHeaders=[a-z0-9;-]+, Signature=[0-9a-f]{64}$/,
    );
    const signed = /SignedHeaders=([^,]+)/.exec(authorization)?.[1]?.split(';') ?? [];
    expect(signed).toEqual(expect.arrayContaining(['host', 'x-amz-date', 'x-amz-target', 'content-type']));
    expect(request?.headers.host).toBe(new URL(endpoint).host);
  });

  it('turns a refusal into an error naming its type, without the parameter value', async () => {
    stubCredentials();
    answer = {
      status: 400,
      body: JSON.stringify({ __type: 'com.amazonaws.ssm#ParameterNotFound', message: 'not found' }),
    };
    const error = await getParameterValue('/motcua/missing', {
      AWS_REGION: 'us-east-1',
      AWS_ENDPOINT_URL: endpoint,
    }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ParameterStoreError);
    expect(error).toMatchObject({ type: 'ParameterNotFound', status: 400 });
  });

  it('refuses an answer without a value', async () => {
    stubCredentials();
    answer = { status: 200, body: JSON.stringify({ Parameter: { Name: '/x' } }) };
    await expect(
      getParameterValue('/x', { AWS_REGION: 'us-east-1', AWS_ENDPOINT_URL: endpoint }),
    ).rejects.toThrow();
  });
});

describe('SSM endpoint', () => {
  it('prefers the SSM endpoint variable, then the general one, then the region', () => {
    expect(
      ssmEndpoint({ AWS_ENDPOINT_URL_SSM: 'http://ssm.local:1', AWS_ENDPOINT_URL: 'http://all.local:2' }, 'x')
        .href,
    ).toBe('http://ssm.local:1/');
    expect(ssmEndpoint({ AWS_ENDPOINT_URL: 'http://all.local:2' }, 'x').href).toBe('http://all.local:2/');
    expect(ssmEndpoint({}, 'ap-southeast-1').href).toBe('https://ssm.ap-southeast-1.amazonaws.com/');
  });
});
