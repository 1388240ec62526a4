import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import { Schedule } from 'aws-cdk-lib/aws-events';
import type { Construct } from 'constructs';
import { apologySweepEnv, auditAnchorEnv } from '../../shared/config/env.ts';
import type { DeploymentConfig } from '../config.ts';
import { ScheduledFunction } from '../constructs/scheduled-function.ts';
import type { DataStack } from './data-stack.ts';
import type { MailStack } from './mail-stack.ts';

/**
 * Scheduled work: drafting form 04 for dossiers that became late, alerting steps and dossiers running
 * late, and anchoring the audit chains.
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
  }
}
