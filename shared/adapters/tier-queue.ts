import { createHash } from 'node:crypto';
import { SendMessageBatchCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { messageGroupOf, messageIdentityOf, type RoutingMessage } from '../contracts/routing.ts';
import { counted } from './aws-calls.ts';

// Queue URLs name the host the queue was created under; the client's own endpoint is the one to use.
const sqs = counted(new SQSClient({ useQueueUrlAsEndpoint: false }));

/** FIFO deduplication ids are at most 128 characters; document ids can be longer, so they are hashed. */
function deduplicationId(message: RoutingMessage, attempt: string): string {
  return createHash('sha256')
    .update(`${messageIdentityOf(message)}:${attempt}`)
    .digest('hex');
}

/**
 * Tier queues are FIFO: each agency sees its messages in the order they were sent, and the
 * deduplication id drops a resend of the same one. `attempt` names the send: a deliberate re-send
 * (after a failed intake, or a redrive) must not be taken for a duplicate.
 */
export async function sendToTierQueue(
  queueUrl: string,
  message: RoutingMessage,
  attempt = 'first',
): Promise<void> {
  await sqs.send(
    new SendMessageCommand({
      QueueUrl: queueUrl,
      MessageBody: JSON.stringify(message),
      MessageGroupId: messageGroupOf(message),
      MessageDeduplicationId: deduplicationId(message, attempt),
    }),
  );
}

/** Fan-out: ten messages per request; whatever SQS refuses is retried, then reported. */
export async function sendAllToTierQueue(
  queueUrl: string,
  messages: readonly RoutingMessage[],
): Promise<void> {
  for (let start = 0; start < messages.length; start += 10) {
    let batch = messages.slice(start, start + 10).map((message, index) => ({
      Id: String(index),
      MessageBody: JSON.stringify(message),
      MessageGroupId: messageGroupOf(message),
      MessageDeduplicationId: deduplicationId(message, 'first'),
    }));
    for (let attempt = 0; batch.length > 0; attempt += 1) {
      if (attempt > 4) throw new Error(`SQS kept refusing ${batch.length} routing messages`);
      if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 50 * 2 ** attempt));
      const result = await sqs.send(new SendMessageBatchCommand({ QueueUrl: queueUrl, Entries: batch }));
      const failed = new Set((result.Failed ?? []).map((failure) => failure.Id));
      batch = batch.filter((entry) => failed.has(entry.Id));
    }
  }
}
