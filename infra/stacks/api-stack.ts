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
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { DeduplicationScope, FifoThroughputLimit, Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { StringParameter } from 'aws-cdk-lib/aws-ssm';
import { CfnWebACL, CfnWebACLAssociation } from 'aws-cdk-lib/aws-wafv2';
import type { Construct } from 'constructs';
import { API_FUNCTIONS, SPEC_MODULES } from '../../functions/api.ts';
import { accountMailEnv, benchFloorEnv } from '../../shared/config/env.ts';
import { TEMPORARY_PASSWORD_DAYS } from '../../shared/domain/officers/account-mail.ts';
import type { Throttle } from '../../shared/http/endpoint-spec.ts';
import { DESIGN_PEAK_DOSSIERS_PER_SECOND, type DeploymentConfig } from '../config.ts';
import { deployApiFunctions } from '../constructs/api-functions.ts';
import { AppFunction } from '../constructs/app-function.ts';
import { acknowledge } from '../constructs/nag.ts';
import { grantReadPublicApiParameter } from '../constructs/public-api-parameter.ts';
import type { DataStack } from './data-stack.ts';
import type { MailStack } from './mail-stack.ts';
import type { RoutingStack } from './routing-stack.ts';
import type { WebhooksStack } from './webhooks-stack.ts';

export const API_STAGE = 'v1';

/**
 * Stage and per-method throttles (requests per second, burst) at the design peak
 * (`DESIGN_PEAK_DOSSIERS_PER_SECOND`); the sizing is in docs/capacity-throttles.md. Each method's own
 * comes from its endpoint spec; the others share the stage's. A deployment planned for another peak
 * (`-c plannedPeakDossiersPerSecond=…`) scales them all in proportion, never below these.
 */
export const STAGE_THROTTLE = { rate: 200, burst: 400 };
export const METHOD_THROTTLES: Record<string, Throttle> = Object.fromEntries(
  API_FUNCTIONS.flatMap(({ endpoints }) =>
    endpoints.flatMap(({ method, path, throttle }) => (throttle ? [[`${path}/${method}`, throttle]] : [])),
  ),
);

/** A designed throttle scaled to the planned peak, never below it. */
export function throttleFor(designed: Throttle, plannedPeakDossiersPerSecond: number): Throttle {
  const scale = Math.max(1, plannedPeakDossiersPerSecond / DESIGN_PEAK_DOSSIERS_PER_SECOND);
  return { rate: Math.ceil(designed.rate * scale), burst: Math.ceil(designed.burst * scale) };
}
/** Requests one address may send in any 5 minutes before the web ACL blocks it. */
export const WEB_ACL_RATE_LIMIT = 1500;

/** The public REST API: citizen form, catalog, intake, lookup, signing and KPI reads. */
export class ApiStack extends Stack {
  readonly api: RestApi;
  /** Construct ids of the API's functions, one per spec file under `functions/`. */
  readonly functionIds: string[];

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
    const stageThrottle = throttleFor(STAGE_THROTTLE, config.plannedPeakDossiersPerSecond);
    this.api = new RestApi(this, 'PublicApi', {
      restApiName: 'motcua-public-api',
      description: 'Một cửa điện tử liên thông — public API',
      // Lambda proxies answer PDFs as base64; API Gateway decodes them only for binary media types, and
      // matches only the first type of the Accept header (a browser's is text/html), hence every type.
      // Request bodies then arrive base64-encoded, which every body-reading handler decodes.
      binaryMediaTypes: ['*/*'],
      deployOptions: {
        stageName: API_STAGE,
        throttlingRateLimit: stageThrottle.rate,
        throttlingBurstLimit: stageThrottle.burst,
        methodOptions: Object.fromEntries(
          Object.entries(METHOD_THROTTLES).map(([method, designed]) => {
            const { rate, burst } = throttleFor(designed, config.plannedPeakDossiersPerSecond);
            return [method, { throttlingRateLimit: rate, throttlingBurstLimit: burst }];
          }),
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

    // The officers' invitation and code mails, in Vietnamese and linking to the workspace. It reads where
    // the API is at run time: a token of the API in the pool would make the pool depend on the API.
    const accountMail = new AppFunction(this, 'AccountMail', {
      entry: 'officers/account-mail.ts',
      description: 'Writes the officers’ invitation and code mails (Cognito custom message trigger)',
      envSchema: accountMailEnv,
      timeout: Duration.seconds(5),
      environment: { PUBLIC_API_PARAMETER: config.publicApiParameter },
    });
    grantReadPublicApiParameter(accountMail.function, config.publicApiParameter);

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
        tempPasswordValidity: Duration.days(TEMPORARY_PASSWORD_DAYS),
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
      lambdaTriggers: { customMessage: accountMail.function },
      // Sent only if the trigger leaves the invitation to the pool.
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
    const tierQueueUrls = Object.fromEntries(
      [...routing.queues].map(([tier, queue]) => [tier, queue.queueUrl]),
    );
    const signingKeys = [
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
    ];
    const agencyWebhookSecretPrefix = `${config.stackPrefix.toLowerCase()}/agency-webhooks/`;
    const functions = deployApiFunctions(this, {
      api: this.api,
      specs: API_FUNCTIONS,
      modules: SPEC_MODULES,
      resources: {
        data,
        tierQueues: [...routing.queues.values()],
        mailQueue: mail.queue,
        webhookDeliveryQueue: webhooks.deliveryQueue,
        officerPool: officers,
        agencyWebhookSecretPrefix,
      },
      environment: {
        DOSSIERS_TABLE: data.dossiers.tableName,
        AUDIT_TABLE: data.audit.tableName,
        AUDIT_PENDING_TABLE: data.auditPending.tableName,
        MAIL_TABLE: data.mail.tableName,
        COUNTERS_TABLE: data.counters.tableName,
        QUEUE_COUNTS_TABLE: data.queueCounts.tableName,
        REFERENCE_TABLE: data.reference.tableName,
        CALENDAR_CACHE_SECONDS: String(config.calendarCacheSeconds),
        IDEMPOTENCY_TABLE: data.idempotency.tableName,
        UPLOAD_CLAIMS_TABLE: data.idempotency.tableName,
        KPI_TABLE: data.kpi.tableName,
        DOCUMENTS_TABLE: data.documents.tableName,
        WEBHOOKS_TABLE: data.webhooks.tableName,
        OFFICERS_TABLE: data.officers.tableName,
        ATTACHMENTS_BUCKET: data.attachments.bucketName,
        SIGNING_KEY_ID: data.signingKey.keyArn,
        RSA_SIGNING_KEY_ID: data.rsaSigningKey.keyArn,
        DOCUMENT_SIGNING: config.documentSigning,
        DATA_KEY_ID: data.dataKey.keyArn,
        SEARCH_KEY_ID: data.searchKey.keyArn,
        SIGNING_KEYS: this.toJsonString(signingKeys),
        TIER_QUEUE_URLS: this.toJsonString(tierQueueUrls),
        TIERS: JSON.stringify(config.tiers),
        MAIL_QUEUE_URL: mail.queue.queueUrl,
        DELIVERY_QUEUE_URL: webhooks.deliveryQueue.queueUrl,
        ALLOWED_PRIVATE_ADDRESSES: JSON.stringify(config.webhookAllowedPrivateAddresses),
        AGENCY_SECRET_PREFIX: agencyWebhookSecretPrefix,
        LOOKUP_THROTTLE_EXEMPT_SOURCES: JSON.stringify(config.lookupThrottleExemptSources),
        USER_POOL_ID: officers.userPoolId,
        USER_POOL_CLIENT_ID: officerPortal.userPoolClientId,
        // What the workspace page tells the browser to sign in against (ids, not secrets).
        OFFICER_SIGN_IN: this.toJsonString({
          userPoolId: officers.userPoolId,
          clientId: officerPortal.userPoolClientId,
        }),
        API_ID: this.api.restApiId,
        API_STAGE,
      },
    });
    this.functionIds = [...functions.keys()];

    if (this.node.tryGetContext('benchFloor') === 'true' || this.node.tryGetContext('benchFloor') === true) {
      this.addBenchFloor(data);
    }

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

  /** The intake benchmark's floor endpoint, never part of a normal deployment. */
  private addBenchFloor(data: DataStack): void {
    const floorDossiers = data.benchFloorDossiers;
    if (!floorDossiers) throw new Error('-c benchFloor=true deploys the floor table with the data stack');
    // Laid out as a tier queue: FIFO, high throughput per message group.
    const floorQueue = new Queue(this, 'BenchFloorQueue', {
      fifo: true,
      deduplicationScope: DeduplicationScope.MESSAGE_GROUP,
      fifoThroughputLimit: FifoThroughputLimit.PER_MESSAGE_GROUP_ID,
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
        IDEMPOTENCY_TABLE: data.idempotency.tableName,
        FLOOR_DOSSIERS_TABLE: floorDossiers.tableName,
        ATTACHMENTS_BUCKET: data.attachments.bucketName,
        QUEUE_URL: floorQueue.queueUrl,
      },
    });
    data.reference.grantReadData(floor.function);
    data.counters.grantReadWriteData(floor.function);
    data.idempotency.grantReadWriteData(floor.function);
    floorDossiers.grantReadWriteData(floor.function);
    data.attachments.grantRead(floor.function, 'uploads/*');
    data.attachments.grantReadWrite(floor.function, 'bench-floor/*');
    floorQueue.grantSendMessages(floor.function);
    acknowledge(floorQueue, { 'AwsSolutions-SQS3': 'Benchmark-only queue that nothing consumes.' });
    this.api.root.resourceForPath('/bench/floor').addMethod('POST', new LambdaIntegration(floor.function));
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
