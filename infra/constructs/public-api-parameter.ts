import { Stack } from 'aws-cdk-lib';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';

/**
 * Lets a function read the SSM parameter that says where the public API is. Functions that link to
 * the API read it at run time, as a token of the API would make their stack depend on the API's.
 */
export function grantReadPublicApiParameter(fn: IFunction, parameterName: string): void {
  fn.addToRolePolicy(
    new PolicyStatement({
      actions: ['ssm:GetParameter'],
      resources: [
        Stack.of(fn).formatArn({
          service: 'ssm',
          resource: 'parameter',
          resourceName: parameterName.slice(1),
        }),
      ],
    }),
  );
}
