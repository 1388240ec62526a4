import type { MiddlewareObj, Request } from '@middy/core';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { REQUESTS_METRIC } from '../config/metrics.ts';
import { MetricUnit, metrics } from '../observability.ts';

/**
 * The route as API Gateway matched it (`POST /dossiers/{code}/feedback`): the resource template,
 * never the path itself, so a dossier code cannot become a metric dimension.
 */
export function routeOf(event: Pick<APIGatewayProxyEvent, 'httpMethod' | 'resource'>): string {
  return `${event.httpMethod || 'UNKNOWN'} ${event.resource || 'unknown'}`;
}

export function statusClassOf(statusCode: number | undefined): string {
  return `${Math.floor((statusCode ?? 500) / 100)}xx`;
}

/**
 * Counts each answered request by route and status class. It runs outermost, so it sees the
 * answer the error responder made of a thrown error; it is published at once, on its own
 * dimensions, so the invocation's business metrics keep only `service`.
 */
export function countRequests(): MiddlewareObj<APIGatewayProxyEvent, APIGatewayProxyResult> {
  const record = async (request: Request<APIGatewayProxyEvent, APIGatewayProxyResult>) => {
    const single = metrics.singleMetric();
    single.addDimension('route', routeOf(request.event));
    single.addDimension('statusClass', statusClassOf(request.response?.statusCode));
    single.addMetric(REQUESTS_METRIC, MetricUnit.Count, 1);
  };
  return { after: record, onError: record };
}
