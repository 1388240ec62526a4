import {
  ChangeMessageVisibilityCommand,
  DeleteMessageCommand,
  GetQueueAttributesCommand,
  type Message,
  ReceiveMessageCommand,
  SendMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';

// Queue URLs name the host the queue was created under; the client's own endpoint is the one to use.
const sqs = new SQSClient({ useQueueUrlAsEndpoint: false });

export interface ParkedMessage {
  messageId: string;
  group: string | undefined;
  receiveCount: number;
  body: string;
}

export interface RedriveReport {
  found: ParkedMessage[];
  moved: number;
  /** Messages left parked on purpose (see `keep`), and deleted on purpose (see `remove`). */
  kept: number;
  removed: number;
}

export interface RedriveOptions {
  /** Messages to leave in the DLQ, e.g. a poison message nobody can process. */
  keep?: (message: ParkedMessage) => boolean;
  /** Messages to delete, even in a dry run: a poison message after it was looked at. */
  remove?: (message: ParkedMessage) => boolean;
}

/**
 * Moves what waits in a DLQ back to its queue, in the order it arrived; for a FIFO queue keeping each
 * message's group (so an agency's order holds) and giving it a new deduplication id (so FIFO does not
 * drop it as a repeat). With `dryRun` the messages are listed and left where they are.
 */
export async function redrive(
  deadLetterQueueUrl: string,
  queueUrl: string,
  dryRun: boolean,
  options: RedriveOptions = {},
): Promise<RedriveReport> {
  const found: ParkedMessage[] = [];
  const fifo = queueUrl.endsWith('.fifo');
  let moved = 0;
  let kept = 0;
  let removed = 0;
  const seen = new Set<string>();
  const waitUntil = Date.now() + 60_000;
  for (;;) {
    const { Messages = [] } = await sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: deadLetterQueueUrl,
        MaxNumberOfMessages: 10,
        WaitTimeSeconds: 1,
        // A dry run looks for a moment; a redrive holds each message until it has been re-sent.
        VisibilityTimeout: dryRun ? 5 : 60,
        MessageSystemAttributeNames: ['MessageGroupId', 'ApproximateReceiveCount'],
      }),
    );
    const fresh = Messages.filter((message: Message) => !seen.has(message.MessageId ?? ''));
    // A message kept a moment ago comes round again: let it go at once, or it would look in flight
    // for the whole receive timeout and the loop below would wait for it.
    for (const again of Messages.filter((message: Message) => seen.has(message.MessageId ?? '')))
      await sqs.send(
        new ChangeMessageVisibilityCommand({
          QueueUrl: deadLetterQueueUrl,
          ReceiptHandle: again.ReceiptHandle,
          VisibilityTimeout: 0,
        }),
      );
    if (fresh.length === 0) {
      // Messages someone is looking at (a dry run a moment ago) come back soon: a redrive waits for them.
      if (dryRun || !(await anyInFlight(deadLetterQueueUrl)) || Date.now() > waitUntil) break;
      await new Promise((done) => setTimeout(done, 1000));
      continue;
    }
    for (const message of fresh) {
      seen.add(message.MessageId ?? '');
      const parked = {
        messageId: message.MessageId ?? '',
        group: message.Attributes?.MessageGroupId,
        receiveCount: Number(message.Attributes?.ApproximateReceiveCount ?? 0),
        body: message.Body ?? '',
      };
      found.push(parked);
      if (options.remove?.(parked)) {
        await sqs.send(
          new DeleteMessageCommand({ QueueUrl: deadLetterQueueUrl, ReceiptHandle: message.ReceiptHandle }),
        );
        removed += 1;
        continue;
      }
      if (dryRun) continue;
      if (options.keep?.(parked)) {
        kept += 1;
        await sqs.send(
          new ChangeMessageVisibilityCommand({
            QueueUrl: deadLetterQueueUrl,
            ReceiptHandle: message.ReceiptHandle,
            VisibilityTimeout: 0,
          }),
        );
        continue;
      }
      await sqs.send(
        new SendMessageCommand({
          QueueUrl: queueUrl,
          MessageBody: parked.body,
          ...(fifo
            ? {
                MessageGroupId: parked.group ?? 'redriven',
                MessageDeduplicationId: `redrive-${parked.messageId}`.slice(0, 128),
              }
            : {}),
        }),
      );
      await sqs.send(
        new DeleteMessageCommand({ QueueUrl: deadLetterQueueUrl, ReceiptHandle: message.ReceiptHandle }),
      );
      moved += 1;
    }
  }
  return { found, moved, kept, removed };
}

async function anyInFlight(queueUrl: string): Promise<boolean> {
  const { Attributes } = await sqs.send(
    new GetQueueAttributesCommand({
      QueueUrl: queueUrl,
      AttributeNames: ['ApproximateNumberOfMessagesNotVisible'],
    }),
  );
  return Number(Attributes?.ApproximateNumberOfMessagesNotVisible ?? 0) > 0;
}
