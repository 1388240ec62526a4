import type { Context } from 'aws-lambda';
import { afterEach, describe, expect, it, vi } from 'vitest';

const context = { awsRequestId: 'req-1', functionName: 'SubmitDossier' } as unknown as Context;

afterEach(() => {
  vi.unstubAllEnvs();
  vi.resetModules();
});

/** The modules as a Lambda function that calls AWS would load them, under the given environment. */
async function loadIn(env: Record<string, string>) {
  for (const [key, value] of Object.entries(env)) vi.stubEnv(key, value);
  vi.resetModules();
  const { tracer } = await import('../../../shared/tracing.ts');
  const { observed } = await import('../../../shared/observability.ts');
  return { observed, tracer };
}

describe('tracing', () => {
  it('does not fail an invocation when Lambda gave no trace header and no daemon listens', async () => {
    // As in the emulator if tracing were left on: a Lambda environment without `_X_AMZN_TRACE_ID`.
    vi.stubEnv('_X_AMZN_TRACE_ID', undefined);
    const { observed, tracer } = await loadIn({
      AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs22.x',
      AWS_LAMBDA_FUNCTION_NAME: 'SubmitDossier',
      POWERTOOLS_TRACE_ENABLED: 'true',
    });
    expect(tracer.isTracingEnabled()).toBe(true);
    const handler = observed(async (event: { n: number }) => event.n + 1);
    await expect(handler({ n: 1 }, context)).resolves.toBe(2);
  });

  it('is off when the deployment turns it off', async () => {
    const { tracer } = await loadIn({
      AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs22.x',
      POWERTOOLS_TRACE_ENABLED: 'false',
    });
    expect(tracer.isTracingEnabled()).toBe(false);
  });

  it('is off outside Lambda (tests, scripts)', async () => {
    vi.stubEnv('AWS_EXECUTION_ENV', undefined);
    const { tracer } = await loadIn({});
    expect(tracer.isTracingEnabled()).toBe(false);
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
