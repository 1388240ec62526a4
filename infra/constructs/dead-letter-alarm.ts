import { Duration } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';

/** An alarm as soon as one message waits in `deadLetters`, looked at every `periodMinutes`. */
export function alarmOnDeadLetters(
  scope: Construct,
  id: string,
  deadLetters: IQueue,
  options: { description: string; periodMinutes: number },
): Alarm {
  return new Alarm(scope, id, {
    alarmDescription: options.description,
    metric: deadLetters.metricApproximateNumberOfMessagesVisible({
      period: Duration.minutes(options.periodMinutes),
    }),
    threshold: 0,
    comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
    evaluationPeriods: 1,
    treatMissingData: TreatMissingData.NOT_BREACHING,
  });
}
