import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { DossierArrivalMessage } from '../domain/dossier.ts';

// Queue URLs name the host the queue was created under; the client's own endpoint is the one to use.
const sqs = new SQSClient({ useQueueUrlAsEndpoint: false });

/**
 * Tier queues are FIFO: the message group is the receiving agency, so each agency sees its
 * dossiers in the order they were received, and the deduplication id drops a resend of the same one.
 */
/** `attempt` names the send: a re-send after a failed intake must not be taken for a duplicate. */
export async function sendToTierQueue(
  queueUrl: string,
  message: DossierArrivalMessage,
  attempt = 'intake',
): Promise<void> {
  await sqs.send(
    new SendMessageCommand({
      QueueUrl: queueUrl,
      MessageBody: JSON.stringify(message),
      MessageGroupId: message.agencyCode,
      MessageDeduplicationId: `${message.type}:${message.dossierCode}:${attempt}`.slice(0, 128),
    }),
  );
}
