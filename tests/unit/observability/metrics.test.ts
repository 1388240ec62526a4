import type { APIGatewayProxyEvent, Context } from 'aws-lambda';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BusinessMetric, METRICS_NAMESPACE, REQUESTS_METRIC } from '../../../shared/config/metrics.ts';
import { DomainError } from '../../../shared/domain/common/errors.ts';
import { httpEndpoint } from '../../../shared/http/endpoint.ts';
import { routeOf, statusClassOf } from '../../../shared/http/request-metrics.ts';
import { count, countOutcome, countSettlement, observed } from '../../../shared/observability.ts';

interface Emf {
  _aws: { CloudWatchMetrics: { Namespace: string; Dimensions: string[][]; Metrics: { Name: string }[] }[] };
  [key: string]: unknown;
}

const context = {
  awsRequestId: 'req-1',
  functionName: 'SubmitDossier',
  functionVersion: '$LATEST',
  invokedFunctionArn: 'arn:aws:lambda:ap-southeast-1:000000000000:function:SubmitDossier',
  memoryLimitInMB: '256',
  getRemainingTimeInMillis: () => 10_000,
} as unknown as Context;

function request(method: string, resource: string, path: string): APIGatewayProxyEvent {
  return { httpMethod: method, resource, path, headers: {}, body: null } as unknown as APIGatewayProxyEvent;
}

let written: string[] = [];
beforeEach(() => {
  written = [];
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    written.push(String(chunk));
    return true;
  });
});
afterEach(() => vi.restoreAllMocks());

/** The EMF documents written so far, each as the metric names and dimension values it carries. */
function published() {
  return written
    .flatMap((chunk) => chunk.split('\n'))
    .filter((line) => line.includes('"_aws"'))
    .map((line) => JSON.parse(line) as Emf)
    .map((emf) => {
      const [directive] = emf._aws.CloudWatchMetrics;
      const dimensions = Object.fromEntries(
        (directive?.Dimensions[0] ?? []).map((name) => [name, emf[name] as string]),
      );
      return { namespace: directive?.Namespace, names: directive?.Metrics.map((m) => m.Name), dimensions };
    });
}

describe('every API request is counted by route and status class', () => {
  it('counts an answer under its resource template, never its path', async () => {
    const handler = httpEndpoint(async () => ({ statusCode: 201, body: '{}' }));
    await handler(
      request('POST', '/dossiers/{code}/feedback', '/dossiers/000.17.22.H56-260101-0001/feedback'),
      context,
    );
    expect(published()).toEqual([
      {
        namespace: METRICS_NAMESPACE,
        names: [REQUESTS_METRIC],
        dimensions: { service: 'motcua', route: 'POST /dossiers/{code}/feedback', statusClass: '2xx' },
      },
    ]);
    expect(written.join('')).not.toContain('260101-0001');
  });

  it('counts a refusal as 4xx and an unexpected error as 5xx, after the error responder answered', async () => {
    const refused = httpEndpoint(async () => {
      throw new DomainError('VALIDATION_FAILED', { vi: 'Không hợp lệ.', en: 'Not valid.' });
    });
    const broken = httpEndpoint(async () => {
      throw new Error('boom');
    });
    expect((await refused(request('POST', '/dossiers', '/dossiers'), context)).statusCode).toBe(400);
    expect((await broken(request('GET', '/kpi', '/kpi'), context)).statusCode).toBe(500);
    expect(published().map((p) => [p.dimensions.route, p.dimensions.statusClass])).toEqual([
      ['POST /dossiers', '4xx'],
      ['GET /kpi', '5xx'],
    ]);
  });

  it('publishes the business metrics of a request on the service dimension alone', async () => {
    const handler = httpEndpoint(async () => {
      count(BusinessMetric.DossierReceived);
      return { statusCode: 201, body: '{}' };
    });
    await handler(request('POST', '/dossiers', '/dossiers'), context);
    const business = published().filter((p) => p.names?.includes(BusinessMetric.DossierReceived));
    expect(business).toEqual([
      {
        namespace: METRICS_NAMESPACE,
        names: [BusinessMetric.DossierReceived],
        dimensions: { service: 'motcua' },
      },
    ]);
  });
});

describe('observed handlers (queues, streams, schedules)', () => {
  it('publish what they counted even when they throw', async () => {
    const handler = observed(async (_event: unknown) => {
      count(BusinessMetric.MailFailed);
      throw new Error('SES unreachable');
    });
    await expect(handler({}, context)).rejects.toThrow('SES unreachable');
    expect(published().map((p) => p.names)).toEqual([[BusinessMetric.MailFailed]]);
  });

  it('write nothing, not even a warning, when they counted nothing', async () => {
    const handler = observed(async (_event: unknown) => 'swept');
    expect(await handler({}, context)).toBe('swept');
    expect(written).toEqual([]);
  });
});

describe('calls to another service', () => {
  it('count a success or a failure, and pass on the answer or the error unchanged', async () => {
    const refusal = new Error('ThrottlingException');
    const handler = observed(async (_event: unknown) => {
      const id = await countOutcome(
        Promise.resolve('msg-1'),
        BusinessMetric.MailFailed,
        BusinessMetric.MailSent,
      );
      const failed = await countOutcome(Promise.reject(refusal), BusinessMetric.SigningFailed).catch(
        (e) => e,
      );
      return [id, failed];
    });
    expect(await handler({}, context)).toEqual(['msg-1', refusal]);
    expect(published().map((p) => p.names)).toEqual([
      [BusinessMetric.MailSent, BusinessMetric.SigningFailed],
    ]);
  });
});

describe('settlements', () => {
  it('count early and on-time completions as on time, late ones as late', async () => {
    const handler = observed(async (_event: unknown) => {
      countSettlement('early');
      countSettlement('on_time');
      countSettlement('late');
      countSettlement(undefined);
    });
    await handler({}, context);
    const [emf] = written.filter((line) => line.includes('"_aws"')).map((line) => JSON.parse(line) as Emf);
    // EMF lists each value added in one invocation; CloudWatch sums them.
    const total = (name: string) => [emf?.[name]].flat().reduce((sum: number, v) => sum + Number(v), 0);
    expect(total(BusinessMetric.DossierSettledOnTime)).toBe(2);
    expect(total(BusinessMetric.DossierSettledLate)).toBe(1);
  });
});

describe('dimension values', () => {
  it('name the hundred of any status code', () => {
    fc.assert(
      fc.property(fc.integer({ min: 100, max: 599 }), (status) => {
        expect(statusClassOf(status)).toBe(`${String(status)[0]}xx`);
      }),
    );
    expect(statusClassOf(undefined)).toBe('5xx');
  });

  it('name the route even when API Gateway gave no resource', () => {
    expect(routeOf({ httpMethod: 'GET', resource: '' })).toBe('GET unknown');
  });
});
