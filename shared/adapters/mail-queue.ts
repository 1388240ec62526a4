import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { CitizenMailMessage } from '../domain/citizen-mail.ts';

// Queue URLs name the host the queue was created under; the client's own endpoint is the one to use.
const sqs = new SQSClient({ useQueueUrlAsEndpoint: false });

/** Mail goes through the mail queue: retried, rate-limited by the sender's concurrency, never lost. */
export async function enqueueCitizenMail(
  queueUrl: string,
  message: Omit<CitizenMailMessage, 'type'>,
): Promise<void> {
  await sqs.send(
    new SendMessageCommand({
      QueueUrl: queueUrl,
      MessageBody: JSON.stringify({ type: 'citizen-mail', ...message }),
    }),
  );
}
