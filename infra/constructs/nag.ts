import { Validations } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

/**
 * Records why a cdk-nag (AwsSolutions) finding is accepted, next to the construct that causes it.
 * Every acknowledgment needs a reason a reviewer can check.
 */
export function acknowledge(scope: IConstruct, reasons: Record<string, string>): void {
  for (const [id, reason] of Object.entries(reasons)) Validations.of(scope).acknowledge({ id, reason });
}

/** Findings every function of the platform shares, with the reason each is accepted. */
export const FUNCTION_ACKNOWLEDGMENTS = {
  'AwsSolutions-L1': 'Node.js 22 is the runtime this project pins and tests; upgrades are deliberate.',
  'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]':
    'The basic execution role only lets the function write its own CloudWatch logs.',
  'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/AWSXRayDaemonWriteAccess]':
    'X-Ray trace uploads: X-Ray has no resource-level permissions, and the policy allows nothing else.',
  'AwsSolutions-IAM5[Action::kms:ReEncrypt*]':
    'Added by CDK table grants for the customer-managed data key; scoped to that one key.',
  'AwsSolutions-IAM5[Action::kms:GenerateDataKey*]':
    'Added by CDK table grants for the customer-managed data key; scoped to that one key.',
};
