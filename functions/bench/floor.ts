import { createHash, randomUUID } from 'node:crypto';
import { CopyObjectCommand, GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { GetCommand, PutCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { documentClient } from '../../shared/adapters/dynamodb.ts';
import { benchFloorEnv, loadEnv } from '../../shared/config/env.ts';
import { FLOOR_TEMPLATES_KEY, type FloorTemplates } from './floor-templates.ts';

const env = loadEnv(benchFloorEnv);
const sqs = new SQSClient({ useQueueUrlAsEndpoint: false });
const s3 = new S3Client({});

let templates: Promise<FloorTemplates> | undefined;
function loadTemplates(): Promise<FloorTemplates> {
  templates ??= s3
    .send(new GetObjectCommand({ Bucket: env.ATTACHMENTS_BUCKET, Key: FLOOR_TEMPLATES_KEY }))
    .then(async (object) => JSON.parse((await object.Body?.transformToString()) ?? '{}') as FloorTemplates);
  return templates;
}

const attachmentKeys = (body: unknown): string[] => {
  if (typeof body !== 'object' || body === null || !('attachments' in body)) return [];
  const { attachments } = body;
  return Array.isArray(attachments)
    ? attachments.flatMap((a: unknown) =>
        typeof a === 'object' && a !== null && 'key' in a && typeof a.key === 'string' ? [a.key] : [],
      )
    : [];
};

/**
 * The intake benchmark's floor: the AWS requests a warm intake makes, in its order, with items of the
 * same size into tables of the same layout (a copy of the Dossiers table with its stream and indexes,
 * the Idempotency and Counters tables), with no validation, domain rules, signing or middleware:
 * the idempotency record, the intake claim and each upload's claim read, the catalog pointer, each
 * upload read whole and copied, the daily counter, one transaction (dossier, audit entry and mark,
 * claims), the FIFO routing message, the routed mark, the idempotency record completed. Deployed only
 * with `-c benchFloor=true`.
 */
export const handler = async (event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> => {
  const t = await loadTemplates();
  const raw = event.isBase64Encoded ? Buffer.from(event.body ?? '', 'base64').toString('utf8') : event.body;
  const body: unknown = JSON.parse(raw ?? '{}');
  const uploads = attachmentKeys(body);
  const key = event.headers['idempotency-key'] ?? event.headers['Idempotency-Key'] ?? randomUUID();
  const id = `floor#${randomUUID()}`;
  const digest = createHash('sha256').update(key).digest('hex');
  const expiresAt = Math.floor(Date.now() / 1000) + 3600;
  const idempotency = { ...t.idempotencyInProgress, id: `floor#${digest}`, expiration: expiresAt };
  await documentClient.send(
    new PutCommand({
      TableName: env.IDEMPOTENCY_TABLE,
      Item: idempotency,
      ConditionExpression: 'attribute_not_exists(id)',
    }),
  );
  await documentClient.send(
    new GetCommand({
      TableName: env.IDEMPOTENCY_TABLE,
      Key: { id: `floor#intake#${digest}` },
      ConsistentRead: true,
    }),
  );
  await documentClient.send(
    new GetCommand({ TableName: env.REFERENCE_TABLE, Key: t.pointerKey, ConsistentRead: true }),
  );
  // As intake: the uploads' claims read at once, consistently; the files read one after the other
  // (one in memory at a time), then copied at once.
  await Promise.all(
    uploads.map((upload) =>
      documentClient.send(
        new GetCommand({
          TableName: env.IDEMPOTENCY_TABLE,
          Key: { id: `floor#upload#${upload}` },
          ConsistentRead: true,
        }),
      ),
    ),
  );
  for (const upload of uploads) {
    const object = await s3.send(new GetObjectCommand({ Bucket: env.ATTACHMENTS_BUCKET, Key: upload }));
    await object.Body?.transformToByteArray();
  }
  await documentClient.send(
    new UpdateCommand({
      TableName: env.COUNTERS_TABLE,
      Key: { counterKey: `floor#${new Date().toISOString().slice(0, 10)}` },
      UpdateExpression: 'ADD #value :one',
      ExpressionAttributeNames: { '#value': 'value' },
      ExpressionAttributeValues: { ':one': 1 },
    }),
  );
  await Promise.all(
    uploads.map((upload, index) =>
      s3.send(
        new CopyObjectCommand({
          Bucket: env.ATTACHMENTS_BUCKET,
          CopySource: `${env.ATTACHMENTS_BUCKET}/${upload}`,
          Key: `bench-floor/${id}/${index}.pdf`,
        }),
      ),
    ),
  );
  // Each put of the transaction only if its key is new, as intake's are.
  const putNew = (tableName: string, item: Record<string, unknown>, keyName: string) => ({
    Put: {
      TableName: tableName,
      Item: item,
      ConditionExpression: 'attribute_not_exists(#key)',
      ExpressionAttributeNames: { '#key': keyName },
    },
  });
  await documentClient.send(
    new TransactWriteCommand({
      TransactItems: [
        putNew(env.FLOOR_DOSSIERS_TABLE, { ...t.dossier, dossierCode: id }, 'dossierCode'),
        putNew(env.FLOOR_DOSSIERS_TABLE, { ...t.auditEntry, dossierCode: `${id}#audit` }, 'dossierCode'),
        putNew(env.FLOOR_DOSSIERS_TABLE, { ...t.auditMark, dossierCode: `${id}#mark` }, 'dossierCode'),
        putNew(env.IDEMPOTENCY_TABLE, { ...t.intakeClaim, id: `floor#intake#${digest}`, expiresAt }, 'id'),
        ...uploads.map((upload) =>
          putNew(env.IDEMPOTENCY_TABLE, { ...t.uploadClaim, id: `floor#upload#${upload}`, expiresAt }, 'id'),
        ),
      ],
    }),
  );
  await sqs.send(
    new SendMessageCommand({
      QueueUrl: env.QUEUE_URL,
      MessageBody: JSON.stringify({ id }),
      MessageGroupId: String(t.dossier.currentAgencyCode ?? 'floor'),
      MessageDeduplicationId: createHash('sha256').update(id).digest('hex'),
    }),
  );
  await documentClient.send(
    new UpdateCommand({
      TableName: env.FLOOR_DOSSIERS_TABLE,
      Key: { dossierCode: id },
      UpdateExpression: 'SET #routing.queuedAt = :at REMOVE awaitingRouting',
      ExpressionAttributeNames: { '#routing': 'routing' },
      ExpressionAttributeValues: { ':at': new Date().toISOString() },
    }),
  );
  // The library completes its record in place: the response it replays and the status.
  await documentClient.send(
    new UpdateCommand({
      TableName: env.IDEMPOTENCY_TABLE,
      Key: { id: idempotency.id },
      UpdateExpression: 'SET #status = :status, #data = :data, #expiration = :expiration',
      ExpressionAttributeNames: { '#status': 'status', '#data': 'data', '#expiration': 'expiration' },
      ExpressionAttributeValues: {
        ':status': t.idempotencyCompleted.status,
        ':data': t.idempotencyCompleted.data,
        ':expiration': expiresAt,
      },
    }),
  );
  return {
    statusCode: 201,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ dossierCode: id }),
  };
};
