import { Duration, Stack } from 'aws-cdk-lib';
import { LambdaIntegration, type RestApi } from 'aws-cdk-lib/aws-apigateway';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import { documentImportEnv, documentReadEnv, documentsEnv } from '../../shared/config/env.ts';
import type { DeploymentConfig } from '../config.ts';
import type { DataStack } from '../stacks/data-stack.ts';
import type { RoutingStack } from '../stacks/routing-stack.ts';
import { AppFunction } from './app-function.ts';
import type { OfficerPoolEnvironment } from './officer-pool.ts';

export interface DocumentExchangeApiProps {
  api: RestApi;
  config: DeploymentConfig;
  data: DataStack;
  routing: RoutingStack;
  officerPool: OfficerPoolEnvironment;
  signingKeys: { SIGNING_KEYS: string };
}

/** The officers' document exchange: send, inbox/outbox, per-recipient steps, recall, edXML. */
export class DocumentExchangeApi extends Construct {
  constructor(
    scope: Construct,
    id: string,
    { api, config, data, routing, officerPool, signingKeys }: DocumentExchangeApiProps,
  ) {
    super(scope, id);
    const stack = Stack.of(this);
    const tierQueueUrls = stack.toJsonString(
      Object.fromEntries([...routing.queues].map(([tier, queue]) => [tier, queue.queueUrl])),
    );
    const exchangeEnvironment = {
      DOCUMENTS_TABLE: data.documents.tableName,
      AUDIT_TABLE: data.audit.tableName,
      AUDIT_PENDING_TABLE: data.auditPending.tableName,
      REFERENCE_TABLE: data.reference.tableName,
      ATTACHMENTS_BUCKET: data.attachments.bucketName,
      TIER_QUEUE_URLS: tierQueueUrls,
      TIERS: JSON.stringify(config.tiers),
      SIGNING_KEY_ID: data.signingKey.keyArn,
      ...officerPool,
    };
    const send = new AppFunction(this, 'SendDocument', {
      entry: 'documents/send.ts',
      description: 'Signs an official document and routes a copy to each recipient’s tier queue',
      envSchema: documentsEnv,
      environment: exchangeEnvironment,
      timeout: Duration.seconds(29),
      memorySize: 512,
    });
    data.grantDocumentFiles(send.function, ['s3:PutObject']);
    const act = new AppFunction(this, 'DocumentAction', {
      entry: 'documents/act.ts',
      description: 'Records a recipient’s step on a document, or the sender’s recall',
      envSchema: documentsEnv,
      environment: exchangeEnvironment,
    });
    for (const fn of [send, act]) {
      data.documents.grantReadWriteData(fn.function);
      data.reference.grantReadData(fn.function);
      data.grantAuditAppend(fn.function);
      data.signingKey.grant(fn.function, 'kms:Sign');
      for (const queue of routing.queues.values()) queue.grantSendMessages(fn.function);
    }
    const read = new AppFunction(this, 'ReadDocuments', {
      entry: 'documents/read.ts',
      description: 'Inbox, outbox, one document per recipient, and its edXML export',
      envSchema: documentReadEnv,
      environment: {
        DOCUMENTS_TABLE: data.documents.tableName,
        REFERENCE_TABLE: data.reference.tableName,
        ATTACHMENTS_BUCKET: data.attachments.bucketName,
        ...officerPool,
      },
      memorySize: 512,
    });
    data.documents.grantReadData(read.function);
    data.reference.grantReadData(read.function);
    data.grantDocumentFiles(read.function, ['s3:GetObject']);
    const importer = new AppFunction(this, 'ImportEdxml', {
      entry: 'documents/import.ts',
      description: 'Validates an edXML message and verifies its signature',
      envSchema: documentImportEnv,
      environment: { REFERENCE_TABLE: data.reference.tableName, ...signingKeys, ...officerPool },
      memorySize: 512,
    });
    data.reference.grantReadData(importer.function);
    for (const key of [...data.signingKeys.map((k) => k.key), data.rsaSigningKey])
      key.grant(importer.function, 'kms:GetPublicKey');
    for (const fn of [send, act, read, importer]) data.grantOfficerLookup(fn.function);

    const route = (path: string, method: string, fn: { function: IFunction }) =>
      api.root.resourceForPath(path).addMethod(method, new LambdaIntegration(fn.function));
    route('/officer/documents', 'POST', send);
    route('/officer/documents', 'GET', read);
    route('/officer/documents/{id}', 'GET', read);
    route('/officer/documents/{id}/edxml', 'GET', read);
    route('/officer/documents/{id}/actions', 'POST', act);
    route('/officer/documents/edxml', 'POST', importer);
  }
}
