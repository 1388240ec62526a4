import { Duration } from 'aws-cdk-lib';
import { Rule, type Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import type { Construct } from 'constructs';
import type { EnvSchema } from '../../shared/config/env.ts';
import { AppFunction, type AppFunctionProps } from './app-function.ts';

export interface ScheduledFunctionProps<S extends EnvSchema> extends AppFunctionProps<S> {
  schedule: Schedule;
  /** What the schedule is for, as shown on the EventBridge rule. */
  scheduleDescription: string;
}

/**
 * A platform function run by an EventBridge schedule (recounts and sweeps). Sweeps read whole
 * tables, so they get five minutes unless told otherwise, and a failed run is retried twice.
 */
export class ScheduledFunction<S extends EnvSchema> extends AppFunction<S> {
  constructor(scope: Construct, id: string, props: ScheduledFunctionProps<S>) {
    super(scope, id, { timeout: Duration.minutes(5), ...props });
    new Rule(this, 'Schedule', {
      description: props.scheduleDescription,
      schedule: props.schedule,
      targets: [new LambdaFunction(this.function, { retryAttempts: 2 })],
    });
  }
}
