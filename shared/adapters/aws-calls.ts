import { countingAwsCalls } from '../config/env.ts';
import { currentSubsegment, type Subsegment } from '../tracing.ts';

interface CommandContext {
  clientName?: string;
  commandName?: string;
}
type Next = (args: { request?: unknown }) => Promise<unknown>;
interface Stack {
  add(
    middleware: (next: Next, context: CommandContext) => Next,
    options: { step: 'initialize' | 'build'; name: string },
  ): void;
}

const serviceOf = (context: CommandContext) => (context.clientName ?? 'Unknown').replace(/Client$/, '');
const operationOf = (context: CommandContext) => (context.commandName ?? 'Unknown').replace(/Command$/, '');

function hasHeaders(request: unknown): request is { headers: Record<string, string> } {
  return (
    typeof request === 'object' &&
    request !== null &&
    'headers' in request &&
    typeof request.headers === 'object'
  );
}

/** What the SDK tells of an answer or a failure: `$metadata` on both. */
function metadataOf(value: unknown): { httpStatusCode?: number; requestId?: string; attempts?: number } {
  if (typeof value !== 'object' || value === null || !('$metadata' in value)) return {};
  const metadata = value.$metadata;
  if (typeof metadata !== 'object' || metadata === null) return {};
  const read = (key: string) => (key in metadata ? Reflect.get(metadata, key) : undefined);
  const status = read('httpStatusCode');
  const requestId = read('requestId');
  const attempts = read('attempts');
  return {
    ...(typeof status === 'number' ? { httpStatusCode: status } : {}),
    ...(typeof requestId === 'string' ? { requestId } : {}),
    ...(typeof attempts === 'number' ? { attempts } : {}),
  };
}

function record(subsegment: Subsegment, operation: string, outcome: unknown): number | undefined {
  const { httpStatusCode, requestId, attempts } = metadataOf(outcome);
  subsegment.set('namespace', 'aws');
  subsegment.set('aws', {
    operation,
    region: process.env.AWS_REGION,
    ...(requestId ? { request_id: requestId } : {}),
    ...(attempts ? { retries: attempts - 1 } : {}),
  });
  if (httpStatusCode) subsegment.set('http', { response: { status: httpStatusCode } });
  return httpStatusCode;
}

/**
 * Every AWS request is a subsegment of the invocation's trace when tracing is on (`shared/tracing.ts`;
 * the request carries the trace header). In a benchmark deployment, also writes one log line per AWS
 * request (`{"awsCall":"DynamoDB.PutItem"}`), so the requests of a dossier's whole life can be counted
 * from the logs and priced. Off otherwise.
 */
export function counted<C extends { middlewareStack: unknown }>(client: C): C {
  // why: each client types its stack with its own command unions; these middlewares read only names.
  const stack = client.middlewareStack as Stack;
  // The build step runs once per command, before the retries: one subsegment covers every attempt.
  stack.add(
    (next, context) => async (args) => {
      const subsegment = currentSubsegment()?.child(serviceOf(context));
      if (!subsegment) return next(args);
      if (hasHeaders(args.request)) args.request.headers['X-Amzn-Trace-Id'] = subsegment.header;
      try {
        const result = await next(args);
        // A middleware's `next` answers `{ output, response }`; the SDK's metadata is on the output.
        const output =
          typeof result === 'object' && result !== null && 'output' in result ? result.output : result;
        record(subsegment, operationOf(context), output);
        return result;
      } catch (error) {
        subsegment.fail(error, record(subsegment, operationOf(context), error));
        throw error;
      } finally {
        subsegment.close();
      }
    },
    { step: 'build', name: 'traceAwsCall' },
  );
  if (!countingAwsCalls) return client;
  stack.add(
    (next, context) => async (args) => {
      process.stdout.write(
        `${JSON.stringify({ awsCall: `${serviceOf(context)}.${operationOf(context)}` })}\n`,
      );
      return next(args);
    },
    { step: 'initialize', name: 'countAwsCalls' },
  );
  return client;
}

/**
 * An AWS request made without an SDK client (`shared/adapters/parameter-store.ts`): a subsegment of
 * the invocation's trace when tracing is on, and counted in a benchmark deployment, as `counted`
 * does for the clients' requests. `send` is given the trace header to pass on; an error it throws
 * may carry the answer's HTTP `status`.
 */
export async function countedCall<T>(
  service: string,
  operation: string,
  send: (traceHeader: string | undefined) => Promise<T>,
): Promise<T> {
  if (countingAwsCalls) process.stdout.write(`${JSON.stringify({ awsCall: `${service}.${operation}` })}\n`);
  const subsegment = currentSubsegment()?.child(service);
  subsegment?.set('namespace', 'aws');
  subsegment?.set('aws', { operation, region: process.env.AWS_REGION });
  try {
    return await send(subsegment?.header);
  } catch (error) {
    const status =
      typeof error === 'object' && error !== null && 'status' in error && typeof error.status === 'number'
        ? error.status
        : undefined;
    subsegment?.fail(error, status);
    throw error;
  } finally {
    subsegment?.close();
  }
}
