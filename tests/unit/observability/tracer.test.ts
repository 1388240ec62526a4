import type { Context } from 'aws-lambda';
import { afterEach, describe, expect, it, vi } from 'vitest';

const context = { awsRequestId: 'req-1', functionName: 'SubmitDossier' } as unknown as Context;

afterEach(() => {
  vi.unstubAllEnvs();
  vi.resetModules();
});

/** The module as a Lambda function would load it, under the given environment. */
async function loadIn(env: Record<string, string>) {
  for (const [key, value] of Object.entries(env)) vi.stubEnv(key, value);
  vi.resetModules();
  return import('../../../shared/observability.ts');
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
