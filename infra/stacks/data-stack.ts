import { CfnElement, CfnOutput, Duration, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import {
  AttributeType,
  BillingMode,
  ProjectionType,
  StreamViewType,
  Table,
  TableEncryption,
} from 'aws-cdk-lib/aws-dynamodb';
import { type IGrantable, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { Alias, Key, KeySpec, KeyUsage } from 'aws-cdk-lib/aws-kms';
import {
  BlockPublicAccess,
  Bucket,
  BucketEncryption,
  HttpMethods,
  ObjectLockRetention,
  ObjectOwnership,
} from 'aws-cdk-lib/aws-s3';
import { StringParameter } from 'aws-cdk-lib/aws-ssm';
import { Construct } from 'constructs';
import { CHECKPOINTS_PREFIX } from '../../shared/adapters/audit-checkpoints.ts';
import { type KeyAttribute, TABLES, type TableLayout } from '../../shared/config/tables.ts';
import {
  DOSSIER_FILES_PREFIX,
  type DossierFileRole,
  UPLOADS_PREFIX,
} from '../../shared/domain/intake/attachment.ts';
import type { SigningKeyGeneration } from '../../shared/domain/signing/signing-keys.ts';
import type { DeploymentConfig } from '../config.ts';
import { acknowledge } from '../constructs/nag.ts';

// Citizens' and officers' uploads (one generated key per file, writable through presigned forms),
// and the dossiers' own copies of them (written only by the functions that check them).
/** Signed forms rendered by the platform, one key per dossier, form and version. */
const FORMS_PREFIX = 'forms/';
/** Attachments of documents exchanged between agencies. */
const DOCUMENTS_PREFIX = 'documents/';

/** Everything that holds state: keys, tables and the attachment bucket. */
export class DataStack extends Stack {
  readonly dataKey: Key;
  /** The active signing key: the only one granted kms:Sign. */
  readonly signingKey: Key;
  readonly signingKeys: { generation: SigningKeyGeneration; key: Key }[];
  readonly rsaSigningKey: Key;
  readonly dossiers: Table;
  readonly counters: Table;
  /** The queue's counts per unit, kept from the Dossiers stream (see `TABLES.queueCounts`). */
  readonly queueCounts: Table;
  readonly reference: Table;
  readonly idempotency: Table;
  readonly kpi: Table;
  readonly kpiCounters: Table;
  readonly audit: Table;
  /** Officers' units, roles and validity: written by administrators only, read by officer functions. */
  readonly officers: Table;
  /** Chains appended to since the last checkpoint, and the number of that checkpoint. */
  readonly auditPending: Table;
  /** Signs audit checkpoints only: nothing else is signed with it, so its signatures mean one thing. */
  readonly auditAnchorKey: Key;
  /** HMAC key the digests of applicant identifiers (the officers' search) derive from. */
  readonly searchKey: Key;
  /** Signed checkpoints, write-once (Object Lock, compliance mode). */
  readonly auditCheckpoints: Bucket;
  readonly mail: Table;
  readonly documents: Table;
  readonly webhooks: Table;
  readonly attachments: Bucket;
  /** Fault-run deployments only (`-c faultInjection=…`): the queue handlers' failure rates. */
  readonly faultInjection: StringParameter | undefined;
  /**
   * Intake benchmark deployments only (`-c benchFloor=true`): a table laid out as Dossiers (its
   * stream and indexes), which the benchmark's floor endpoint writes instead of the real one.
   */
  readonly benchFloorDossiers: Table | undefined;

  constructor(scope: Construct, id: string, config: DeploymentConfig, props?: StackProps) {
    super(scope, id, props);

    this.dataKey = new Key(this, 'DataKey', {
      description: 'Encrypts dossiers, attachments and KPI data at rest',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    // The first generation keeps the construct id it always had, so adding one never replaces it.
    this.signingKeys = config.signingKeys.map((generation, index) => {
      const key = new Key(this, index === 0 ? 'SigningKey' : `SigningKey-${generation.id}`, {
        description: `Signs receipts, forms, results and routed documents (ECDSA P-256), generation ${generation.id}`,
        keySpec: KeySpec.ECC_NIST_P256,
        keyUsage: KeyUsage.SIGN_VERIFY,
        removalPolicy: RemovalPolicy.RETAIN,
      });
      new Alias(this, `SigningKeyAlias-${generation.id}`, {
        aliasName: `alias/${config.stackPrefix.toLowerCase()}-signing-${generation.id}`,
        targetKey: key,
      });
      new CfnOutput(this, `SigningKey${generation.id.replace(/-/g, '')}Arn`, { value: key.keyArn });
      return { generation, key };
    });
    const active = this.signingKeys.at(-1);
    if (!active) throw new Error('At least one signing key generation is needed');
    this.signingKey = active.key;
    this.searchKey = new Key(this, 'SearchKey', {
      description: 'Keys the digests of applicant identifiers that the officers’ search matches',
      keySpec: KeySpec.HMAC_256,
      keyUsage: KeyUsage.GENERATE_VERIFY_MAC,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.rsaSigningKey = new Key(this, 'SigningKeyRsa', {
      description: 'Signs for agencies that asked for RSA (RSASSA-PSS SHA-256, 3072 bits)',
      keySpec: KeySpec.RSA_3072,
      keyUsage: KeyUsage.SIGN_VERIFY,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    new Alias(this, 'SigningKeyRsaAlias', {
      aliasName: `alias/${config.stackPrefix.toLowerCase()}-signing-rsa`,
      targetKey: this.rsaSigningKey,
    });
    new CfnOutput(this, 'RsaSigningKeyId', { value: this.rsaSigningKey.keyArn });
    new Alias(this, 'SigningKeyAlias', {
      aliasName: `alias/${config.stackPrefix.toLowerCase()}-signing`,
      targetKey: this.signingKey,
    });

    const attribute = (key: KeyAttribute) => ({
      name: key.name,
      type: key.type === 'number' ? AttributeType.NUMBER : AttributeType.STRING,
    });
    const table = (layout: TableLayout, deletionProtection?: boolean) => {
      const created = new Table(this, layout.id, {
        stream: layout.stream ? StreamViewType.NEW_AND_OLD_IMAGES : undefined,
        partitionKey: attribute(layout.partitionKey),
        sortKey: layout.sortKey ? attribute(layout.sortKey) : undefined,
        billingMode: BillingMode.PAY_PER_REQUEST,
        encryption: TableEncryption.CUSTOMER_MANAGED,
        encryptionKey: this.dataKey,
        pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
        timeToLiveAttribute: layout.timeToLive,
        deletionProtection,
        removalPolicy: RemovalPolicy.RETAIN,
      });
      for (const index of Object.values(layout.indexes ?? {})) {
        created.addGlobalSecondaryIndex({
          indexName: index.name,
          partitionKey: attribute(index.partitionKey),
          sortKey: index.sortKey ? attribute(index.sortKey) : undefined,
          ...(index.projection === 'keys'
            ? { projectionType: ProjectionType.KEYS_ONLY }
            : index.projection && {
                projectionType: ProjectionType.INCLUDE,
                nonKeyAttributes: [...index.projection],
              }),
        });
      }
      return created;
    };
    // The stream carries every dossier change to the KPI counters, the queue counter and the webhook
    // dispatcher, so no handler has to publish events beside its write (and none can forget to).
    this.dossiers = table(TABLES.dossiers);
    const benchFloor = this.node.tryGetContext('benchFloor');
    this.benchFloorDossiers =
      benchFloor === true || benchFloor === 'true'
        ? table({ ...TABLES.dossiers, id: 'BenchFloorDossiers' })
        : undefined;
    this.counters = table(TABLES.counters);
    this.queueCounts = table(TABLES.queueCounts);
    this.reference = table(TABLES.reference);
    this.idempotency = table(TABLES.idempotency);
    this.kpi = table(TABLES.kpi);
    this.kpiCounters = table(TABLES.kpiCounters);
    this.mail = table(TABLES.mail);
    this.documents = table(TABLES.documents);
    this.webhooks = table(TABLES.webhooks);
    this.audit = table(TABLES.audit, true);
    this.auditPending = table(TABLES.auditPending);
    this.auditAnchorKey = new Key(this, 'AuditAnchorKey', {
      description:
        'Signs the audit checkpoints (ECDSA P-256): Merkle roots over the heads of the audit chains',
      keySpec: KeySpec.ECC_NIST_P256,
      keyUsage: KeyUsage.SIGN_VERIFY,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    new Alias(this, 'AuditAnchorKeyAlias', {
      aliasName: `alias/${config.stackPrefix.toLowerCase()}-audit-anchor`,
      targetKey: this.auditAnchorKey,
    });

    // Without it nobody could act for any unit: deleting it takes a deliberate change first.
    this.officers = table(TABLES.officers, true);

    const accessLogs = new Bucket(this, 'AccessLogs', {
      encryption: BucketEncryption.S3_MANAGED,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      removalPolicy: RemovalPolicy.RETAIN,
      lifecycleRules: [{ id: 'expire-access-logs', expiration: Duration.days(365) }],
    });
    acknowledge(accessLogs, {
      'AwsSolutions-S1': 'This is the access-log bucket; logging it into itself would loop.',
    });

    // S3-managed encryption on purpose: with a KMS key, scheduling that key's deletion would make
    // every locked checkpoint unreadable, which Object Lock cannot prevent.
    this.auditCheckpoints = new Bucket(this, 'AuditCheckpoints', {
      serverAccessLogsBucket: accessLogs,
      serverAccessLogsPrefix: 'audit-checkpoints/',
      encryption: BucketEncryption.S3_MANAGED,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      enforceSSL: true,
      versioned: true,
      objectLockEnabled: true,
      objectLockDefaultRetention: ObjectLockRetention.compliance(
        Duration.days(config.auditCheckpointRetentionDays),
      ),
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.attachments = new Bucket(this, 'Attachments', {
      serverAccessLogsBucket: accessLogs,
      serverAccessLogsPrefix: 'attachments/',
      encryption: BucketEncryption.KMS,
      encryptionKey: this.dataKey,
      bucketKeyEnabled: true,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      enforceSSL: true,
      versioned: true,
      removalPolicy: RemovalPolicy.RETAIN,
      cors: [
        {
          allowedMethods: [HttpMethods.POST],
          allowedOrigins: config.uploadCorsOrigins,
          allowedHeaders: ['*'],
          maxAge: 3000,
        },
      ],
      lifecycleRules: [
        { id: 'abort-incomplete-uploads', abortIncompleteMultipartUploadAfter: Duration.days(1) },
        { id: 'expire-replaced-versions', noncurrentVersionExpiration: Duration.days(30) },
        // Submission copies what it checked under dossiers/; an upload is a personal-data copy that
        // nothing reads after that (or that was never submitted), so it does not outlive a week.
        { id: 'expire-unbound-uploads', prefix: UPLOADS_PREFIX, expiration: Duration.days(7) },
      ],
    });
    if (config.faultInjection) {
      this.faultInjection = new StringParameter(this, 'FaultInjection', {
        parameterName: config.faultInjectionParameter,
        description: 'Fault runs only: share of messages the queue handlers are made to fail',
        stringValue: JSON.stringify(config.faultInjection),
      });
      new CfnOutput(this, 'FaultInjectionParameter', { value: config.faultInjectionParameter });
    }
    this.outputs();
  }

  /**
   * In a fault-run deployment, the environment that points a queue handler at the failure rates;
   * nothing otherwise, so production handlers run without the fault wrapper.
   */
  faultInjectionEnvironment(): { FAULT_INJECTION_PARAMETER?: string } {
    return this.faultInjection ? { FAULT_INJECTION_PARAMETER: this.faultInjection.parameterName } : {};
  }

  grantReadFaultInjection(grantee: IGrantable): void {
    if (!this.faultInjection) return;
    grantee.grantPrincipal.addToPrincipalPolicy(
      new PolicyStatement({ actions: ['ssm:GetParameter'], resources: [this.faultInjection.parameterArn] }),
    );
  }

  /** Lets a function presign uploads: PutObject under the uploads prefix, with the data key. */
  grantUpload(grantee: IGrantable): void {
    this.grantOnPrefix(grantee, UPLOADS_PREFIX, ['s3:PutObject'], ['kms:GenerateDataKey']);
  }

  /** Lets a function read uploaded files (and copy them: GetObject on the source of a CopyObject). */
  grantReadUploads(grantee: IGrantable): void {
    this.grantOnPrefix(grantee, UPLOADS_PREFIX, ['s3:GetObject'], ['kms:Decrypt']);
  }

  /** Lets a function copy checked uploads to the dossiers' own keys: PutObject there, nothing else. */
  grantBindUploads(grantee: IGrantable): void {
    this.grantOnPrefix(grantee, DOSSIER_FILES_PREFIX, ['s3:PutObject'], ['kms:GenerateDataKey']);
  }

  /**
   * Lets a function read the files dossiers own, to sign download links to them: every file, or
   * only those of one role (under `dossiers/<code>/<role>/`). No write, no listing.
   */
  grantReadDossierFiles(grantee: IGrantable, role?: DossierFileRole): void {
    const prefix = role ? `${DOSSIER_FILES_PREFIX}*/${role}/` : DOSSIER_FILES_PREFIX;
    this.grantOnPrefix(grantee, prefix, ['s3:GetObject'], ['kms:Decrypt']);
  }

  /** Lets a function store the signed forms it renders and hand out download links to them. */
  grantFormDocuments(grantee: IGrantable): void {
    this.grantOnPrefix(
      grantee,
      FORMS_PREFIX,
      ['s3:PutObject', 's3:GetObject'],
      ['kms:GenerateDataKey', 'kms:Decrypt'],
    );
    // A signed form is kept and served again; without ListBucket, S3 answers a HEAD for a form not
    // rendered yet with 403 instead of 404. Limited to the forms prefix.
    grantee.grantPrincipal.addToPrincipalPolicy(
      new PolicyStatement({
        actions: ['s3:ListBucket'],
        resources: [this.attachments.bucketArn],
        conditions: { StringLike: { 's3:prefix': [`${FORMS_PREFIX}*`] } },
      }),
    );
  }

  /** Lets a function store and read the attachments of exchanged documents. */
  grantDocumentFiles(grantee: IGrantable, actions: ('s3:PutObject' | 's3:GetObject')[]): void {
    this.grantOnPrefix(
      grantee,
      DOCUMENTS_PREFIX,
      actions,
      actions.map((action) => (action === 's3:PutObject' ? 'kms:GenerateDataKey' : 'kms:Decrypt')),
    );
  }

  private grantOnPrefix(
    grantee: IGrantable,
    prefix: string,
    s3Actions: string[],
    kmsActions: string[],
  ): void {
    grantee.grantPrincipal.addToPrincipalPolicy(
      new PolicyStatement({ actions: s3Actions, resources: [this.attachments.arnForObjects(`${prefix}*`)] }),
    );
    this.dataKey.grant(grantee, ...kmsActions);
    if (grantee instanceof Construct) {
      const bucketId = this.logicalIdOf(this.attachments);
      acknowledge(grantee, {
        [`AwsSolutions-IAM5[Resource::<${bucketId}.Arn>/${prefix}*]`]:
          'Every object gets a new generated key under this prefix; the grant covers that prefix only.',
      });
    }
  }

  /** CDK's table grants cover the table's indexes with `index/*`; the finding is accepted once. */
  indexGrantAcknowledgments(): Record<string, string> {
    const tableId = this.logicalIdOf(this.dossiers);
    const documentsId = this.logicalIdOf(this.documents);
    return {
      [`AwsSolutions-IAM5[Resource::<${tableId}.Arn>/index/*]`]:
        'Granted by CDK for the Dossiers table indexes (the officers’ queue, the KPI recount); scoped to that table.',
      [`AwsSolutions-IAM5[Resource::<${documentsId}.Arn>/index/*]`]:
        'Granted by CDK for the Documents table indexes (inbox and outbox); scoped to that table.',
    };
  }

  /**
   * Appending to the audit trail: read the chain's head and put new entries; never update or
   * delete. Each append also marks its chain in the pending table for the next checkpoint.
   */
  grantAuditAppend(grantee: IGrantable): void {
    this.audit.grant(grantee, 'dynamodb:Query', 'dynamodb:PutItem', 'dynamodb:ConditionCheckItem');
    this.auditPending.grant(grantee, 'dynamodb:PutItem');
    this.dataKey.grant(grantee, 'kms:Decrypt', 'kms:GenerateDataKey');
  }

  /** Reading one officer's record by id: the only access officer functions have to the Officers table. */
  grantOfficerLookup(grantee: IGrantable): void {
    // The table alone (Table.grant would add its indexes too).
    grantee.grantPrincipal.addToPrincipalPolicy(
      new PolicyStatement({ actions: ['dynamodb:GetItem'], resources: [this.officers.tableArn] }),
    );
    this.dataKey.grant(grantee, 'kms:Decrypt');
  }

  /** Listing a unit's officers by the unit index (the deadline sweep finds whom to alert), nothing else. */
  grantOfficersOfUnit(grantee: IGrantable): void {
    grantee.grantPrincipal.addToPrincipalPolicy(
      new PolicyStatement({
        actions: ['dynamodb:Query'],
        resources: [`${this.officers.tableArn}/index/${TABLES.officers.indexes.byAgency.name}`],
      }),
    );
    this.dataKey.grant(grantee, 'kms:Decrypt');
  }

  /**
   * The anchoring job: reads the heads of the chains marked pending (Query on the Audit table, no
   * write there), signs the checkpoint, writes it under the checkpoints prefix, and clears the marks.
   */
  grantAuditAnchoring(grantee: IGrantable): void {
    this.audit.grant(grantee, 'dynamodb:Query');
    this.auditPending.grant(
      grantee,
      'dynamodb:Query',
      'dynamodb:GetItem',
      'dynamodb:PutItem',
      'dynamodb:DeleteItem',
    );
    this.dataKey.grant(grantee, 'kms:Decrypt', 'kms:GenerateDataKey');
    this.auditAnchorKey.grant(grantee, 'kms:Sign');
    grantee.grantPrincipal.addToPrincipalPolicy(
      new PolicyStatement({
        actions: ['s3:PutObject', 's3:GetObject'],
        resources: [this.auditCheckpoints.arnForObjects(`${CHECKPOINTS_PREFIX}*`)],
      }),
    );
    if (grantee instanceof Construct) {
      const bucketId = this.logicalIdOf(this.auditCheckpoints);
      acknowledge(grantee, {
        [`AwsSolutions-IAM5[Resource::<${bucketId}.Arn>/${CHECKPOINTS_PREFIX}*]`]:
          'One object per checkpoint number under this prefix; the grant covers that prefix only.',
      });
    }
  }

  private logicalIdOf(resource: Construct): string {
    const element = resource.node.defaultChild;
    if (!(element instanceof CfnElement))
      throw new Error(`${resource.node.path} has no CloudFormation resource`);
    return this.getLogicalId(element);
  }

  private outputs(): void {
    new CfnOutput(this, 'SigningKeyId', { value: this.signingKey.keyArn });
    // Operator scripts that write the identifier search (scripts/index-queue-search.ts) digest with it.
    new CfnOutput(this, 'SearchKeyId', { value: this.searchKey.keyArn });
    new CfnOutput(this, 'DossiersTableName', { value: this.dossiers.tableName });
    new CfnOutput(this, 'ReferenceTableName', { value: this.reference.tableName });
    new CfnOutput(this, 'QueueCountsTableName', { value: this.queueCounts.tableName });
    new CfnOutput(this, 'KpiTableName', { value: this.kpi.tableName });
    new CfnOutput(this, 'KpiCountersTableName', { value: this.kpiCounters.tableName });
    new CfnOutput(this, 'AuditTableName', { value: this.audit.tableName });
    new CfnOutput(this, 'OfficersTableName', { value: this.officers.tableName });
    new CfnOutput(this, 'AuditPendingTableName', { value: this.auditPending.tableName });
    new CfnOutput(this, 'AuditCheckpointsBucketName', { value: this.auditCheckpoints.bucketName });
    new CfnOutput(this, 'AuditAnchorKeyId', { value: this.auditAnchorKey.keyArn });
    new CfnOutput(this, 'MailTableName', { value: this.mail.tableName });
    new CfnOutput(this, 'DocumentsTableName', { value: this.documents.tableName });
    new CfnOutput(this, 'WebhooksTableName', { value: this.webhooks.tableName });
    new CfnOutput(this, 'IdempotencyTableName', { value: this.idempotency.tableName });
    new CfnOutput(this, 'AttachmentsBucketName', { value: this.attachments.bucketName });
  }
}
