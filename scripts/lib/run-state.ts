/**
 * What a load or fault run left in the deployed app, counted from the emulator's own state (tables,
 * queues, the SES store), never from the functions' logs. Used by bench/load.ts and the fault test.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { GetQueueAttributesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient, GetCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { allPages } from '../../shared/adapters/dynamodb.ts';
import { output, outputsMatching, type StackOutputs } from './outputs.ts';

const dynamo = DynamoDBDocumentClient.from(new DynamoDBClient({}));
const sqs = new SQSClient({ useQueueUrlAsEndpoint: false });

/** The run's marker goes into the dossier's note and the applicant's mail address. */
export const runNote = (runId: string, index: number) => `load run ${runId} #${index}`;
export const runEmail = (runId: string, index: number) => `load.${runId}.${index}@example.vn`;

export interface RunCounts {
  /** Dossiers stored for the run, and how many distinct run indexes they cover (doubles show as the gap). */
  dossiers: number;
  distinctIndexes: number;
  /** Dossiers with a signed receipt (form 01): none of an online run before the desk receives them. */
  signedReceipts: number;
  routed: number;
  /** Mails the emulator recorded for the run's addresses, and to how many distinct addresses. */
  mails: number;
  mailedAddresses: number;
  /**
   * Submission mails ("đã nộp": the run submits online, and the desk has received none of its
   * dossiers, so none has a receipt yet) the mail sender recorded as sent (with SES's message id)
   * in the Mail table.
   * MiniStack does not keep its list of sent mail across a restart (ses.get_state leaves it out),
   * so a run with a restart counts the mails from here.
   */
  mailsLogged: number;
}

interface StoredDossier {
  dossierCode: string;
  note?: string;
  receipt?: { signature?: { value?: string; keyId?: string } };
  routing?: { arrivedAt?: string; acknowledgedAt?: string };
}

export function runDossiers(outputs: StackOutputs, runId: string): Promise<StoredDossier[]> {
  return allPages<StoredDossier>((startKey) =>
    dynamo.send(
      new ScanCommand({
        TableName: output(outputs, 'Data', 'DossiersTableName'),
        FilterExpression: 'begins_with(#note, :marker)',
        ExpressionAttributeNames: { '#note': 'note' },
        ExpressionAttributeValues: { ':marker': `load run ${runId} #` },
        ProjectionExpression: 'dossierCode, #note, receipt.signature, routing',
        ExclusiveStartKey: startKey,
        ConsistentRead: true,
      }),
    ),
  );
}

interface RecordedMail {
  Destination?: { ToAddresses?: string[] };
  To?: string[];
}

export async function runMailAddresses(endpoint: string, runId: string): Promise<string[]> {
  const response = await fetch(`${endpoint.replace(/\/$/, '')}/_ministack/ses/messages`);
  const body = (await response.json()) as { messages: Record<string, RecordedMail[]> };
  return Object.values(body.messages)
    .flat()
    .flatMap((mail) => mail.To ?? mail.Destination?.ToAddresses ?? [])
    .filter((address) => address.startsWith(`load.${runId}.`));
}

export async function countRun(outputs: StackOutputs, endpoint: string, runId: string): Promise<RunCounts> {
  const dossiers = await runDossiers(outputs, runId);
  const mails = await runMailAddresses(endpoint, runId);
  const logged = await runMailLog(outputs, runId);
  return {
    dossiers: dossiers.length,
    distinctIndexes: new Set(dossiers.map((dossier) => dossier.note)).size,
    signedReceipts: dossiers.filter((d) => d.receipt?.signature?.value && d.receipt.signature.keyId).length,
    routed: dossiers.filter((d) => d.routing?.acknowledgedAt ?? d.routing?.arrivedAt).length,
    mails: mails.length,
    mailedAddresses: new Set(mails).size,
    mailsLogged: logged,
  };
}

async function runMailLog(outputs: StackOutputs, runId: string): Promise<number> {
  const sent = await allPages((startKey) =>
    dynamo.send(
      new ScanCommand({
        TableName: output(outputs, 'Data', 'MailTableName'),
        FilterExpression: 'contains(pk, :run) AND #state = :sent AND attribute_exists(messageId)',
        ExpressionAttributeNames: { '#state': 'state' },
        ExpressionAttributeValues: { ':run': `#submission#load.${runId}.`, ':sent': 'sent' },
        ProjectionExpression: 'pk',
        ExclusiveStartKey: startKey,
      }),
    ),
  );
  return sent.length;
}

/** Every dead-letter queue of the app (tier queues and mail), by output name. */
export function deadLetterQueues(outputs: StackOutputs): Record<string, string> {
  return {
    ...outputsMatching(outputs, 'Routing', /DeadLetterQueueUrl$/),
    ...outputsMatching(outputs, 'Mail', /DeadLetterQueueUrl$/),
  };
}

/** Messages waiting or in flight in a queue. */
export async function queueDepth(queueUrl: string): Promise<number> {
  const { Attributes } = await sqs.send(
    new GetQueueAttributesCommand({
      QueueUrl: queueUrl,
      AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'],
    }),
  );
  return (
    Number(Attributes?.ApproximateNumberOfMessages ?? 0) +
    Number(Attributes?.ApproximateNumberOfMessagesNotVisible ?? 0)
  );
}

export async function dossierStored(outputs: StackOutputs, dossierCode: string): Promise<boolean> {
  const { Item } = await dynamo.send(
    new GetCommand({
      TableName: output(outputs, 'Data', 'DossiersTableName'),
      Key: { dossierCode },
      ConsistentRead: true,
    }),
  );
  return Item !== undefined;
}
