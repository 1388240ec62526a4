import { Duration, Stack, type StackProps } from 'aws-cdk-lib';
import { ComparisonOperator, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { CfnEventSourceMapping, Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { Queue } from 'aws-cdk-lib/aws-sqs';
import {
  DefaultDashboardFactory,
  MetricStatistic,
  MonitoringFacade,
  SnsAlarmActionStrategy,
} from 'cdk-monitoring-constructs';
import type { Construct, IConstruct } from 'constructs';
import { BusinessMetric, METRICS_NAMESPACE, METRICS_SERVICE } from '../../shared/config/metrics.ts';
import type { DeploymentConfig } from '../config.ts';
import { API_STAGE, type ApiStack } from './api-stack.ts';

/** Above 1% of requests answered 5xx over 5 minutes: a handler or a dependency is failing, not a bad client. */
export const API_5XX_RATE = 0.01;
/**
 * p99 over 3 s: intake signs, stores and queues in well under a second; 3 s is where a citizen
 * notices, and stays clear of cold starts on a quiet night (one slow request is not the p99).
 */
export const API_P99_LATENCY = Duration.seconds(3);
/** Any unhandled error or throttle in 5 minutes: handled refusals are answers, so errors are real. */
export const FUNCTION_MAX_ERRORS = 0;
export const FUNCTION_MAX_THROTTLES = 0;
/**
 * 10 minutes: consumers retry with waits of about a minute (routing) to three minutes (mail); a
 * message older than that is not retrying, it is stuck behind a consumer that stopped.
 */
export const QUEUE_MAX_AGE_SECONDS = 600;
/**
 * 10 minutes behind a table's stream: the KPI counters, the officers' queue counts and the webhook
 * deliveries follow the Dossiers and Documents streams in seconds; a stream consumer that far behind
 * is failing, throttled by too many readers of a shard, or working through a bulk write.
 */
export const STREAM_MAX_ITERATOR_AGE_SECONDS = 600;
/** Anything parked is a dossier, mail, delivery or stream record that needs an operator. */
export const PARKED_MAX_MESSAGES = 0;
/** Mail SES refused more than 5 times in 15 minutes: a reputation, quota or identity problem. */
export const MAIL_MAX_FAILURES = 5;
/**
 * The aggregator runs every 15 minutes by default: an hour without one completed run is four
 * missed runs, so the published KPIs are drifting from the counters.
 */
export const KPI_MAX_SILENCE = Duration.hours(1);

export interface MonitoredStacks {
  api: ApiStack;
  /** Every other stack whose functions and queues are watched. */
  others: Stack[];
}

/**
 * One dashboard and the alarms an operator acts on, sent to an encrypted SNS topic (mailed to
 * `alarmEmail` when given): the public API's 5xx rate and p99 latency, every function's errors and
 * throttles, every stream consumer's iterator age, every work queue's oldest message, every dead-letter or failure queue's depth, mail
 * failures, and the KPI aggregator going quiet. Functions and queues are found in the stacks given,
 * so a new one is watched without being listed here.
 */
export class MonitoringStack extends Stack {
  readonly alarmTopic: Topic;

  constructor(
    scope: Construct,
    id: string,
    config: DeploymentConfig,
    stacks: MonitoredStacks,
    props?: StackProps,
  ) {
    super(scope, id, props);
    const key = new Key(this, 'AlarmTopicKey', {
      description: 'Encrypts the alarm notifications topic',
      enableKeyRotation: true,
    });
    // CloudWatch publishes alarm notifications to the encrypted topic.
    key.grant(new ServicePrincipal('cloudwatch.amazonaws.com'), 'kms:Decrypt', 'kms:GenerateDataKey*');
    this.alarmTopic = new Topic(this, 'AlarmTopic', {
      displayName: 'Một cửa điện tử — cảnh báo vận hành',
      masterKey: key,
      enforceSSL: true,
    });
    if (config.alarmEmail) this.alarmTopic.addSubscription(new EmailSubscription(config.alarmEmail));

    const prefix = config.stackPrefix;
    const critical = <T>(threshold: T): Record<string, T> => (config.alarms ? { Critical: threshold } : {});
    const monitoring = new MonitoringFacade(this, 'Monitoring', {
      alarmFactoryDefaults: {
        alarmNamePrefix: prefix,
        actionsEnabled: true,
        action: new SnsAlarmActionStrategy({ onAlarmTopic: this.alarmTopic }),
        datapointsToAlarm: 1,
      },
      metricFactoryDefaults: { namespace: METRICS_NAMESPACE },
      dashboardFactory: new DefaultDashboardFactory(this, 'Dashboards', {
        dashboardNamePrefix: prefix,
        createDashboard: true,
        createSummaryDashboard: false,
        createAlarmDashboard: false,
      }),
    });

    monitoring.addLargeHeader('Public API').monitorApiGateway({
      api: stacks.api.api,
      apiStage: API_STAGE,
      alarmFriendlyName: 'PublicApi',
      add5XXFaultRateAlarm: critical({ maxErrorRate: API_5XX_RATE }),
      addLatencyP99Alarm: critical({ maxLatency: API_P99_LATENCY }),
    });

    const all = [stacks.api, ...stacks.others];
    monitoring.addLargeHeader('Functions');
    for (const fn of functionsIn(all)) {
      const readsStream = readsAStream(fn);
      monitoring.monitorLambdaFunction({
        lambdaFunction: fn,
        alarmFriendlyName: friendlyName(fn),
        isIterator: readsStream,
        addFaultCountAlarm: critical({ maxErrorCount: FUNCTION_MAX_ERRORS }),
        addThrottlesCountAlarm: critical({ maxErrorCount: FUNCTION_MAX_THROTTLES }),
        ...(readsStream
          ? {
              addMaxIteratorAgeAlarm: critical({ maxAgeInMillis: STREAM_MAX_ITERATOR_AGE_SECONDS * 1000 }),
            }
          : {}),
      });
    }

    const { work, parked } = queuesIn(all);
    monitoring.addLargeHeader('Queues');
    for (const queue of work) {
      monitoring.monitorSqsQueue({
        queue,
        alarmFriendlyName: friendlyName(queue),
        addQueueMaxMessageAgeAlarm: critical({ maxAgeInSeconds: QUEUE_MAX_AGE_SECONDS }),
      });
    }
    for (const queue of parked) {
      monitoring.monitorSqsQueue({
        queue,
        alarmFriendlyName: friendlyName(queue),
        addQueueMaxSizeAlarm: critical({ maxMessageCount: PARKED_MAX_MESSAGES }),
      });
    }

    const metric = monitoring.createMetricFactory();
    const business = (name: string, period?: Duration) =>
      metric.createMetric(
        name,
        MetricStatistic.SUM,
        name,
        { service: METRICS_SERVICE },
        undefined,
        undefined,
        period,
      );
    monitoring.addLargeHeader('Dossiers, mail, webhooks and KPIs').monitorCustom({
      alarmFriendlyName: 'Business',
      metricGroups: [
        {
          title: 'Dossiers',
          metrics: [
            business(BusinessMetric.DossierReceived),
            business(BusinessMetric.DossierSettledOnTime),
            business(BusinessMetric.DossierSettledLate),
            metric.createMetric(
              BusinessMetric.DossierLateWithoutApology,
              MetricStatistic.MAX,
              BusinessMetric.DossierLateWithoutApology,
              { service: METRICS_SERVICE },
              undefined,
              undefined,
              Duration.minutes(15),
            ),
            business(BusinessMetric.StepOverdueAlerted),
          ],
        },
        {
          title: 'Mail',
          metrics: [
            business(BusinessMetric.MailSent),
            {
              metric: business(BusinessMetric.MailFailed, Duration.minutes(15)),
              alarmFriendlyName: 'MailFailures',
              addAlarm: critical({
                threshold: MAIL_MAX_FAILURES,
                comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
                treatMissingDataOverride: TreatMissingData.NOT_BREACHING,
              }),
            },
          ],
        },
        {
          title: 'Webhooks and signing',
          metrics: [
            business(BusinessMetric.WebhookDelivered),
            business(BusinessMetric.WebhookFailed),
            business(BusinessMetric.SigningFailed),
          ],
        },
        {
          title: 'KPI aggregation',
          metrics: [
            {
              metric: business(BusinessMetric.KpiAggregationCompleted, KPI_MAX_SILENCE),
              alarmFriendlyName: 'KpiAggregation',
              addAlarm: critical({
                threshold: 1,
                comparisonOperator: ComparisonOperator.LESS_THAN_THRESHOLD,
                // No data point is exactly what a stopped aggregator looks like.
                treatMissingDataOverride: TreatMissingData.BREACHING,
                alarmDescriptionOverride: `The KPI aggregator completed no run in ${KPI_MAX_SILENCE.toHumanString()}: published KPIs are drifting from the counters`,
              }),
            },
            business(BusinessMetric.KpiDriftCorrected),
          ],
        },
        {
          title: 'Stored data',
          metrics: [
            {
              metric: business(BusinessMetric.MalformedItemSkipped, Duration.minutes(15)),
              alarmFriendlyName: 'MalformedItems',
              // Any left-out dossier is one an officer or the apology sweep no longer sees.
              addAlarm: critical({
                threshold: 0,
                comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
                treatMissingDataOverride: TreatMissingData.NOT_BREACHING,
              }),
            },
          ],
        },
      ],
    });
  }
}

/** The Lambda functions of the stacks; CDK's own singleton helpers (log retention and such) are not ours. */
function functionsIn(stacks: Stack[]): LambdaFunction[] {
  return stacks
    .flatMap((stack) => stack.node.findAll())
    .filter((c): c is LambdaFunction => c instanceof LambdaFunction);
}

/** A function fed by a table's stream (its mapping names a starting position; a queue's does not). */
function readsAStream(fn: LambdaFunction): boolean {
  return fn.node
    .findAll()
    .some((c) => c instanceof CfnEventSourceMapping && c.startingPosition !== undefined);
}

/**
 * Work queues (a function consumes them: their oldest message says whether work is flowing) and
 * parked ones (dead-letter queues, and stream consumers' failure destinations: any message there
 * waits for an operator).
 */
function queuesIn(stacks: Stack[]): { work: Queue[]; parked: Queue[] } {
  const constructs = stacks.flatMap((stack) => stack.node.findAll());
  const queues = constructs.filter((c): c is Queue => c instanceof Queue);
  const deadLetterQueues = new Set(
    queues.flatMap((q) => (q.deadLetterQueue ? [q.deadLetterQueue.queue] : [])),
  );
  const failureDestinations = new Set(
    constructs
      .filter((c): c is CfnEventSourceMapping => c instanceof CfnEventSourceMapping)
      .map((mapping) => resolved(mapping, mapping.destinationConfig)),
  );
  const isParked = (queue: Queue) =>
    deadLetterQueues.has(queue) ||
    failureDestinations.has(resolved(queue, { onFailure: { destination: queue.queueArn } }));
  return { work: queues.filter((q) => !isParked(q)), parked: queues.filter(isParked) };
}

function resolved(scope: IConstruct, value: unknown): string {
  return JSON.stringify(Stack.of(scope).resolve(value));
}

/** `Routing/province-dlq` for a construct at `MotCua-Routing/province-dlq`: unique, and readable in an alarm name. */
function friendlyName(construct: IConstruct): string {
  const path = construct.node.path.split('/');
  const stack = Stack.of(construct).stackName.replace(/^[^-]*-/, '');
  return [stack, ...path.slice(1).filter((part) => part !== 'Function' && part !== 'Resource')].join('-');
}
