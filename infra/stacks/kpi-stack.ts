import { CfnOutput, Duration, Stack, type StackProps } from 'aws-cdk-lib';
import { Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import type { Construct } from 'constructs';
import { aggregateKpiEnv } from '../../shared/config/env.ts';
import type { DeploymentConfig } from '../config.ts';
import { AppFunction } from '../constructs/app-function.ts';
import type { DataStack } from './data-stack.ts';

/** The scheduled aggregator that turns dossiers into the indicators provinces report. */
export class KpiStack extends Stack {
  constructor(scope: Construct, id: string, config: DeploymentConfig, data: DataStack, props?: StackProps) {
    super(scope, id, props);
    const aggregator = new AppFunction(this, 'Aggregator', {
      entry: 'kpi/aggregate.ts',
      description: 'Recounts KPI rows per agency and day',
      envSchema: aggregateKpiEnv,
      timeout: Duration.minutes(5),
      memorySize: 512,
      environment: {
        DOSSIERS_TABLE: data.dossiers.tableName,
        KPI_TABLE: data.kpi.tableName,
        SIGNING_TARGETS: JSON.stringify(config.signingTargets),
      },
    });
    data.dossiers.grantReadData(aggregator.function);
    data.kpi.grantWriteData(aggregator.function);
    new Rule(this, 'Schedule', {
      description: 'Runs the KPI aggregator',
      schedule: Schedule.expression(config.kpiSchedule),
      targets: [new LambdaFunction(aggregator.function, { retryAttempts: 2 })],
    });
    new CfnOutput(this, 'AggregatorFunctionName', { value: aggregator.function.functionName });
  }
}
