import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import middy, { type MiddlewareObj } from '@middy/core';
import type { Context } from 'aws-lambda';
import {
  BusinessMetric,
  type BusinessMetricName,
  METRICS_NAMESPACE,
  METRICS_SERVICE,
} from './config/metrics.ts';
import type { Timeliness } from './domain/calendar/calendar.ts';

/** The functions' structured logger; its service name comes from `POWERTOOLS_SERVICE_NAME`. */
export const logger = new Logger();

/** CloudWatch metrics in the embedded metric format: written to stdout, no API call at run time. */
export const metrics = new Metrics({ namespace: METRICS_NAMESPACE, serviceName: METRICS_SERVICE, logger });

/**
 * The handler's trace segment, registered by `shared/tracing.ts`, which every AWS client's module
 * imports. A function that makes no AWS request (the pages, the OpenAPI document) does not bundle
 * the X-Ray SDK (≈ 120 KB, ≈ 50 ms of its cold start); Lambda's active tracing still records its
 * invocation.
 */
let handlerTracing: (() => MiddlewareObj) | undefined;
export function traceHandlersWith(middleware: () => MiddlewareObj): void {
  handlerTracing = middleware;
}

/** Resolved at the first invocation, when every module of the function has been loaded. */
function traceHandler(): MiddlewareObj {
  let resolved: { middleware: MiddlewareObj | undefined } | undefined;
  const tracing = () => {
    resolved ??= { middleware: handlerTracing?.() };
    return resolved.middleware;
  };
  return {
    before: (request) => {
      tracing()?.before?.(request);
    },
    after: (request) => {
      tracing()?.after?.(request);
    },
    onError: (request) => {
      tracing()?.onError?.(request);
    },
  };
}

export { BusinessMetric, MetricUnit };

/** Adds one to a business metric; published when the invocation ends (see `observe()`). */
export function count(name: BusinessMetricName, value = 1): void {
  metrics.addMetric(name, MetricUnit.Count, value);
}

/** Awaits `work`, counting `failed` if it rejects and `succeeded` (when named) if it resolves. */
export async function countOutcome<T>(
  work: Promise<T>,
  failed: BusinessMetricName,
  succeeded?: BusinessMetricName,
): Promise<T> {
  try {
    const value = await work;
    if (succeeded) count(succeeded);
    return value;
  } catch (error) {
    count(failed);
    throw error;
  }
}

/** A completed dossier: early and on time both count as on time, as in the KPIs. */
export function countSettlement(timeliness: Timeliness | undefined): void {
  if (!timeliness) return;
  count(timeliness === 'late' ? BusinessMetric.DossierSettledLate : BusinessMetric.DossierSettledOnTime);
}

/** One webhook attempt, delivered or not (held, refused, gone and failed all count as failed). */
export function countWebhookAttempt(outcome: string): void {
  count(outcome === 'delivered' ? BusinessMetric.WebhookDelivered : BusinessMetric.WebhookFailed);
}

/**
 * Publishes what the invocation stored, whether it returned or threw. Powertools' own `logMetrics`
 * warns on every invocation that stored nothing, which most sweeps and many requests do.
 */
function publishStoredMetrics(): MiddlewareObj {
  const publish = async () => {
    if (metrics.hasStoredMetrics()) metrics.publishStoredMetrics();
  };
  return { after: publish, onError: publish };
}

/**
 * The middleware every handler runs inside: a trace segment for the invocation (responses are not
 * recorded: they carry citizens' data) and the invocation's metrics published at its end. Queue,
 * stream and schedule handlers use it as `middy(handler).use(observe())` or `observed(handler)`.
 */
export function observe(): MiddlewareObj[] {
  return [traceHandler(), publishStoredMetrics()];
}

/** A plain handler wrapped in `observe()`. */
export function observed<E, R>(handler: (event: E, context: Context) => Promise<R>) {
  return middy<E, R>(handler).use(observe());
}
