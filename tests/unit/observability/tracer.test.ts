import { createSocket, type Socket } from 'node:dgram';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import type { Context } from 'aws-lambda';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { daemonAddress, invocationTraceHeader } from '../../../shared/tracing.ts';

const context = { awsRequestId: 'req-1', functionName: 'SubmitDossier' } as unknown as Context;

afterEach(() => {
  vi.unstubAllEnvs();
  vi.resetModules();
});

/** The modules as a Lambda function that calls AWS would load them, under the given environment. */
async function loadIn(env: Record<string, string>) {
  for (const [key, value] of Object.entries(env)) vi.stubEnv(key, value);
  vi.resetModules();
  const { tracingEnabled } = await import('../../../shared/tracing.ts');
  const { counted } = await import('../../../shared/adapters/aws-calls.ts');
  const { observed } = await import('../../../shared/observability.ts');
  return { observed, tracingEnabled, counted };
}

describe('tracing', () => {
  it('does not fail an invocation when Lambda gave no trace header and no daemon listens', async () => {
    // As in the emulator if tracing were left on: a Lambda environment without `_X_AMZN_TRACE_ID`.
    vi.stubEnv('_X_AMZN_TRACE_ID', undefined);
    const { observed, tracingEnabled } = await loadIn({
      AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs22.x',
      AWS_LAMBDA_FUNCTION_NAME: 'SubmitDossier',
      POWERTOOLS_TRACE_ENABLED: 'true',
    });
    expect(tracingEnabled).toBe(true);
    const handler = observed(async (event: { n: number }) => event.n + 1);
    await expect(handler({ n: 1 }, context)).resolves.toBe(2);
  });

  it('is off when the deployment turns it off', async () => {
    const { tracingEnabled } = await loadIn({
      AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs22.x',
      POWERTOOLS_TRACE_ENABLED: 'false',
    });
    expect(tracingEnabled).toBe(false);
  });

  it('is off outside Lambda (tests, scripts)', async () => {
    vi.stubEnv('AWS_EXECUTION_ENV', undefined);
    const { tracingEnabled } = await loadIn({});
    expect(tracingEnabled).toBe(false);
  });

  it('reads the trace header and the daemon address as Lambda writes them', () => {
    expect(
      invocationTraceHeader('Root=1-5759e988-bd862e3fe1be46a994272793;Parent=557abcec3ee5a047;Sampled=1'),
    ).toEqual({
      root: '1-5759e988-bd862e3fe1be46a994272793',
      parent: '557abcec3ee5a047',
      sampled: true,
    });
    expect(invocationTraceHeader('Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=1')).toBeUndefined();
    expect(daemonAddress('169.254.79.129:2000')).toEqual({ host: '169.254.79.129', port: 2000 });
    expect(daemonAddress('tcp:127.0.0.1:3000 udp:127.0.0.2:2001')).toEqual({ host: '127.0.0.2', port: 2001 });
  });
});

describe('the handler segment', () => {
  it('is opened and closed around each invocation by the tracing module, once it is loaded', async () => {
    vi.resetModules();
    const { observed, traceHandlersWith } = await import('../../../shared/observability.ts');
    const calls: string[] = [];
    const handler = observed(async (event: { fail: boolean }) => {
      calls.push('handler');
      if (event.fail) throw new Error('failed');
      return 'ok';
    });
    // Registered after the handler was built, as when a function's adapters load after its endpoint.
    traceHandlersWith(() => ({
      before: () => void calls.push('open'),
      after: () => void calls.push('close'),
      onError: () => void calls.push('close with error'),
    }));
    await expect(handler({ fail: false }, context)).resolves.toBe('ok');
    await expect(handler({ fail: true }, context)).rejects.toThrow('failed');
    expect(calls).toEqual(['open', 'handler', 'close', 'open', 'handler', 'close with error']);
  });

  it('is not opened when no tracing module is loaded (a function that makes no AWS request)', async () => {
    vi.resetModules();
    const { observed } = await import('../../../shared/observability.ts');
    const handler = observed(async (event: { n: number }) => event.n + 1);
    await expect(handler({ n: 1 }, context)).resolves.toBe(2);
  });
});

describe('segment documents sent to the X-Ray daemon', () => {
  const ROOT = '1-6750c0de-0123456789abcdef01234567';
  const FACADE = '53995c3f42cd8ad8';
  let daemon: Socket;
  let daemonPort = 0;
  const documents: Record<string, unknown>[] = [];
  let dynamodb: Server;
  let endpoint = '';
  const requests: IncomingHttpHeaders[] = [];
  let answer = { status: 200, body: '{}' };

  beforeAll(async () => {
    daemon = createSocket('udp4');
    daemon.on('message', (message) => {
      const [header, body] = message.toString('utf8').split('\n');
      expect(JSON.parse(header ?? '')).toEqual({ format: 'json', version: 1 });
      documents.push(JSON.parse(body ?? ''));
    });
    await new Promise<void>((ready) => daemon.bind(0, '127.0.0.1', ready));
    daemonPort = daemon.address().port;
    dynamodb = createServer((request, response) => {
      requests.push(request.headers);
      request.resume();
      request.on('end', () =>
        response
          .writeHead(answer.status, {
            'content-type': 'application/x-amz-json-1.0',
            'x-amzn-requestid': 'REQ0001',
          })
          .end(answer.body),
      );
    });
    await new Promise<void>((ready) => dynamodb.listen(0, '127.0.0.1', ready));
    endpoint = `http://127.0.0.1:${(dynamodb.address() as AddressInfo).port}`;
  });

  afterAll(() => {
    daemon?.close();
    dynamodb?.close();
  });

  async function invoke(sampled: '0' | '1', fail: boolean) {
    documents.length = 0;
    requests.length = 0;
    const { observed, counted } = await loadIn({
      AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs22.x',
      POWERTOOLS_TRACE_ENABLED: 'true',
      AWS_XRAY_DAEMON_ADDRESS: `127.0.0.1:${daemonPort}`,
      _X_AMZN_TRACE_ID: `Root=${ROOT};Parent=${FACADE};Sampled=${sampled}`,
      _HANDLER: 'index.handler',
      AWS_REGION: 'ap-southeast-1',
    });
    const client = counted(
      new DynamoDBClient({
        endpoint,
        region: 'ap-southeast-1',
        maxAttempts: 1,
        credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
      }),
    );
    const handler = observed(async () => {
      await client.send(new GetItemCommand({ TableName: 'Dossiers', Key: { pk: { S: 'x' } } }));
      if (fail) throw new Error('handler failed');
      return 'ok';
    });
    const outcome = await handler({}, context).catch((error: unknown) => error);
    await vi.waitFor(() => expect(documents.length).toBe(sampled === '1' ? 2 : 0), { timeout: 2_000 });
    return outcome;
  }

  it('records the invocation and each AWS request beneath it, and passes the trace on', async () => {
    answer = { status: 200, body: '{}' };
    expect(await invoke('1', false)).toBe('ok');
    const [call, invocation] = documents;
    expect(invocation).toMatchObject({
      name: '## index.handler',
      type: 'subsegment',
      trace_id: ROOT,
      parent_id: FACADE,
      annotations: { ColdStart: true, Service: 'motcua' },
    });
    expect(invocation).not.toHaveProperty('fault');
    expect(call).toMatchObject({
      name: 'DynamoDB',
      namespace: 'aws',
      type: 'subsegment',
      trace_id: ROOT,
      parent_id: invocation?.id,
      aws: { operation: 'GetItem', region: 'ap-southeast-1', request_id: 'REQ0001' },
      http: { response: { status: 200 } },
    });
    expect(call?.id).toMatch(/^[0-9a-f]{16}$/);
    expect(Number(call?.end_time)).toBeGreaterThanOrEqual(Number(call?.start_time));
    expect(requests[0]?.['x-amzn-trace-id']).toBe(`Root=${ROOT};Parent=${call?.id};Sampled=1`);
  });

  it('marks a refused request as an error and a failed invocation as a fault', async () => {
    answer = {
      status: 400,
      body: JSON.stringify({
        __type: 'com.amazonaws.dynamodb.v20120810#ResourceNotFoundException',
        message: 'no table',
      }),
    };
    const outcome = await invoke('1', false);
    expect(outcome).toMatchObject({ name: 'ResourceNotFoundException' });
    const [call, invocation] = documents;
    expect(call).toMatchObject({
      name: 'DynamoDB',
      error: true,
      http: { response: { status: 400 } },
      cause: { exceptions: [{ type: 'ResourceNotFoundException' }] },
    });
    expect(call).not.toHaveProperty('fault');
    expect(invocation).toMatchObject({
      fault: true,
      cause: { exceptions: [{ type: 'ResourceNotFoundException' }] },
    });
  });

  it('sends nothing for an unsampled request, but still passes the trace on', async () => {
    answer = { status: 200, body: '{}' };
    expect(await invoke('0', false)).toBe('ok');
    expect(documents).toEqual([]);
    expect(requests[0]?.['x-amzn-trace-id']).toMatch(
      new RegExp(`^Root=${ROOT};Parent=[0-9a-f]{16};Sampled=0$`),
    );
  });

  it('records the handler failure', async () => {
    answer = { status: 200, body: '{}' };
    expect(await invoke('1', true)).toMatchObject({ message: 'handler failed' });
    expect(documents[1]).toMatchObject({
      fault: true,
      cause: { exceptions: [{ message: 'handler failed' }] },
    });
  });
});
