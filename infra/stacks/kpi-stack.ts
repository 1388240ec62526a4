import { CfnOutput, Duration, Stack, type StackProps } from 'aws-cdk-lib';
import { Schedule } from 'aws-cdk-lib/aws-events';
import { StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { aggregateKpiEnv, countKpiEventsEnv } from '../../shared/config/env.ts';
import type { DeploymentConfig } from '../config.ts';
import { AppFunction } from '../constructs/app-function.ts';
import { acknowledge } from '../constructs/nag.ts';
import { ScheduledFunction } from '../constructs/scheduled-function.ts';
import type { DataStack } from './data-stack.ts';

/**
 * KPIs the provinces report: counters updated from the dossier and document streams, and a
 * scheduled aggregator that publishes the open periods, closes ended ones against a recount and
 * records any drift it finds.
 */
export class KpiStack extends Stack {
  constructor(scope: Construct, id: string, config: DeploymentConfig, data: DataStack, props?: StackProps) {
    super(scope, id, props);
    const shards = String(config.kpiCounterShards);

    const counter = new AppFunction(this, 'EventCounter', {
      entry: 'kpi/count-events.ts',
      description: 'Adds dossier and document changes to the KPI counters',
      envSchema: countKpiEventsEnv,
      timeout: Duration.seconds(30),
      environment: {
        KPI_COUNTERS_TABLE: data.kpiCounters.tableName,
        DOCUMENTS_TABLE: data.documents.tableName,
        KPI_COUNTER_SHARDS: shards,
      },
    });
    data.kpiCounters.grantWriteData(counter.function);
    // What still fails after the retries is parked here; the recount at the period's close corrects it.
    const failedBatches = new Queue(this, 'EventCounterFailures', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    acknowledge(failedBatches, {
      'AwsSolutions-SQS3': 'This is the failure destination of the KPI stream consumer; nothing redrives it.',
    });
    for (const table of [data.dossiers, data.documents]) {
      table.grantStreamRead(counter.function);
      counter.function.addEventSource(
        new DynamoEventSource(table, {
          startingPosition: StartingPosition.LATEST,
          batchSize: 500,
          maxBatchingWindow: Duration.seconds(1),
          retryAttempts: 10,
          onFailure: new SqsDlq(failedBatches),
        }),
      );
    }
    acknowledge(counter.function, {
      'AwsSolutions-IAM5[Resource::*]':
        'dynamodb:ListStreams has no resource-level permissions; CDK grants it with the stream read.',
    });

    const aggregator = new ScheduledFunction(this, 'Aggregator', {
      entry: 'kpi/aggregate.ts',
      description: 'Publishes open KPI periods, closes ended ones against a recount',
      envSchema: aggregateKpiEnv,
      memorySize: 512,
      timeout: Duration.minutes(15),
      schedule: Schedule.expression(config.kpiSchedule),
      scheduleDescription: 'Runs the KPI aggregator',
      environment: {
        DOSSIERS_TABLE: data.dossiers.tableName,
        DOCUMENTS_TABLE: data.documents.tableName,
        REFERENCE_TABLE: data.reference.tableName,
        KPI_TABLE: data.kpi.tableName,
        KPI_COUNTERS_TABLE: data.kpiCounters.tableName,
        KPI_COUNTER_SHARDS: shards,
        SIGNING_TARGETS: JSON.stringify(config.signingTargets),
      },
    });
    data.dossiers.grantReadData(aggregator.function);
    data.documents.grantReadData(aggregator.function);
    data.reference.grantReadData(aggregator.function);
    data.kpi.grantReadWriteData(aggregator.function);
    data.kpiCounters.grantReadWriteData(aggregator.function);
    acknowledge(aggregator.function, data.indexGrantAcknowledgments());
    new CfnOutput(this, 'AggregatorFunctionName', { value: aggregator.function.functionName });
    new CfnOutput(this, 'EventCounterFunctionName', { value: counter.function.functionName });
  }
}
