import { CfnOutput, Duration, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import {
  AccessLogFormat,
  LambdaIntegration,
  LogGroupLogDestination,
  MethodLoggingLevel,
  RestApi,
} from 'aws-cdk-lib/aws-apigateway';
import {
  AccountRecovery,
  ClientAttributes,
  FeaturePlan,
  Mfa,
  StandardThreatProtectionMode,
  StringAttribute,
  UserPool,
} from 'aws-cdk-lib/aws-cognito';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { StringParameter } from 'aws-cdk-lib/aws-ssm';
import { CfnWebACL, CfnWebACLAssociation } from 'aws-cdk-lib/aws-wafv2';
import type { Construct } from 'constructs';
import {
  benchFloorEnv,
  citizenFormEnv,
  createUploadEnv,
  feedbackEnv,
  formDownloadEnv,
  getDossierEnv,
  kpiReportEnv,
  listProceduresEnv,
  noEnv,
  officerActionEnv,
  officerEnv,
  readKpiEnv,
  signingKeysEnv,
  submitDossierEnv,
  withdrawEnv,
} from '../../shared/config/env.ts';
import type { DeploymentConfig } from '../config.ts';
import { AppFunction } from '../constructs/app-function.ts';
import { DocumentExchangeApi } from '../constructs/document-exchange-api.ts';
import { acknowledge } from '../constructs/nag.ts';
import type { OfficerPoolEnvironment } from '../constructs/officer-pool.ts';
import { OfficersApi } from '../constructs/officers-api.ts';
import { WebhooksApi } from '../constructs/webhooks-api.ts';
import type { DataStack } from './data-stack.ts';
import type { MailStack } from './mail-stack.ts';
import type { RoutingStack } from './routing-stack.ts';
import type { WebhooksStack } from './webhooks-stack.ts';

export const API_STAGE = 'v1';

/**
 * Stage and per-method throttles (requests per second, burst); the sizing is in
 * docs/capacity-throttles.md. Routes not named here share the stage's limit.
 */
export const STAGE_THROTTLE = { rate: 200, burst: 400 };
export const METHOD_THROTTLES: Record<string, { rate: number; burst: number }> = {
  '/dossiers/POST': { rate: 50, burst: 100 },
  '/dossiers/{code}/GET': { rate: 100, burst: 200 },
  '/dossiers/{code}/forms/{form}/GET': { rate: 20, burst: 40 },
  '/officer/dossiers/{code}/forms/{form}/GET': { rate: 20, burst: 40 },
  '/kpi/report/GET': { rate: 5, burst: 10 },
};
/** Requests one address may send in any 5 minutes before the web ACL blocks it. */
export const WEB_ACL_RATE_LIMIT = 1500;

/** The public REST API: citizen form, catalog, intake, lookup, signing and KPI reads. */
export class ApiStack extends Stack {
  readonly api: RestApi;

  constructor(
    scope: Construct,
    id: string,
    config: DeploymentConfig,
    data: DataStack,
    mail: MailStack,
    routing: RoutingStack,
    webhooks: WebhooksStack,
    props?: StackProps,
  ) {
    super(scope, id, props);
    this.api = new RestApi(this, 'PublicApi', {
      restApiName: 'motcua-public-api',
      description: 'Một cửa điện tử liên thông — public API',
      // Lambda proxies answer PDFs as base64; API Gateway decodes them only for binary media types, and
      // matches only the first type of the Accept header (a browser's is text/html), hence every type.
      // Request bodies then arrive base64-encoded, which every body-reading handler decodes.
      binaryMediaTypes: ['*/*'],
      deployOptions: {
        stageName: API_STAGE,
        throttlingRateLimit: STAGE_THROTTLE.rate,
        throttlingBurstLimit: STAGE_THROTTLE.burst,
        methodOptions: Object.fromEntries(
          Object.entries(METHOD_THROTTLES).map(([method, { rate, burst }]) => [
            method,
            { throttlingRateLimit: rate, throttlingBurstLimit: burst },
          ]),
        ),
        loggingLevel: MethodLoggingLevel.ERROR,
        accessLogDestination: new LogGroupLogDestination(
          new LogGroup(this, 'AccessLogs', {
            retention: RetentionDays.ONE_YEAR,
            removalPolicy: RemovalPolicy.DESTROY,
          }),
        ),
        accessLogFormat: AccessLogFormat.jsonWithStandardFields(),
      },
      // API Gateway writes logs through one account-wide role.
      cloudWatchRole: true,
      cloudWatchRoleRemovalPolicy: RemovalPolicy.DESTROY,
    });
    acknowledge(this.api, {
      'AwsSolutions-APIG2':
        'Requests are validated by the handlers with the same zod schemas as the OpenAPI document, which answer with bilingual field errors.',
      'AwsSolutions-APIG4':
        'Citizen endpoints are public by design; dossier lookup requires its lookup secret. Officer and agency endpoints carry their own authorisation.',
      'AwsSolutions-COG4': 'Citizens do not hold accounts; see AwsSolutions-APIG4.',
      'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs]':
        'AWS’s own policy for the account-wide API Gateway logging role.',
    });

    // The emulator cannot associate a web ACL: its deployments turn it off (scripts/lib/common.sh).
    if (config.webAcl) this.attachWebAcl();

    // Pages and the OpenAPI document are bundled into their functions: no configuration, no grants.
    const staticFunction = (id: string, entry: string, description: string) =>
      new AppFunction(this, id, { entry, description, envSchema: noEnv, environment: {} });
    // The form's script uploads straight to the bucket, so the page's policy names the bucket's origin.
    const citizenForm = new AppFunction(this, 'CitizenForm', {
      entry: 'web/citizen-form.ts',
      description: 'Serves the citizen form page',
      envSchema: citizenFormEnv,
      environment: { ATTACHMENTS_BUCKET: data.attachments.bucketName },
    });
    const verifyPage = staticFunction(
      'VerifyPage',
      'web/verify-page.ts',
      'Serves the public signature verification page',
    );
    const lookupPage = staticFunction(
      'LookupPage',
      'web/lookup-page.ts',
      'Serves the citizen status lookup page',
    );
    const dashboardPage = staticFunction(
      'DashboardPage',
      'web/dashboard-page.ts',
      'Serves the public KPI dashboard page',
    );
    const openApi = staticFunction('OpenApi', 'web/openapi.ts', 'Serves the OpenAPI 3.1 document');
    const listProcedures = new AppFunction(this, 'ListProcedures', {
      entry: 'catalog/list-procedures.ts',
      description: 'Lists the procedures catalog',
      envSchema: listProceduresEnv,
      environment: { REFERENCE_TABLE: data.reference.tableName },
    });
    data.reference.grantReadData(listProcedures.function);

    const createUpload = new AppFunction(this, 'CreateUpload', {
      entry: 'attachments/create-upload.ts',
      description: 'Presigns one attachment upload',
      envSchema: createUploadEnv,
      environment: { ATTACHMENTS_BUCKET: data.attachments.bucketName },
    });
    data.grantUpload(createUpload.function);

    const tierQueueUrls = Object.fromEntries(
      [...routing.queues].map(([tier, queue]) => [tier, queue.queueUrl]),
    );
    const submitDossier = new AppFunction(this, 'SubmitDossier', {
      entry: 'dossiers/submit.ts',
      description: 'Receives a dossier, signs its receipt and routes it to its tier',
      envSchema: submitDossierEnv,
      environment: {
        DOSSIERS_TABLE: data.dossiers.tableName,
        AUDIT_TABLE: data.audit.tableName,
        AUDIT_PENDING_TABLE: data.auditPending.tableName,
        COUNTERS_TABLE: data.counters.tableName,
        REFERENCE_TABLE: data.reference.tableName,
        IDEMPOTENCY_TABLE: data.idempotency.tableName,
        ATTACHMENTS_BUCKET: data.attachments.bucketName,
        SIGNING_KEY_ID: data.signingKey.keyArn,
        RSA_SIGNING_KEY_ID: data.rsaSigningKey.keyArn,
        DATA_KEY_ID: data.dataKey.keyArn,
        TIER_QUEUE_URLS: this.toJsonString(tierQueueUrls),
      },
    });
    data.dataKey.grant(submitDossier.function, 'kms:GenerateDataKey', 'kms:Decrypt');
    data.reference.grantReadData(submitDossier.function);
    data.dossiers.grantWriteData(submitDossier.function);
    data.counters.grantWriteData(submitDossier.function);
    data.idempotency.grantReadWriteData(submitDossier.function);
    data.grantReadUploads(submitDossier.function);
    data.grantBindUploads(submitDossier.function);
    for (const key of [data.signingKey, data.rsaSigningKey]) key.grant(submitDossier.function, 'kms:Sign');
    for (const queue of routing.queues.values()) queue.grantSendMessages(submitDossier.function);

    // Citizen routes taking the lookup secret count failed checks in the Counters table.
    const lookupGate = {
      COUNTERS_TABLE: data.counters.tableName,
      LOOKUP_THROTTLE_EXEMPT_SOURCES: JSON.stringify(config.lookupThrottleExemptSources),
    };
    const grantLookupGate = (fn: { function: IFunction }) => {
      data.counters.grant(fn.function, 'dynamodb:BatchGetItem', 'dynamodb:UpdateItem', 'dynamodb:PutItem');
      data.dataKey.grant(fn.function, 'kms:Decrypt', 'kms:GenerateDataKey');
    };
    const getDossier = new AppFunction(this, 'GetDossier', {
      entry: 'dossiers/get.ts',
      description: 'Looks a dossier up by code and lookup secret',
      envSchema: getDossierEnv,
      environment: {
        DOSSIERS_TABLE: data.dossiers.tableName,
        AUDIT_TABLE: data.audit.tableName,
        AUDIT_PENDING_TABLE: data.auditPending.tableName,
        ...lookupGate,
      },
    });
    data.dossiers.grantReadData(getDossier.function);
    grantLookupGate(getDossier);

    const signingEnvironment = {
      SIGNING_KEYS: this.toJsonString([
        ...data.signingKeys.map(({ generation, key }) => ({
          keyId: key.keyArn,
          algorithm: 'ECDSA_SHA_256',
          validFrom: generation.validFrom,
          ...(generation.retiredAt ? { retiredAt: generation.retiredAt } : {}),
        })),
        {
          keyId: data.rsaSigningKey.keyArn,
          algorithm: 'RSASSA_PSS_SHA_256',
          validFrom: data.signingKeys[0]?.generation.validFrom,
        },
      ]),
    };
    const listKeys = new AppFunction(this, 'ListSigningKeys', {
      entry: 'signing/list-keys.ts',
      description: 'Publishes the public signing keys (JWKS and PEM)',
      envSchema: signingKeysEnv,
      environment: signingEnvironment,
    });
    const verify = new AppFunction(this, 'VerifySignature', {
      entry: 'signing/verify.ts',
      description: 'Verifies a signed document',
      envSchema: signingKeysEnv,
      environment: signingEnvironment,
    });
    for (const fn of [listKeys, verify]) {
      for (const key of [...data.signingKeys.map((k) => k.key), data.rsaSigningKey])
        key.grant(fn.function, 'kms:GetPublicKey');
    }

    const readKpi = new AppFunction(this, 'ReadKpi', {
      entry: 'kpi/read.ts',
      description: 'Reads KPI rows',
      envSchema: readKpiEnv,
      environment: { KPI_TABLE: data.kpi.tableName },
    });
    data.kpi.grantReadData(readKpi.function);
    const kpiReport = new AppFunction(this, 'KpiReport', {
      entry: 'kpi/report.ts',
      description: 'Renders one unit’s KPI report for a period as a one-page PDF',
      envSchema: kpiReportEnv,
      memorySize: 512,
      timeout: Duration.seconds(20),
      environment: { KPI_TABLE: data.kpi.tableName },
    });
    // It only queries one period's partition: no scans, no item reads, no streams.
    data.kpi.grant(kpiReport.function, 'dynamodb:Query');
    data.dataKey.grant(kpiReport.function, 'kms:Decrypt');

    const withdraw = new AppFunction(this, 'WithdrawDossier', {
      entry: 'dossiers/withdraw.ts',
      description: 'Lets the citizen withdraw a dossier with its lookup secret',
      envSchema: withdrawEnv,
      environment: {
        DOSSIERS_TABLE: data.dossiers.tableName,
        AUDIT_TABLE: data.audit.tableName,
        AUDIT_PENDING_TABLE: data.auditPending.tableName,
        ...lookupGate,
      },
    });
    data.dossiers.grantReadWriteData(withdraw.function);
    grantLookupGate(withdraw);

    const feedback = new AppFunction(this, 'DossierFeedback', {
      entry: 'dossiers/feedback.ts',
      description: 'Records the citizen feedback on a settled dossier, once',
      envSchema: feedbackEnv,
      environment: { DOSSIERS_TABLE: data.dossiers.tableName, ...lookupGate },
    });
    grantLookupGate(feedback);
    // Reads the dossier and sets its feedback attribute: no deletes, no other table.
    data.dossiers.grant(feedback.function, 'dynamodb:GetItem', 'dynamodb:UpdateItem');
    data.dataKey.grant(feedback.function, 'kms:Decrypt', 'kms:GenerateDataKey');

    // Officers sign in with Cognito, which proves who they are; their unit and roles are the Officers
    // table's, written only by administrators. `custom:agency_code` stays in the schema because Cognito
    // cannot drop an attribute from an existing pool; nothing reads it and no app client may write it.
    const officers = new UserPool(this, 'Officers', {
      userPoolName: 'motcua-officers',
      selfSignUpEnabled: false,
      signInAliases: { username: true, email: true },
      customAttributes: { agency_code: new StringAttribute({ minLen: 3, maxLen: 35, mutable: true }) },
      passwordPolicy: {
        minLength: 12,
        requireDigits: true,
        requireLowercase: true,
        requireUppercase: true,
        requireSymbols: true,
      },
      mfa: Mfa.REQUIRED,
      mfaSecondFactor: { otp: true, sms: false },
      ...(config.officerThreatProtection
        ? {
            featurePlan: FeaturePlan.PLUS,
            standardThreatProtectionMode: StandardThreatProtectionMode.FULL_FUNCTION,
          }
        : {}),
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      userInvitation: {
        emailSubject: 'Tài khoản cán bộ Một cửa điện tử / Your officer account',
        emailBody:
          'Xin chào,<br>Quản trị viên đã tạo tài khoản cán bộ cho bạn trên hệ thống Một cửa điện tử.<br>' +
          'Tên đăng nhập: {username}<br>Mật khẩu tạm thời: {####}<br>' +
          'Bạn sẽ được yêu cầu đổi mật khẩu và cài đặt xác thực hai lớp (TOTP) ở lần đăng nhập đầu tiên.<br><br>' +
          'Hello,<br>An administrator created your officer account. Username: {username}, temporary password: {####}. ' +
          'You will be asked to change it and to set up two-factor authentication (TOTP) when you first sign in.',
      },
      removalPolicy: RemovalPolicy.RETAIN,
    });
    // Officers may change their own name and phone, nothing else; no hosted OAuth flows (no implicit
    // grant, no placeholder callback URLs) until the workspace registers its own.
    const officerPortal = officers.addClient('OfficerPortal', {
      authFlows: { userSrp: true, adminUserPassword: true },
      preventUserExistenceErrors: true,
      disableOAuth: true,
      readAttributes: new ClientAttributes()
        .withStandardAttributes({ email: true, emailVerified: true, fullname: true, phoneNumber: true })
        .withCustomAttributes(),
      writeAttributes: new ClientAttributes().withStandardAttributes({ fullname: true, phoneNumber: true }),
    });
    if (!config.officerThreatProtection) {
      acknowledge(officers, {
        'AwsSolutions-COG3':
          'This deployment opted out of Cognito Plus threat protection (officerThreatProtection=false); MFA is required.',
        'AwsSolutions-COG8':
          'This deployment opted out of the Cognito Plus plan (officerThreatProtection=false).',
      });
    }
    const officerPool: OfficerPoolEnvironment = {
      USER_POOL_ID: officers.userPoolId,
      USER_POOL_CLIENT_ID: officerPortal.userPoolClientId,
      OFFICERS_TABLE: data.officers.tableName,
    };
    const officerEnvironment = {
      DOSSIERS_TABLE: data.dossiers.tableName,
      AUDIT_TABLE: data.audit.tableName,
      AUDIT_PENDING_TABLE: data.auditPending.tableName,
      REFERENCE_TABLE: data.reference.tableName,
      ...officerPool,
    };
    const officerQueue = new AppFunction(this, 'OfficerQueue', {
      entry: 'officer/list-queue.ts',
      description: "Lists the dossiers held by the officer's unit",
      envSchema: officerEnv,
      environment: officerEnvironment,
    });
    const officerDossier = new AppFunction(this, 'OfficerDossier', {
      entry: 'officer/get-dossier.ts',
      description: "Shows one dossier held by the officer's unit",
      envSchema: officerEnv,
      environment: officerEnvironment,
    });
    for (const fn of [officerQueue, officerDossier]) {
      data.dossiers.grantReadData(fn.function);
      data.reference.grantReadData(fn.function);
    }
    const officerAction = new AppFunction(this, 'OfficerAction', {
      entry: 'officer/act.ts',
      description: 'Applies an officer action to a dossier through the lifecycle rules',
      envSchema: officerActionEnv,
      environment: {
        ...officerEnvironment,
        ATTACHMENTS_BUCKET: data.attachments.bucketName,
        UPLOAD_CLAIMS_TABLE: data.idempotency.tableName,
        SIGNING_KEY_ID: data.signingKey.keyArn,
        RSA_SIGNING_KEY_ID: data.rsaSigningKey.keyArn,
        MAIL_QUEUE_URL: mail.queue.queueUrl,
      },
    });
    for (const key of [data.signingKey, data.rsaSigningKey]) key.grant(officerAction.function, 'kms:Sign');
    data.grantReadUploads(officerAction.function);
    data.grantBindUploads(officerAction.function);
    // Claims of result uploads; the table's key is the data key, which the Dossiers grant covers.
    data.idempotency.grant(officerAction.function, 'dynamodb:GetItem', 'dynamodb:PutItem');
    mail.queue.grantSendMessages(officerAction.function);

    data.dossiers.grantReadWriteData(officerAction.function);
    data.reference.grantReadData(officerAction.function);

    const formDownload = new AppFunction(this, 'FormDownload', {
      entry: 'forms/download.ts',
      description: 'Renders, signs and stores forms 01–06 as PDF, and links them for download',
      envSchema: formDownloadEnv,
      memorySize: 512,
      timeout: Duration.seconds(20),
      environment: {
        ...officerEnvironment,
        ATTACHMENTS_BUCKET: data.attachments.bucketName,
        SIGNING_KEY_ID: data.signingKey.keyArn,
        RSA_SIGNING_KEY_ID: data.rsaSigningKey.keyArn,
        API_ID: this.api.restApiId,
        API_STAGE,
        ...lookupGate,
      },
    });
    data.dossiers.grantReadData(formDownload.function);
    grantLookupGate(formDownload);
    data.reference.grantReadData(formDownload.function);
    for (const key of [data.signingKey, data.rsaSigningKey]) key.grant(formDownload.function, 'kms:Sign');
    data.grantFormDocuments(formDownload.function);

    for (const fn of [submitDossier, getDossier, withdraw, officerDossier, officerAction, formDownload]) {
      data.grantAuditAppend(fn.function);
    }
    for (const fn of [officerQueue, officerDossier, officerAction, formDownload]) {
      data.grantOfficerLookup(fn.function);
    }

    new WebhooksApi(this, 'Webhooks', {
      api: this.api,
      config,
      data,
      mail,
      deliveryQueue: webhooks.deliveryQueue,
      officerPool,
    });
    if (this.node.tryGetContext('benchFloor') === 'true' || this.node.tryGetContext('benchFloor') === true) {
      // The intake benchmark's floor endpoint, never part of a normal deployment.
      const floorQueue = new Queue(this, 'BenchFloorQueue', {
        encryption: QueueEncryption.SQS_MANAGED,
        enforceSSL: true,
      });
      const floor = new AppFunction(this, 'BenchFloor', {
        entry: 'bench/floor.ts',
        description: 'Benchmark floor: the AWS requests of an intake without domain code',
        envSchema: benchFloorEnv,
        environment: {
          REFERENCE_TABLE: data.reference.tableName,
          COUNTERS_TABLE: data.counters.tableName,
          QUEUE_URL: floorQueue.queueUrl,
        },
      });
      data.reference.grantReadData(floor.function);
      data.counters.grantReadWriteData(floor.function);
      floorQueue.grantSendMessages(floor.function);
      acknowledge(floorQueue, { 'AwsSolutions-SQS3': 'Benchmark-only queue that nothing consumes.' });
      this.api.root.resourceForPath('/bench/floor').addMethod('POST', new LambdaIntegration(floor.function));
    }
    new OfficersApi(this, 'OfficerAdministration', { api: this.api, data, userPool: officers, officerPool });
    new DocumentExchangeApi(this, 'DocumentExchange', {
      api: this.api,
      config,
      data,
      routing,
      officerPool,
      signingKeys: signingEnvironment,
    });

    const route = (resourcePath: string, method: string, fn: IFunction) => {
      const resource = resourcePath === '/' ? this.api.root : this.api.root.resourceForPath(resourcePath);
      resource.addMethod(method, new LambdaIntegration(fn));
    };
    route('/', 'GET', citizenForm.function);
    route('/openapi.json', 'GET', openApi.function);
    route('/procedures', 'GET', listProcedures.function);
    route('/attachments', 'POST', createUpload.function);
    route('/dossiers', 'POST', submitDossier.function);
    route('/dossiers/{code}', 'GET', getDossier.function);
    route('/signing-keys', 'GET', listKeys.function);
    route('/verify', 'POST', verify.function);
    route('/verify', 'GET', verifyPage.function);
    route('/kpi', 'GET', readKpi.function);
    route('/kpi/report', 'GET', kpiReport.function);
    route('/dashboard', 'GET', dashboardPage.function);
    route('/dossiers/{code}/withdraw', 'POST', withdraw.function);
    route('/dossiers/{code}/feedback', 'POST', feedback.function);
    route('/lookup', 'GET', lookupPage.function);
    route('/officer/dossiers', 'GET', officerQueue.function);
    route('/officer/dossiers/{code}', 'GET', officerDossier.function);
    route('/officer/dossiers/{code}/actions', 'POST', officerAction.function);
    route('/dossiers/{code}/forms/{form}', 'GET', formDownload.function);
    route('/officer/dossiers/{code}/forms/{form}', 'GET', formDownload.function);

    // Mail is deployed before the API and links to its verification page: it reads where the API is here.
    new StringParameter(this, 'PublicApiLocation', {
      parameterName: config.publicApiParameter,
      stringValue: this.toJsonString({ apiId: this.api.restApiId, stage: API_STAGE }),
    });
    new CfnOutput(this, 'ApiId', { value: this.api.restApiId });
    new CfnOutput(this, 'ApiStage', { value: API_STAGE });
    new CfnOutput(this, 'ApiUrl', { value: this.api.url });
    new CfnOutput(this, 'OfficerUserPoolId', { value: officers.userPoolId });
    new CfnOutput(this, 'OfficerUserPoolClientId', { value: officerPortal.userPoolClientId });
  }

  /**
   * A regional web ACL on the stage: a per-address rate limit before anything else, then AWS's
   * managed rules for common exploits, known bad inputs and addresses with a bad reputation.
   */
  private attachWebAcl(): void {
    const visibility = (metricName: string) => ({
      cloudWatchMetricsEnabled: true,
      metricName,
      sampledRequestsEnabled: true,
    });
    const managed = (name: string, priority: number, countOnly: string[] = []) => ({
      name,
      priority,
      overrideAction: { none: {} },
      statement: {
        managedRuleGroupStatement: {
          vendorName: 'AWS',
          name,
          ruleActionOverrides: countOnly.map((rule) => ({ name: rule, actionToUse: { count: {} } })),
        },
      },
      visibilityConfig: visibility(name),
    });
    const acl = new CfnWebACL(this, 'PublicApiWebAcl', {
      scope: 'REGIONAL',
      defaultAction: { allow: {} },
      visibilityConfig: visibility('motcua-public-api'),
      rules: [
        {
          name: 'RatePerAddress',
          priority: 0,
          action: { block: {} },
          statement: {
            rateBasedStatement: {
              limit: WEB_ACL_RATE_LIMIT,
              aggregateKeyType: 'IP',
              evaluationWindowSec: 300,
            },
          },
          visibilityConfig: visibility('RatePerAddress'),
        },
        // Bodies are capped by each handler (EDXML documents exceed the group's 8 KB), and free text
        // such as a feedback comment may contain markup, which the pages only ever write as text.
        managed('AWSManagedRulesCommonRuleSet', 1, ['SizeRestrictions_BODY', 'CrossSiteScripting_BODY']),
        managed('AWSManagedRulesKnownBadInputsRuleSet', 2),
        managed('AWSManagedRulesAmazonIpReputationList', 3),
      ],
    });
    new CfnWebACLAssociation(this, 'PublicApiWebAclAssociation', {
      resourceArn: this.api.deploymentStage.stageArn,
      webAclArn: acl.attrArn,
    });
  }
}
