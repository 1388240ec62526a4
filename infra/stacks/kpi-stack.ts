import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import { Schedule } from 'aws-cdk-lib/aws-events';
import type { Construct } from 'constructs';
import { aggregateKpiEnv } from '../../shared/config/env.ts';
import type { DeploymentConfig } from '../config.ts';
import { ScheduledFunction } from '../constructs/scheduled-function.ts';
import type { DataStack } from './data-stack.ts';

/** The scheduled aggregator that turns dossiers into the indicators provinces report. */
export class KpiStack extends Stack {
  constructor(scope: Construct, id: string, config: DeploymentConfig, data: DataStack, props?: StackProps) {
    super(scope, id, props);
    const aggregator = new ScheduledFunction(this, 'Aggregator', {
      entry: 'kpi/aggregate.ts',
      description: 'Recounts KPI rows per agency and day',
      envSchema: aggregateKpiEnv,
      memorySize: 512,
      schedule: Schedule.expression(config.kpiSchedule),
      scheduleDescription: 'Runs the KPI aggregator',
      environment: {
        DOSSIERS_TABLE: data.dossiers.tableName,
        KPI_TABLE: data.kpi.tableName,
        SIGNING_TARGETS: JSON.stringify(config.signingTargets),
      },
    });
    data.dossiers.grantReadData(aggregator.function);
    data.kpi.grantWriteData(aggregator.function);
    new CfnOutput(this, 'AggregatorFunctionName', { value: aggregator.function.functionName });
  }
}
