import { CfnOutput, Duration, Stack, type StackProps } from 'aws-cdk-lib';
import { StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq, SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { webhookDeliveryEnv, webhookDispatchEnv } from '../../shared/config/env.ts';
import type { DeploymentConfig } from '../config.ts';
import { AppFunction } from '../constructs/app-function.ts';
import { alarmOnDeadLetters } from '../constructs/dead-letter-alarm.ts';
import { acknowledge } from '../constructs/nag.ts';
import { grantReadPublicApiParameter } from '../constructs/public-api-parameter.ts';
import type { DataStack } from './data-stack.ts';

/**
 * Outbound webhooks: dossier and document changes (from the tables' streams) become deliveries on a
 * queue; a worker signs and posts each one, retries on a schedule of about three days, and parks
 * what finally failed in a dead-letter queue.
 */
export class WebhooksStack extends Stack {
  readonly deliveryQueue: Queue;

  constructor(scope: Construct, id: string, config: DeploymentConfig, data: DataStack, props?: StackProps) {
    super(scope, id, props);
    const deadLetters = new Queue(this, 'DeliveryDlq', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    this.deliveryQueue = new Queue(this, 'DeliveryQueue', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      visibilityTimeout: Duration.seconds(
        Math.max(60, Math.ceil((config.webhookTimeoutMs * 10) / 1000) + 30),
      ),
      // Only infrastructure failures get here by redrive; receivers' failures are retried by the worker.
      deadLetterQueue: { queue: deadLetters, maxReceiveCount: 5 },
    });
    alarmOnDeadLetters(this, 'DeliveryDlqAlarm', deadLetters, {
      description: 'Webhook deliveries finally failed and wait in the DLQ',
      periodMinutes: 5,
    });

    const dispatcher = new AppFunction(this, 'Dispatcher', {
      entry: 'webhooks/dispatch.ts',
      description: 'Turns dossier and document changes into webhook deliveries',
      envSchema: webhookDispatchEnv,
      environment: {
        WEBHOOKS_TABLE: data.webhooks.tableName,
        DOSSIERS_TABLE: data.dossiers.tableName,
        DOCUMENTS_TABLE: data.documents.tableName,
        KPI_TABLE: data.kpi.tableName,
        DELIVERY_QUEUE_URL: this.deliveryQueue.queueUrl,
      },
    });
    data.webhooks.grantReadWriteData(dispatcher.function);
    this.deliveryQueue.grantSendMessages(dispatcher.function);
    // Stream records that still fail after the retries are skipped by Lambda; this queue says which
    // (shard and sequence numbers), so they can be read again while the stream keeps them (24 h).
    const skippedRecords = new Queue(this, 'DispatchFailures', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    acknowledge(skippedRecords, {
      'AwsSolutions-SQS3': 'This is the failure destination of the webhook dispatcher; nothing redrives it.',
    });
    for (const table of [data.dossiers, data.documents, data.kpi]) {
      table.grantStreamRead(dispatcher.function);
      dispatcher.function.addEventSource(
        new DynamoEventSource(table, {
          startingPosition: StartingPosition.LATEST,
          batchSize: 50,
          retryAttempts: 10,
          reportBatchItemFailures: true,
          onFailure: new SqsDlq(skippedRecords),
        }),
      );
    }

    acknowledge(dispatcher.function, {
      'AwsSolutions-IAM5[Resource::*]':
        'dynamodb:ListStreams has no resource-level permissions; CDK grants it with the stream read of the three tables.',
    });

    const worker = new AppFunction(this, 'DeliveryWorker', {
      entry: 'webhooks/deliver.ts',
      description: 'Signs and posts one webhook delivery, schedules the next attempt on failure',
      envSchema: webhookDeliveryEnv,
      timeout: Duration.seconds(Math.ceil((config.webhookTimeoutMs * 10) / 1000) + 10),
      environment: {
        WEBHOOKS_TABLE: data.webhooks.tableName,
        DELIVERY_QUEUE_URL: this.deliveryQueue.queueUrl,
        DELIVERY_DLQ_URL: deadLetters.queueUrl,
        RETRY_SCHEDULE_SECONDS: JSON.stringify(config.webhookRetrySchedule),
        TIMEOUT_MS: String(config.webhookTimeoutMs),
        ALLOWED_PRIVATE_ADDRESSES: JSON.stringify(config.webhookAllowedPrivateAddresses),
        PUBLIC_API_PARAMETER: config.publicApiParameter,
      },
    });
    data.webhooks.grantReadWriteData(worker.function);
    this.deliveryQueue.grantSendMessages(worker.function);
    deadLetters.grantSendMessages(worker.function);
    grantReadPublicApiParameter(worker.function, config.publicApiParameter);
    worker.function.addEventSource(
      new SqsEventSource(this.deliveryQueue, {
        batchSize: 10,
        maxConcurrency: 10,
        reportBatchItemFailures: true,
      }),
    );

    new CfnOutput(this, 'DeliveryQueueUrl', { value: this.deliveryQueue.queueUrl });
    // For the operator who replays a stream record by hand, and for the tests that do.
    new CfnOutput(this, 'DispatcherFunctionName', { value: dispatcher.function.functionName });
    new CfnOutput(this, 'DeliveryDeadLetterQueueUrl', { value: deadLetters.queueUrl });
  }
}
