import { tracer } from '../tracing.ts';

interface CommandContext {
  clientName?: string;
  commandName?: string;
}
type Next = (args: unknown) => Promise<unknown>;
interface Stack {
  add(
    middleware: (next: Next, context: CommandContext) => Next,
    options: { step: 'initialize'; name: string },
  ): void;
}

/**
 * Every AWS request is a subsegment of the invocation's trace when tracing is on (a no-op otherwise).
 * In a benchmark deployment, also writes one log line per AWS request (`{"awsCall":"DynamoDB.PutItem","table":…}`),
 * so the requests of a dossier's whole life can be counted from the logs and priced. Off otherwise.
 */
export function counted<C extends { middlewareStack: unknown }>(client: C): C {
  tracer.captureAWSv3Client(client);
  // Set by `AppFunction` on benchmark deployments (`-c countAwsCalls=true`) only; read per client.
  if (process.env.MOTCUA_COUNT_AWS_CALLS !== '1') return client;
  // why: each client types its stack with its own command unions; this middleware reads only names.
  (client.middlewareStack as Stack).add(
    (next, context) => async (args) => {
      const service = (context.clientName ?? 'Unknown').replace(/Client$/, '');
      const operation = (context.commandName ?? 'Unknown').replace(/Command$/, '');
      const input = typeof args === 'object' && args !== null && 'input' in args ? args.input : undefined;
      const table =
        typeof input === 'object' && input !== null && 'TableName' in input ? input.TableName : undefined;
      process.stdout.write(
        `${JSON.stringify({ awsCall: `${service}.${operation}`, ...(typeof table === 'string' ? { table } : {}) })}\n`,
      );
      return next(args);
    },
    { step: 'initialize', name: 'countAwsCalls' },
  );
  return client;
}
