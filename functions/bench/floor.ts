import { randomUUID } from 'node:crypto';
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { GetCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { documentClient } from '../../shared/adapters/dynamodb.ts';
import { benchFloorEnv, loadEnv } from '../../shared/config/env.ts';

const env = loadEnv(benchFloorEnv);
const sqs = new SQSClient({ useQueueUrlAsEndpoint: false });

/**
 * The intake benchmark's floor: the AWS requests one intake makes (three reference reads, the daily
 * counter, the dossier and its audit entry in one transaction, the routing message, the routed mark)
 * with no validation, domain rules, signing or middleware. Deployed only with `-c benchFloor=true`.
 */
export const handler = async (event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> => {
  const raw = event.isBase64Encoded ? Buffer.from(event.body ?? '', 'base64').toString('utf8') : event.body;
  const body: unknown = JSON.parse(raw ?? '{}');
  const procedureCode =
    typeof body === 'object' && body !== null && 'procedureCode' in body ? body.procedureCode : undefined;
  const id = `floor#${randomUUID()}`;
  const expiresAt = Math.floor(Date.now() / 1000) + 3600;
  for (const code of ['active', String(procedureCode), 'agency'])
    await documentClient.send(
      new GetCommand({
        TableName: env.REFERENCE_TABLE,
        Key: { kind: 'catalog', code },
        ConsistentRead: true,
      }),
    );
  await documentClient.send(
    new UpdateCommand({
      TableName: env.COUNTERS_TABLE,
      Key: { counterKey: 'floor#sequence' },
      UpdateExpression: 'ADD #value :one',
      ExpressionAttributeNames: { '#value': 'value' },
      ExpressionAttributeValues: { ':one': 1 },
    }),
  );
  await documentClient.send(
    new TransactWriteCommand({
      TransactItems: [
        {
          Put: {
            TableName: env.COUNTERS_TABLE,
            Item: { counterKey: id, body, expiresAt },
            ConditionExpression: 'attribute_not_exists(counterKey)',
          },
        },
        {
          Put: {
            TableName: env.COUNTERS_TABLE,
            Item: { counterKey: `${id}#audit`, expiresAt },
            ConditionExpression: 'attribute_not_exists(counterKey)',
          },
        },
      ],
    }),
  );
  await sqs.send(new SendMessageCommand({ QueueUrl: env.QUEUE_URL, MessageBody: JSON.stringify({ id }) }));
  await documentClient.send(
    new UpdateCommand({
      TableName: env.COUNTERS_TABLE,
      Key: { counterKey: id },
      UpdateExpression: 'SET queuedAt = :at',
      ExpressionAttributeValues: { ':at': new Date().toISOString() },
    }),
  );
  return { statusCode: 201, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ id }) };
};
