import { CfnOutput, Duration, Stack, type StackProps } from 'aws-cdk-lib';
import { Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import type { Construct } from 'constructs';
import { apologySweepEnv } from '../../shared/config/env.ts';
import type { DeploymentConfig } from '../config.ts';
import { AppFunction } from '../constructs/app-function.ts';
import type { DataStack } from './data-stack.ts';

/** Scheduled lifecycle work: drafting form 04 for dossiers that became late. */
export class LifecycleStack extends Stack {
  constructor(scope: Construct, id: string, config: DeploymentConfig, data: DataStack, props?: StackProps) {
    super(scope, id, props);
    const sweep = new AppFunction(this, 'ApologySweep', {
      entry: 'lifecycle/draft-apologies.ts',
      description: 'Drafts the apology and new appointment (form 04) for late dossiers',
      envSchema: apologySweepEnv,
      timeout: Duration.minutes(5),
      environment: {
        DOSSIERS_TABLE: data.dossiers.tableName,
        AUDIT_TABLE: data.audit.tableName,
        APOLOGY_EXTENSION_WORKING_DAYS: String(config.apologyExtensionWorkingDays),
      },
    });
    data.dossiers.grantReadWriteData(sweep.function);
    data.grantAuditAppend(sweep.function);
    new Rule(this, 'Schedule', {
      description: 'Looks for dossiers that became late',
      schedule: Schedule.expression(config.lateSweepSchedule),
      targets: [new LambdaFunction(sweep.function, { retryAttempts: 2 })],
    });
    new CfnOutput(this, 'ApologySweepFunctionName', { value: sweep.function.functionName });
  }
}
