import { LambdaIntegration, type RestApi } from 'aws-cdk-lib/aws-apigateway';
import type { IUserPool } from 'aws-cdk-lib/aws-cognito';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { OFFICERS_BY_AGENCY_INDEX } from '../../shared/adapters/officer-directory.ts';
import { officerAdministrationEnv } from '../../shared/config/env.ts';
import type { DataStack } from '../stacks/data-stack.ts';
import { AppFunction } from './app-function.ts';
import type { OfficerPoolEnvironment } from './officer-pool.ts';

export interface OfficersApiProps {
  api: RestApi;
  data: DataStack;
  userPool: IUserPool;
  officerPool: OfficerPoolEnvironment;
}

/** Agency administrators (role quan_tri) manage the officers of their own unit. */
export class OfficersApi extends Construct {
  constructor(scope: Construct, id: string, { api, data, userPool, officerPool }: OfficersApiProps) {
    super(scope, id);
    const manage = new AppFunction(this, 'ManageOfficers', {
      entry: 'officers/manage.ts',
      description: 'Officers of the administrator’s unit: list, invite, roles, deactivate, reactivate',
      envSchema: officerAdministrationEnv,
      environment: {
        REFERENCE_TABLE: data.reference.tableName,
        AUDIT_TABLE: data.audit.tableName,
        AUDIT_PENDING_TABLE: data.auditPending.tableName,
        ...officerPool,
      },
    });
    const fn = manage.function;
    data.reference.grantReadData(fn);
    data.grantAuditAppend(fn);
    // The administrator APIs this use case calls, on this pool only; no password or attribute writes.
    userPool.grant(
      fn,
      'cognito-idp:AdminCreateUser',
      'cognito-idp:AdminGetUser',
      'cognito-idp:AdminDisableUser',
      'cognito-idp:AdminEnableUser',
      'cognito-idp:AdminUserGlobalSignOut',
    );
    fn.addToRolePolicy(
      new PolicyStatement({
        actions: ['dynamodb:GetItem', 'dynamodb:PutItem'],
        resources: [data.officers.tableArn],
      }),
    );
    fn.addToRolePolicy(
      new PolicyStatement({
        actions: ['dynamodb:Query'],
        resources: [`${data.officers.tableArn}/index/${OFFICERS_BY_AGENCY_INDEX}`],
      }),
    );
    data.dataKey.grant(fn, 'kms:Decrypt', 'kms:GenerateDataKey');

    const integration = new LambdaIntegration(fn);
    const officers = api.root.resourceForPath('/officer/officers');
    officers.addMethod('GET', integration);
    officers.addMethod('POST', integration);
    officers.resourceForPath('{username}/actions').addMethod('POST', integration);
  }
}
