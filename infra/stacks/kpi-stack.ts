import { CfnOutput, Duration, Stack, type StackProps } from 'aws-cdk-lib';
import { Schedule } from 'aws-cdk-lib/aws-events';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { aggregateKpiEnv, countChangesEnv } from '../../shared/config/env.ts';
import type { DeploymentConfig } from '../config.ts';
import { AppFunction } from '../constructs/app-function.ts';
import { acknowledge } from '../constructs/nag.ts';
import { ScheduledFunction } from '../constructs/scheduled-function.ts';
import type { DataStack } from './data-stack.ts';

/**
 * Counts kept from the dossier and document streams (the KPI counters the provinces report, and the
 * work queue's counts per unit), and a scheduled aggregator that publishes the open KPI periods,
 * closes ended ones against a recount and records any drift it finds.
 */
export class KpiStack extends Stack {
  constructor(scope: Construct, id: string, config: DeploymentConfig, data: DataStack, props?: StackProps) {
    super(scope, id, props);
    const shards = String(config.kpiCounterShards);

    const counter = new AppFunction(this, 'ChangeCounter', {
      entry: 'counters/count-changes.ts',
      description: 'Moves the KPI counters and the work queue counts by each dossier and document change',
      envSchema: countChangesEnv,
      timeout: Duration.seconds(30),
      environment: {
        KPI_COUNTERS_TABLE: data.kpiCounters.tableName,
        QUEUE_COUNTS_TABLE: data.queueCounts.tableName,
        DOCUMENTS_TABLE: data.documents.tableName,
        KPI_COUNTER_SHARDS: shards,
      },
    });
    data.kpiCounters.grantWriteData(counter.function);
    // Queue cells, day entries and version marks are updated (ADD, SET under a condition); day
    // entries are deleted when their dossier stops counting down, and day cells once they hold zero.
    counter.function.addToRolePolicy(
      new PolicyStatement({
        actions: ['dynamodb:UpdateItem', 'dynamodb:DeleteItem'],
        resources: [data.queueCounts.tableArn],
      }),
    );
    data.dataKey.grant(counter.function, 'kms:Decrypt', 'kms:GenerateDataKey');
    // What still fails after the retries is named here: the queue recount (`scripts/recount-queue.ts`)
    // repairs its units' counts, and the KPI recount at the period's close corrects the counters.
    const failedRecords = new Queue(this, 'ChangeCounterFailures', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    acknowledge(failedRecords, {
      'AwsSolutions-SQS3':
        'This is the failure destination of the change counter; the recounts repair what it names.',
    });
    // One reader per stream besides the webhook dispatcher: DynamoDB throttles a shard read by more
    // than two (ADR 0031). Records in order, a failed one handed back with those after it.
    for (const table of [data.dossiers, data.documents]) {
      table.grantStreamRead(counter.function);
      counter.function.addEventSource(
        new DynamoEventSource(table, {
          startingPosition: StartingPosition.LATEST,
          batchSize: 100,
          maxBatchingWindow: Duration.seconds(1),
          retryAttempts: 10,
          reportBatchItemFailures: true,
          onFailure: new SqsDlq(failedRecords),
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
    new CfnOutput(this, 'ChangeCounterFunctionName', { value: counter.function.functionName });
  }
}
