import { CfnOutput, Duration, Stack, type StackProps } from 'aws-cdk-lib';
import { Schedule } from 'aws-cdk-lib/aws-events';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { apologySweepEnv, auditAnchorEnv, queueCounterEnv } from '../../shared/config/env.ts';
import type { DeploymentConfig } from '../config.ts';
import { AppFunction } from '../constructs/app-function.ts';
import { acknowledge } from '../constructs/nag.ts';
import { ScheduledFunction } from '../constructs/scheduled-function.ts';
import type { DataStack } from './data-stack.ts';
import type { MailStack } from './mail-stack.ts';

/**
 * Scheduled work: drafting form 04 for dossiers that became late, alerting steps and dossiers running
 * late, and anchoring the audit chains; and the work queue's counters, kept from the Dossiers stream.
 */
export class LifecycleStack extends Stack {
  constructor(
    scope: Construct,
    id: string,
    config: DeploymentConfig,
    data: DataStack,
    mail: MailStack,
    props?: StackProps,
  ) {
    super(scope, id, props);
    const sweep = new ScheduledFunction(this, 'ApologySweep', {
      entry: 'lifecycle/draft-apologies.ts',
      description: 'Drafts form 04 for late dossiers; alerts overdue steps and late dossiers to officers',
      envSchema: apologySweepEnv,
      schedule: Schedule.expression(config.lateSweepSchedule),
      scheduleDescription: 'Looks for dossiers that became late',
      environment: {
        DOSSIERS_TABLE: data.dossiers.tableName,
        AUDIT_TABLE: data.audit.tableName,
        AUDIT_PENDING_TABLE: data.auditPending.tableName,
        APOLOGY_EXTENSION_WORKING_DAYS: String(config.apologyExtensionWorkingDays),
        REFERENCE_TABLE: data.reference.tableName,
        CALENDAR_CACHE_SECONDS: String(config.calendarCacheSeconds),
        OFFICERS_TABLE: data.officers.tableName,
        MAIL_QUEUE_URL: mail.queue.queueUrl,
      },
    });
    data.dossiers.grantReadWriteData(sweep.function);
    data.grantOfficersOfUnit(sweep.function);
    mail.queue.grantSendMessages(sweep.function);
    data.reference.grantReadData(sweep.function);
    data.grantAuditAppend(sweep.function);
    new CfnOutput(this, 'ApologySweepFunctionName', { value: sweep.function.functionName });

    const anchor = new ScheduledFunction(this, 'AuditAnchor', {
      entry: 'audit/anchor.ts',
      description: 'Signs a checkpoint over the heads of the audit chains appended to since the last one',
      envSchema: auditAnchorEnv,
      schedule: Schedule.expression(config.auditAnchorSchedule),
      scheduleDescription: 'Anchors the audit chains in write-once storage',
      environment: {
        AUDIT_TABLE: data.audit.tableName,
        AUDIT_PENDING_TABLE: data.auditPending.tableName,
        AUDIT_CHECKPOINTS_BUCKET: data.auditCheckpoints.bucketName,
        AUDIT_ANCHOR_KEY_ID: data.auditAnchorKey.keyArn,
      },
    });
    data.grantAuditAnchoring(anchor.function);
    new CfnOutput(this, 'AuditAnchorFunctionName', { value: anchor.function.functionName });

    this.queueCounter(data);
  }

  /**
   * The work queue's counts per unit, moved by each dossier change in order, record by record: a
   * failed record is retried alone and from there on (partial batch failures); what still fails is
   * named in a queue and the recount (`scripts/recount-queue.ts`) repairs the counts.
   */
  private queueCounter(data: DataStack): void {
    const counter = new AppFunction(this, 'QueueCounter', {
      entry: 'queue/count.ts',
      description: 'Moves the work queue counts per unit by each dossier change',
      envSchema: queueCounterEnv,
      timeout: Duration.seconds(30),
      environment: { QUEUE_COUNTS_TABLE: data.queueCounts.tableName },
    });
    // Counter cells, day entries and version marks are updated (ADD, SET under a condition); day
    // entries are deleted when their dossier stops counting down, and day cells once they hold zero.
    counter.function.addToRolePolicy(
      new PolicyStatement({
        actions: ['dynamodb:UpdateItem', 'dynamodb:DeleteItem'],
        resources: [data.queueCounts.tableArn],
      }),
    );
    data.dataKey.grant(counter.function, 'kms:Decrypt', 'kms:GenerateDataKey');
    const skippedRecords = new Queue(this, 'QueueCounterFailures', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    acknowledge(skippedRecords, {
      'AwsSolutions-SQS3':
        'This is the failure destination of the queue counter; the recount repairs what it names.',
    });
    data.dossiers.grantStreamRead(counter.function);
    counter.function.addEventSource(
      new DynamoEventSource(data.dossiers, {
        startingPosition: StartingPosition.LATEST,
        batchSize: 100,
        maxBatchingWindow: Duration.seconds(1),
        retryAttempts: 10,
        reportBatchItemFailures: true,
        onFailure: new SqsDlq(skippedRecords),
      }),
    );
    acknowledge(counter.function, {
      'AwsSolutions-IAM5[Resource::*]':
        'dynamodb:ListStreams has no resource-level permissions; CDK grants it with the stream read.',
    });
    new CfnOutput(this, 'QueueCounterFunctionName', { value: counter.function.functionName });
  }
}
