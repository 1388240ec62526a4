import { ArnFormat, Duration, Stack } from 'aws-cdk-lib';
import { LambdaIntegration, type RestApi } from 'aws-cdk-lib/aws-apigateway';
import type { IUserPool } from 'aws-cdk-lib/aws-cognito';
import { type IGrantable, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import type { SpecModule } from '../../functions/api.ts';
import type { DeployedEnvironment, EnvSchema } from '../../shared/config/env.ts';
import { TABLES } from '../../shared/config/tables.ts';
import type { ApiFunctionSpec, Permission } from '../../shared/http/endpoint-spec.ts';
import { writeServedEntry } from '../api-build.ts';
import type { DataStack } from '../stacks/data-stack.ts';
import { AppFunction } from './app-function.ts';
import { acknowledge } from './nag.ts';

/** What the API's functions may be given: the deployment's resources, by role. */
export interface ApiResources {
  data: DataStack;
  tierQueues: readonly IQueue[];
  mailQueue: IQueue;
  webhookDeliveryQueue: IQueue;
  officerPool: IUserPool;
  /** Secrets Manager prefix of the agencies' inbound webhook secrets. */
  agencyWebhookSecretPrefix: string;
}

/**
 * The narrowest grant for each permission a spec may name. A record over every permission, so that a
 * new permission cannot be declared without saying what it grants.
 */
function permissionGrants(
  scope: Construct,
  resources: ApiResources,
): Record<Permission, (fn: IFunction) => void> {
  const { data } = resources;
  const sign = (fn: IGrantable) => {
    for (const key of [data.signingKey, data.rsaSigningKey]) key.grant(fn, 'kms:Sign');
  };
  return {
    'reference:read': (fn) => data.reference.grantReadData(fn),
    'dossiers:read': (fn) => data.dossiers.grantReadData(fn),
    'dossiers:readWrite': (fn) => data.dossiers.grantReadWriteData(fn),
    'dossiers:write': (fn) => data.dossiers.grantWriteData(fn),
    'dossiers:getAndUpdate': (fn) => {
      data.dossiers.grant(fn, 'dynamodb:GetItem', 'dynamodb:UpdateItem');
      data.dataKey.grant(fn, 'kms:Decrypt', 'kms:GenerateDataKey');
    },
    'counters:write': (fn) => data.counters.grantWriteData(fn),
    'queueCounts:read': (fn) => {
      data.queueCounts.grant(fn, 'dynamodb:BatchGetItem', 'dynamodb:Query');
      data.dataKey.grant(fn, 'kms:Decrypt');
    },
    'idempotency:readWrite': (fn) => data.idempotency.grantReadWriteData(fn),
    // The table's key is the data key, which a Dossiers grant of the same function covers.
    'uploadClaims:getAndPut': (fn) => data.idempotency.grant(fn, 'dynamodb:GetItem', 'dynamodb:PutItem'),
    'kpi:read': (fn) => data.kpi.grantReadData(fn),
    'kpi:query': (fn) => data.kpi.grant(fn, 'dynamodb:Query'),
    'webhooks:readWrite': (fn) => data.webhooks.grantReadWriteData(fn),
    'documents:read': (fn) => data.documents.grantReadData(fn),
    'documents:readWrite': (fn) => data.documents.grantReadWriteData(fn),
    'dataKey:decrypt': (fn) => data.dataKey.grant(fn, 'kms:Decrypt'),
    'dataKey:seal': (fn) => data.dataKey.grant(fn, 'kms:GenerateDataKey', 'kms:Decrypt'),
    'signingKeys:sign': sign,
    'ecSigningKey:sign': (fn) => data.signingKey.grant(fn, 'kms:Sign'),
    'signingKeys:publish': (fn) => {
      for (const key of [...data.signingKeys.map((k) => k.key), data.rsaSigningKey])
        key.grant(fn, 'kms:GetPublicKey');
    },
    'tierQueues:send': (fn) => {
      for (const queue of resources.tierQueues) queue.grantSendMessages(fn);
    },
    'mailQueue:send': (fn) => resources.mailQueue.grantSendMessages(fn),
    'webhookDeliveryQueue:send': (fn) => resources.webhookDeliveryQueue.grantSendMessages(fn),
    'audit:append': (fn) => data.grantAuditAppend(fn),
    'audit:read': (fn) => {
      data.audit.grant(fn, 'dynamodb:Query');
      data.dataKey.grant(fn, 'kms:Decrypt');
    },
    'mailEvents:read': (fn) => {
      fn.addToRolePolicy(
        new PolicyStatement({
          actions: ['dynamodb:GetItem'],
          resources: [data.mail.tableArn],
          // The sends' items name their recipients in the key; only the message items are readable.
          conditions: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['message#*'] } },
        }),
      );
      data.dataKey.grant(fn, 'kms:Decrypt');
    },
    'officers:lookup': (fn) => data.grantOfficerLookup(fn),
    'officers:ofUnit': (fn) => data.grantOfficersOfUnit(fn),
    'officers:administer': (fn) => {
      // The administrator APIs the use cases call, on this pool only; no password or attribute writes.
      resources.officerPool.grant(
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
          resources: [`${data.officers.tableArn}/index/${TABLES.officers.indexes.byAgency.name}`],
        }),
      );
      data.dataKey.grant(fn, 'kms:Decrypt', 'kms:GenerateDataKey');
    },
    // Failed lookup secrets are counted in the Counters table, whose items are sealed with the data key.
    lookupGate: (fn) => {
      data.counters.grant(fn, 'dynamodb:BatchGetItem', 'dynamodb:UpdateItem', 'dynamodb:PutItem');
      data.dataKey.grant(fn, 'kms:Decrypt', 'kms:GenerateDataKey');
    },
    'uploads:presign': (fn) => data.grantUpload(fn),
    'uploads:read': (fn) => data.grantReadUploads(fn),
    'uploads:bind': (fn) => data.grantBindUploads(fn),
    'dossierFiles:get': (fn) => data.grantReadDossierFiles(fn),
    'dossierResults:get': (fn) => data.grantReadDossierFiles(fn, 'result'),
    'forms:store': (fn) => data.grantFormDocuments(fn),
    'documentFiles:put': (fn) => data.grantDocumentFiles(fn, ['s3:PutObject']),
    'documentFiles:get': (fn) => data.grantDocumentFiles(fn, ['s3:GetObject']),
    'searchKey:mac': (fn) => data.searchKey.grant(fn, 'kms:GenerateMac'),
    'agencyWebhookSecrets:read': (fn) => {
      const prefix = resources.agencyWebhookSecretPrefix;
      fn.addToRolePolicy(
        new PolicyStatement({
          actions: ['secretsmanager:GetSecretValue'],
          resources: [
            Stack.of(scope).formatArn({
              service: 'secretsmanager',
              resource: 'secret',
              resourceName: `${prefix}*`,
              arnFormat: ArnFormat.COLON_RESOURCE_NAME,
            }),
          ],
        }),
      );
      acknowledge(fn, {
        [`AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:secretsmanager:<AWS::Region>:<AWS::AccountId>:secret:${prefix}*]`]:
          'One secret per agency under this prefix (Secrets Manager appends a random suffix to each ARN); read-only.',
      });
    },
  };
}

export interface ApiFunctionsProps {
  api: RestApi;
  specs: readonly ApiFunctionSpec[];
  /** Where each spec is declared: a spec wired by `serve` gets an entry generated from it. */
  modules: ReadonlyMap<ApiFunctionSpec, SpecModule>;
  resources: ApiResources;
  /**
   * The value of every environment variable a spec may declare. A spec naming a variable that is not
   * here fails the synth, as does a literal value its schema refuses.
   */
  environment: Record<string, string>;
}

/** Deploys each spec's function with its environment and grants, and routes its endpoints to it. */
export function deployApiFunctions(
  scope: Construct,
  props: ApiFunctionsProps,
): Map<string, AppFunction<EnvSchema>> {
  const grants = permissionGrants(scope, props.resources);
  const deployed = new Map<string, AppFunction<EnvSchema>>();
  for (const spec of props.specs) {
    const fn = new AppFunction(scope, spec.id, {
      entry: spec.handler ?? servedEntry(spec, props.modules),
      description: spec.description,
      envSchema: spec.env,
      environment: environmentFor(spec, props.environment),
      ...(spec.memorySize ? { memorySize: spec.memorySize } : {}),
      ...(spec.timeoutSeconds ? { timeout: Duration.seconds(spec.timeoutSeconds) } : {}),
    });
    for (const permission of new Set(spec.permissions)) grants[permission](fn.function);
    const integration = new LambdaIntegration(fn.function);
    for (const { method, path } of spec.endpoints) {
      const resource = path === '/' ? props.api.root : props.api.root.resourceForPath(path);
      resource.addMethod(method, integration);
    }
    deployed.set(spec.id, fn);
  }
  return deployed;
}

function servedEntry(spec: ApiFunctionSpec, modules: ReadonlyMap<ApiFunctionSpec, SpecModule>): string {
  const module = modules.get(spec);
  if (!module) throw new Error(`${spec.id}: wired by serve() but its spec file is not known`);
  return writeServedEntry(spec, module);
}

function environmentFor(
  spec: ApiFunctionSpec,
  values: Record<string, string>,
): DeployedEnvironment<EnvSchema> {
  const environment: Record<string, string> = {};
  for (const [key, field] of Object.entries(spec.env.shape)) {
    const value = values[key];
    if (value !== undefined) environment[key] = value;
    else if (!field.safeParse(undefined).success)
      throw new Error(`${spec.id}: no deployment value for its required variable ${key}`);
  }
  return environment;
}
