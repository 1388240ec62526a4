import { CfnOutput, Duration, Stack, type StackProps } from 'aws-cdk-lib';

import { Schedule } from 'aws-cdk-lib/aws-events';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { DeduplicationScope, FifoThroughputLimit, Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { resendUnroutedEnv, tierConsumerEnv } from '../../shared/config/env.ts';
import type { Tier } from '../../shared/domain/agencies/tiers.ts';
import type { DeploymentConfig } from '../config.ts';
import { AppFunction } from '../constructs/app-function.ts';
import { alarmOnDeadLetters } from '../constructs/dead-letter-alarm.ts';
import { ScheduledFunction } from '../constructs/scheduled-function.ts';
import type { DataStack } from './data-stack.ts';
import type { MailStack } from './mail-stack.ts';

/**
 * Deliveries before a message is parked in the tier's dead-letter queue. More than a standard
 * queue needs: when a message fails, the later messages of its FIFO group come back unprocessed and
 * each such return counts as a delivery. With the consumer's waits (2, 4, 8, 16, 32 s, none after
 * the last) a message that keeps failing is parked about a minute after its first delivery.
 */
export const MAX_RECEIVE_COUNT = 6;

/** One FIFO queue per administrative tier, each with its dead-letter queue, alarm and consumer. */
export class RoutingStack extends Stack {
  readonly queues = new Map<Tier, Queue>();

  constructor(
    scope: Construct,
    id: string,
    config: DeploymentConfig,
    data: DataStack,
    mail: MailStack,
    props?: StackProps,
  ) {
    super(scope, id, props);
    new CfnOutput(this, 'TierProfile', { value: config.tierProfile });
    for (const tier of config.tiers) {
      const deadLetters = new Queue(this, `${tier}-dlq`, {
        queueName: `${config.stackPrefix.toLowerCase()}-${tier}-dlq.fifo`,
        fifo: true,
        encryption: QueueEncryption.SQS_MANAGED,
        enforceSSL: true,
        retentionPeriod: Duration.days(14),
      });
      const queue = new Queue(this, `${tier}-queue`, {
        queueName: `${config.stackPrefix.toLowerCase()}-${tier}.fifo`,
        fifo: true,
        // High-throughput FIFO: order matters only within a message group (one agency's messages),
        // so the queue's throughput is not capped across all groups together.
        deduplicationScope: DeduplicationScope.MESSAGE_GROUP,
        fifoThroughputLimit: FifoThroughputLimit.PER_MESSAGE_GROUP_ID,
        encryption: QueueEncryption.SQS_MANAGED,
        enforceSSL: true,
        visibilityTimeout: Duration.seconds(config.routingVisibilityTimeoutSeconds),
        deadLetterQueue: { queue: deadLetters, maxReceiveCount: MAX_RECEIVE_COUNT },
      });
      this.queues.set(tier, queue);
      alarmOnDeadLetters(this, `${tier}-dlq-alarm`, deadLetters, {
        description: `Messages for the ${tier} tier failed ${MAX_RECEIVE_COUNT} times and wait in the DLQ`,
        periodMinutes: 1,
      });

      new CfnOutput(this, `${tier}QueueUrl`, { value: queue.queueUrl });
      new CfnOutput(this, `${tier}DeadLetterQueueUrl`, { value: deadLetters.queueUrl });
    }

    const tierQueueUrls = this.toJsonString(
      Object.fromEntries([...this.queues].map(([tier, queue]) => [tier, queue.queueUrl])),
    );
    for (const [tier, queue] of this.queues) {
      const consumer = new AppFunction(this, `${tier}-consumer`, {
        entry: 'routing/tier-consumer.ts',
        description: `Records arrivals of dossiers, documents, recalls and status messages at ${tier} agencies`,
        envSchema: tierConsumerEnv,
        timeout: Duration.seconds(Math.min(30, config.routingVisibilityTimeoutSeconds)),
        environment: {
          DOSSIERS_TABLE: data.dossiers.tableName,
          DOCUMENTS_TABLE: data.documents.tableName,
          AUDIT_TABLE: data.audit.tableName,
          AUDIT_PENDING_TABLE: data.auditPending.tableName,
          TIER: tier,
          QUEUE_URL: queue.queueUrl,
          MAX_RECEIVE_COUNT: String(MAX_RECEIVE_COUNT),
          MAIL_QUEUE_URL: mail.queue.queueUrl,
          TIER_QUEUE_URLS: tierQueueUrls,
          SIGNING_KEY_ID: data.signingKey.keyArn,
          ...data.faultInjectionEnvironment(),
        },
      });
      data.grantReadFaultInjection(consumer.function);
      data.dossiers.grantReadWriteData(consumer.function);
      data.documents.grantReadWriteData(consumer.function);
      data.grantAuditAppend(consumer.function);
      data.signingKey.grant(consumer.function, 'kms:Sign');
      mail.queue.grantSendMessages(consumer.function);
      // Status messages go back to the sender's tier, whichever that is.
      for (const target of this.queues.values()) target.grantSendMessages(consumer.function);
      consumer.function.addEventSource(
        new SqsEventSource(queue, { batchSize: 10, reportBatchItemFailures: true }),
      );
    }

    const resend = new ScheduledFunction(this, 'ResendUnrouted', {
      entry: 'routing/resend-unrouted.ts',
      description: 'Routes dossiers that were stored but could not be queued at intake',
      envSchema: resendUnroutedEnv,
      schedule: Schedule.rate(Duration.minutes(5)),
      scheduleDescription: 'Looks for stored dossiers that never reached their tier queue',
      environment: {
        DOSSIERS_TABLE: data.dossiers.tableName,
        TIER_QUEUE_URLS: tierQueueUrls,
      },
    });
    data.dossiers.grantReadWriteData(resend.function);
    for (const queue of this.queues.values()) queue.grantSendMessages(resend.function);
    new CfnOutput(this, 'ResendUnroutedFunctionName', { value: resend.function.functionName });
  }
}
