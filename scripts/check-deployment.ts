/**
 * After a deploy, checks that what the templates asked for really exists. Against the local
 * emulator it also applies, in a named compatibility step, any queue redrive policy the emulator's
 * CloudFormation provisioner did not keep, so dead-letter behaviour stays real in tests.
 */
import { readFileSync } from 'node:fs';
import { DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { HeadBucketCommand, S3Client } from '@aws-sdk/client-s3';
import {
  GetQueueAttributesCommand,
  GetQueueUrlCommand,
  SetQueueAttributesCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { output, outputsMatching, readOutputs } from './lib/outputs.ts';

const outputsFile = process.argv[2];
if (!outputsFile) throw new Error('usage: tsx scripts/check-deployment.ts <cdk-outputs.json>');
const outputs = readOutputs(outputsFile);
const isEmulator = /^https?:\/\/(127\.0\.0\.1|localhost)/.test(process.env.AWS_ENDPOINT_URL ?? '');
// Queue URLs name the host the queue was created under; the client's own endpoint is the one to use.
const sqs = new SQSClient({ useQueueUrlAsEndpoint: false });

interface QueueTemplate {
  Type: string;
  Properties: {
    QueueName?: string;
    RedrivePolicy?: { deadLetterTargetArn: unknown; maxReceiveCount: number };
  };
}

const template = JSON.parse(
  readFileSync(
    new URL(
      `../cdk.out/${Object.keys(outputs).find((s) => s.endsWith('-Routing'))}.template.json`,
      import.meta.url,
    ),
    'utf8',
  ),
) as {
  Resources: Record<string, QueueTemplate>;
};

const problems: string[] = [];
for (const resource of Object.values(template.Resources)) {
  if (
    resource.Type !== 'AWS::SQS::Queue' ||
    !resource.Properties.RedrivePolicy ||
    !resource.Properties.QueueName
  )
    continue;
  const queueName = resource.Properties.QueueName;
  const { QueueUrl } = await sqs.send(new GetQueueUrlCommand({ QueueName: queueName }));
  const dlqName = queueName.replace(/\.fifo$/, '-dlq.fifo');
  const { QueueUrl: dlqUrl } = await sqs.send(new GetQueueUrlCommand({ QueueName: dlqName }));
  const attributes = await sqs.send(
    new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['RedrivePolicy'] }),
  );
  if (attributes.Attributes?.RedrivePolicy) continue;
  if (!isEmulator) {
    problems.push(`${queueName} has no redrive policy`);
    continue;
  }
  const dlqArn = (
    await sqs.send(new GetQueueAttributesCommand({ QueueUrl: dlqUrl, AttributeNames: ['QueueArn'] }))
  ).Attributes?.QueueArn;
  await sqs.send(
    new SetQueueAttributesCommand({
      QueueUrl,
      Attributes: {
        RedrivePolicy: JSON.stringify({
          deadLetterTargetArn: dlqArn,
          maxReceiveCount: resource.Properties.RedrivePolicy.maxReceiveCount,
        }),
      },
    }),
  );
  console.error(`[motcua] emulator compatibility: applied the template's redrive policy to ${queueName}`);
}

const dynamodb = new DynamoDBClient({});
for (const key of ['DossiersTableName', 'ReferenceTableName', 'KpiTableName', 'IdempotencyTableName']) {
  const TableName = output(outputs, 'Data', key);
  const table = await dynamodb.send(new DescribeTableCommand({ TableName }));
  if (table.Table?.TableStatus !== 'ACTIVE') problems.push(`${TableName} is ${table.Table?.TableStatus}`);
}
await new S3Client({}).send(
  new HeadBucketCommand({ Bucket: output(outputs, 'Data', 'AttachmentsBucketName') }),
);
const queues = outputsMatching(outputs, 'Routing', /QueueUrl$/);
if (Object.keys(queues).length === 0) problems.push('no tier queues in the outputs');

if (problems.length > 0) {
  console.error(`[motcua] deployment check failed:\n- ${problems.join('\n- ')}`);
  process.exit(1);
}
console.error(
  `[motcua] deployment check passed (${Object.keys(queues).length} queues, tables active, bucket present)`,
);
