import { ArnFormat, Stack } from 'aws-cdk-lib';
import { LambdaIntegration, type RestApi } from 'aws-cdk-lib/aws-apigateway';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { webhookInboundEnv, webhookManageEnv } from '../../shared/config/env.ts';
import type { DeploymentConfig } from '../config.ts';
import type { DataStack } from '../stacks/data-stack.ts';
import type { MailStack } from '../stacks/mail-stack.ts';
import { AppFunction } from './app-function.ts';
import { acknowledge } from './nag.ts';
import type { OfficerPoolEnvironment } from './officer-pool.ts';

export interface WebhooksApiProps {
  api: RestApi;
  config: DeploymentConfig;
  data: DataStack;
  mail: MailStack;
  deliveryQueue: Queue;
  officerPool: OfficerPoolEnvironment;
}

/** Agencies' operators manage their subscriptions; agency systems post signed updates. */
export class WebhooksApi extends Construct {
  constructor(
    scope: Construct,
    id: string,
    { api, config, data, mail, deliveryQueue, officerPool }: WebhooksApiProps,
  ) {
    super(scope, id);
    const manage = new AppFunction(this, 'ManageWebhooks', {
      entry: 'webhooks/manage.ts',
      description: 'Webhook subscriptions of the operator’s agency: create, rotate, pause, attempts, replay',
      envSchema: webhookManageEnv,
      environment: {
        WEBHOOKS_TABLE: data.webhooks.tableName,
        DELIVERY_QUEUE_URL: deliveryQueue.queueUrl,
        REFERENCE_TABLE: data.reference.tableName,
        ALLOWED_PRIVATE_ADDRESSES: JSON.stringify(config.webhookAllowedPrivateAddresses),
        ...officerPool,
      },
    });
    data.webhooks.grantReadWriteData(manage.function);
    data.reference.grantReadData(manage.function);
    deliveryQueue.grantSendMessages(manage.function);
    data.grantOfficerLookup(manage.function);

    const secretPrefix = `${config.stackPrefix.toLowerCase()}/agency-webhooks/`;
    const inbound = new AppFunction(this, 'InboundWebhook', {
      entry: 'webhooks/inbound.ts',
      description: 'Applies a signed update from an agency system to a dossier that agency holds',
      envSchema: webhookInboundEnv,
      environment: {
        WEBHOOKS_TABLE: data.webhooks.tableName,
        DOSSIERS_TABLE: data.dossiers.tableName,
        AUDIT_TABLE: data.audit.tableName,
        AUDIT_PENDING_TABLE: data.auditPending.tableName,
        MAIL_QUEUE_URL: mail.queue.queueUrl,
        AGENCY_SECRET_PREFIX: secretPrefix,
      },
    });
    data.webhooks.grantReadWriteData(inbound.function);
    data.dossiers.grantReadWriteData(inbound.function);
    data.grantAuditAppend(inbound.function);
    mail.queue.grantSendMessages(inbound.function);
    inbound.function.addToRolePolicy(
      new PolicyStatement({
        actions: ['secretsmanager:GetSecretValue'],
        resources: [
          Stack.of(this).formatArn({
            service: 'secretsmanager',
            resource: 'secret',
            resourceName: `${secretPrefix}*`,
            arnFormat: ArnFormat.COLON_RESOURCE_NAME,
          }),
        ],
      }),
    );

    acknowledge(inbound.function, {
      [`AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:secretsmanager:<AWS::Region>:<AWS::AccountId>:secret:${secretPrefix}*]`]:
        'One secret per agency under this prefix (Secrets Manager appends a random suffix to each ARN); read-only.',
    });

    const route = (path: string, method: string, fn: { function: IFunction }) =>
      api.root.resourceForPath(path).addMethod(method, new LambdaIntegration(fn.function));
    route('/officer/webhooks', 'POST', manage);
    route('/officer/webhooks', 'GET', manage);
    route('/officer/webhooks/{id}/rotate', 'POST', manage);
    route('/officer/webhooks/{id}/state', 'POST', manage);
    route('/officer/webhooks/{id}/deliveries', 'GET', manage);
    route('/officer/webhooks/{id}/deliveries/{eventId}/replay', 'POST', manage);
    route('/agency-systems/{agencyCode}/webhooks', 'POST', inbound);
  }
}
