import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import { Schedule } from 'aws-cdk-lib/aws-events';
import type { Construct } from 'constructs';
import { apologySweepEnv } from '../../shared/config/env.ts';
import type { DeploymentConfig } from '../config.ts';
import { ScheduledFunction } from '../constructs/scheduled-function.ts';
import type { DataStack } from './data-stack.ts';

/** Scheduled lifecycle work: drafting form 04 for dossiers that became late. */
export class LifecycleStack extends Stack {
  constructor(scope: Construct, id: string, config: DeploymentConfig, data: DataStack, props?: StackProps) {
    super(scope, id, props);
    const sweep = new ScheduledFunction(this, 'ApologySweep', {
      entry: 'lifecycle/draft-apologies.ts',
      description: 'Drafts the apology and new appointment (form 04) for late dossiers',
      envSchema: apologySweepEnv,
      schedule: Schedule.expression(config.lateSweepSchedule),
      scheduleDescription: 'Looks for dossiers that became late',
      environment: {
        DOSSIERS_TABLE: data.dossiers.tableName,
        AUDIT_TABLE: data.audit.tableName,
        APOLOGY_EXTENSION_WORKING_DAYS: String(config.apologyExtensionWorkingDays),
      },
    });
    data.dossiers.grantReadWriteData(sweep.function);
    data.grantAuditAppend(sweep.function);
    new CfnOutput(this, 'ApologySweepFunctionName', { value: sweep.function.functionName });
  }
}
