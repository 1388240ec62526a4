import { SendMessageBatchCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { DeliveryMessage } from '../app/webhooks/deliver-webhook.ts';
import { counted } from './aws-calls.ts';

// Queue URLs name the host the queue was created under; the client's own endpoint is the one to use.
const sqs = counted(new SQSClient({ useQueueUrlAsEndpoint: false }));

export const MAX_SQS_DELAY_SECONDS = 900;

export async function enqueueDelivery(
  queueUrl: string,
  message: DeliveryMessage,
  delaySeconds = 0,
): Promise<void> {
  await sqs.send(
    new SendMessageCommand({
      QueueUrl: queueUrl,
      MessageBody: JSON.stringify(message),
      DelaySeconds: Math.min(MAX_SQS_DELAY_SECONDS, Math.max(0, Math.round(delaySeconds))),
    }),
  );
}

export async function enqueueDeliveries(
  queueUrl: string,
  messages: readonly DeliveryMessage[],
): Promise<void> {
  for (let start = 0; start < messages.length; start += 10) {
    const batch = messages.slice(start, start + 10);
    const result = await sqs.send(
      new SendMessageBatchCommand({
        QueueUrl: queueUrl,
        Entries: batch.map((message, index) => ({ Id: String(index), MessageBody: JSON.stringify(message) })),
      }),
    );
    if (result.Failed?.length) throw new Error(`SQS refused ${result.Failed.length} webhook deliveries`);
  }
}

/** What finally failed is kept in the dead-letter queue, where an operator can look and replay. */
export async function parkDelivery(
  deadLetterQueueUrl: string,
  message: DeliveryMessage,
  reason: string,
): Promise<void> {
  await sqs.send(
    new SendMessageCommand({
      QueueUrl: deadLetterQueueUrl,
      MessageBody: JSON.stringify({ ...message, reason }),
    }),
  );
}
