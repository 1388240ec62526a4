import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { BusinessMetric, METRICS_NAMESPACE } from '../../shared/config/metrics.ts';
import { synth } from './templates.ts';

const template = synth();
const monitoring = template('Monitoring');
const WATCHED = ['Api', 'Mail', 'Routing', 'Webhooks', 'Lifecycle', 'Kpi'];

type Resource = { Type: string; Properties: Record<string, unknown> };
interface MetricStat {
  MetricStat: {
    Metric: { Namespace: string; MetricName: string; Dimensions: { Name: string; Value: unknown }[] };
    Stat: string;
    Period: number;
  };
}
interface AlarmProperties {
  AlarmName: string;
  AlarmActions: unknown[];
  ComparisonOperator: string;
  Threshold: number;
  TreatMissingData: string;
  Metrics: MetricStat[];
}

const alarms = Object.values(monitoring.findResources('AWS::CloudWatch::Alarm')).map(
  (alarm) => (alarm as { Properties: AlarmProperties }).Properties,
);

/** The alarms on `namespace`/`metricName` whose dimension `dimension` is the resource `logicalId` of stack `suffix`. */
function alarmsOn(
  namespace: string,
  metricName: string,
  dimension: string,
  suffix: string,
  logicalId: string,
) {
  return alarms.filter((alarm) =>
    alarm.Metrics.some(({ MetricStat: { Metric } }) => {
      if (Metric.Namespace !== namespace || Metric.MetricName !== metricName) return false;
      const value = JSON.stringify(Metric.Dimensions.find((d) => d.Name === dimension)?.Value ?? '');
      // A cross-stack reference names the exporting stack and the referenced resource's logical id.
      return value.includes(`MotCua-${suffix}:ExportsOutput`) && value.includes(logicalId);
    }),
  );
}

function resourcesOf(suffix: string, type: string): [string, Resource][] {
  return Object.entries(template(suffix).findResources(type)) as [string, Resource][];
}

/** Logical ids of the functions a table's stream feeds (their mapping names a starting position; a queue's does not). */
function streamConsumerIds(suffix: string): Set<string> {
  return new Set(
    resourcesOf(suffix, 'AWS::Lambda::EventSourceMapping')
      .filter(([, mapping]) => mapping.Properties.StartingPosition !== undefined)
      .map(([, mapping]) => (mapping.Properties.FunctionName as { Ref?: string }).Ref ?? ''),
  );
}

/** Logical ids of the queues that are a dead-letter queue or a stream consumer's failure destination. */
function parkedQueueIds(suffix: string): Set<string> {
  const arnOf = (value: unknown) =>
    (value as { 'Fn::GetAtt'?: [string, string] } | undefined)?.['Fn::GetAtt']?.[0];
  const ids = new Set<string>();
  for (const [, queue] of resourcesOf(suffix, 'AWS::SQS::Queue')) {
    const policy = queue.Properties.RedrivePolicy as { deadLetterTargetArn?: unknown } | undefined;
    const id = arnOf(policy?.deadLetterTargetArn);
    if (id) ids.add(id);
  }
  for (const [, mapping] of resourcesOf(suffix, 'AWS::Lambda::EventSourceMapping')) {
    const config = mapping.Properties.DestinationConfig as
      | { OnFailure?: { Destination?: unknown } }
      | undefined;
    const id = arnOf(config?.OnFailure?.Destination);
    if (id) ids.add(id);
  }
  return ids;
}

describe('monitoring stack', () => {
  it('has a dashboard', () => {
    monitoring.resourceCountIs('AWS::CloudWatch::Dashboard', 1);
  });

  it('sends every alarm to one KMS-encrypted topic', () => {
    const topics = Object.keys(monitoring.findResources('AWS::SNS::Topic'));
    expect(topics).toHaveLength(1);
    monitoring.hasResourceProperties('AWS::SNS::Topic', {
      KmsMasterKeyId: { 'Fn::GetAtt': [Match.anyValue(), 'Arn'] },
    });
    monitoring.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true });
    expect(alarms.length).toBeGreaterThan(0);
    for (const alarm of alarms) expect(alarm.AlarmActions, alarm.AlarmName).toEqual([{ Ref: topics[0] }]);
  });

  it('mails the alarms only when an address is given', () => {
    monitoring.resourceCountIs('AWS::SNS::Subscription', 0);
    const withMail = synth({ alarmEmail: 'van-hanh@thanhhoa.gov.vn' })('Monitoring');
    withMail.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      Endpoint: 'van-hanh@thanhhoa.gov.vn',
    });
  });

  it('alarms on the public API’s 5xx rate and p99 latency', () => {
    const onApi = (metricName: string, stat: string) =>
      alarms.filter((alarm) =>
        alarm.Metrics.some(
          ({ MetricStat }) =>
            MetricStat.Metric.Namespace === 'AWS/ApiGateway' &&
            MetricStat.Metric.MetricName === metricName &&
            MetricStat.Stat === stat &&
            MetricStat.Metric.Dimensions.some((d) => d.Name === 'ApiName' && d.Value === 'motcua-public-api'),
        ),
      );
    expect(onApi('5XXError', 'Average')).toHaveLength(1);
    expect(onApi('Latency', 'p99')).toHaveLength(1);
  });

  it.each(WATCHED)('alarms on the errors and throttles of every function of the %s stack', (suffix) => {
    const functions = resourcesOf(suffix, 'AWS::Lambda::Function');
    expect(functions.length).toBeGreaterThan(0);
    for (const [id] of functions) {
      expect(alarmsOn('AWS/Lambda', 'Errors', 'FunctionName', suffix, id), id).toHaveLength(1);
      expect(alarmsOn('AWS/Lambda', 'Throttles', 'FunctionName', suffix, id), id).toHaveLength(1);
    }
  });

  it.each(WATCHED)(
    'alarms when a stream consumer of the %s stack is 10 minutes behind, and only on stream consumers',
    (suffix) => {
      const consumers = streamConsumerIds(suffix);
      for (const [id] of resourcesOf(suffix, 'AWS::Lambda::Function')) {
        const age = alarmsOn('AWS/Lambda', 'IteratorAge', 'FunctionName', suffix, id);
        expect(
          age.map((a) => [a.ComparisonOperator, a.Threshold]),
          id,
        ).toEqual(consumers.has(id) ? [['GreaterThanThreshold', 600_000]] : []);
      }
    },
  );

  it.each(['Kpi', 'Webhooks'])('finds the stream consumers of the %s stack', (suffix) => {
    const [first] = streamConsumerIds(suffix);
    expect(first).toBeDefined();
    expect(alarmsOn('AWS/Lambda', 'IteratorAge', 'FunctionName', suffix, first ?? '')).toHaveLength(1);
  });

  it.each(['Mail', 'Routing', 'Webhooks', 'Kpi'])(
    'alarms on the oldest message of each work queue and on anything parked in the %s stack',
    (suffix) => {
      const parked = parkedQueueIds(suffix);
      expect(parked.size).toBeGreaterThan(0);
      for (const [id] of resourcesOf(suffix, 'AWS::SQS::Queue')) {
        const age = alarmsOn('AWS/SQS', 'ApproximateAgeOfOldestMessage', 'QueueName', suffix, id);
        const depth = alarmsOn('AWS/SQS', 'ApproximateNumberOfMessagesVisible', 'QueueName', suffix, id);
        if (parked.has(id)) {
          expect(age, id).toHaveLength(0);
          expect(
            depth.map((a) => [a.ComparisonOperator, a.Threshold]),
            id,
          ).toEqual([['GreaterThanThreshold', 0]]);
        } else {
          expect(age, id).toHaveLength(1);
          expect(depth, id).toHaveLength(0);
        }
      }
    },
  );

  it('alarms when mail fails and when the KPI aggregator completes no run in an hour', () => {
    const onBusiness = (name: string) =>
      alarms.filter((alarm) =>
        alarm.Metrics.some(
          ({ MetricStat }) =>
            MetricStat.Metric.Namespace === METRICS_NAMESPACE && MetricStat.Metric.MetricName === name,
        ),
      );
    expect(onBusiness(BusinessMetric.MailFailed)).toHaveLength(1);
    const [silence, ...others] = onBusiness(BusinessMetric.KpiAggregationCompleted);
    expect(others).toHaveLength(0);
    expect(silence).toMatchObject({
      ComparisonOperator: 'LessThanThreshold',
      Threshold: 1,
      TreatMissingData: 'breaching',
    });
    expect(silence?.Metrics[0]?.MetricStat.Period).toBe(3600);
  });
});

describe('tracing', () => {
  it('is active on every function, and off with -c tracing=false (the emulator)', () => {
    for (const suffix of WATCHED) {
      for (const [id, fn] of resourcesOf(suffix, 'AWS::Lambda::Function')) {
        expect(fn.Properties.TracingConfig, id).toEqual({ Mode: 'Active' });
        expect((fn.Properties.Environment as { Variables: Record<string, string> }).Variables).toMatchObject({
          POWERTOOLS_TRACE_ENABLED: 'true',
          POWERTOOLS_TRACER_CAPTURE_RESPONSE: 'false',
        });
      }
    }
    const local = synth({ tracing: 'false' });
    for (const [id, fn] of Object.entries(local('Api').findResources('AWS::Lambda::Function')) as [
      string,
      Resource,
    ][]) {
      expect(fn.Properties.TracingConfig, id).toBeUndefined();
      expect(
        (fn.Properties.Environment as { Variables: Record<string, string> }).Variables
          .POWERTOOLS_TRACE_ENABLED,
      ).toBe('false');
    }
  });
});
