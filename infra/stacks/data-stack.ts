import { CfnOutput, Duration, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import { AttributeType, BillingMode, Table, TableEncryption } from 'aws-cdk-lib/aws-dynamodb';
import { Alias, Key, KeySpec, KeyUsage } from 'aws-cdk-lib/aws-kms';
import {
  BlockPublicAccess,
  Bucket,
  BucketEncryption,
  HttpMethods,
  ObjectOwnership,
} from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';
import type { DeploymentConfig } from '../config.ts';

/** Everything that holds state: keys, tables and the attachment bucket. */
export class DataStack extends Stack {
  readonly dataKey: Key;
  readonly signingKey: Key;
  readonly dossiers: Table;
  readonly counters: Table;
  readonly reference: Table;
  readonly idempotency: Table;
  readonly kpi: Table;
  readonly attachments: Bucket;

  constructor(scope: Construct, id: string, config: DeploymentConfig, props?: StackProps) {
    super(scope, id, props);

    this.dataKey = new Key(this, 'DataKey', {
      description: 'Encrypts dossiers, attachments and KPI data at rest',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.signingKey = new Key(this, 'SigningKey', {
      description: 'Signs receipts, results and routed documents (ECDSA P-256)',
      keySpec: KeySpec.ECC_NIST_P256,
      keyUsage: KeyUsage.SIGN_VERIFY,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    new Alias(this, 'SigningKeyAlias', {
      aliasName: `alias/${config.stackPrefix.toLowerCase()}-signing`,
      targetKey: this.signingKey,
    });

    const table = (name: string, partitionKey: string, sortKey?: string, timeToLiveAttribute?: string) =>
      new Table(this, name, {
        partitionKey: { name: partitionKey, type: AttributeType.STRING },
        sortKey: sortKey ? { name: sortKey, type: AttributeType.STRING } : undefined,
        billingMode: BillingMode.PAY_PER_REQUEST,
        encryption: TableEncryption.CUSTOMER_MANAGED,
        encryptionKey: this.dataKey,
        pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
        timeToLiveAttribute,
        removalPolicy: RemovalPolicy.RETAIN,
      });
    this.dossiers = table('Dossiers', 'dossierCode');
    this.counters = table('Counters', 'counterKey', undefined, 'expiresAt');
    this.reference = table('Reference', 'kind', 'code');
    this.idempotency = table('Idempotency', 'id', undefined, 'expiration');
    this.kpi = table('Kpi', 'agencyCode', 'day');

    this.attachments = new Bucket(this, 'Attachments', {
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
      ],
    });

    new CfnOutput(this, 'SigningKeyId', { value: this.signingKey.keyArn });
    new CfnOutput(this, 'DossiersTableName', { value: this.dossiers.tableName });
    new CfnOutput(this, 'ReferenceTableName', { value: this.reference.tableName });
    new CfnOutput(this, 'KpiTableName', { value: this.kpi.tableName });
    new CfnOutput(this, 'IdempotencyTableName', { value: this.idempotency.tableName });
    new CfnOutput(this, 'AttachmentsBucketName', { value: this.attachments.bucketName });
  }
}
