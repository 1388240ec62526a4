import { Tracer } from '@aws-lambda-powertools/tracer';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import { METRICS_SERVICE } from './config/metrics.ts';
import { traceHandlersWith } from './observability.ts';

/**
 * X-Ray tracing. Off unless the function runs in Lambda with `POWERTOOLS_TRACE_ENABLED` not false
 * (the emulator's deployments turn it off: there is no daemon to send segments to). Imported by
 * `shared/adapters/aws-calls.ts`, so only functions that call AWS bundle it.
 */
export const tracer = new Tracer({ serviceName: METRICS_SERVICE });

traceHandlersWith(() => captureLambdaHandler(tracer, { captureResponse: false }));
