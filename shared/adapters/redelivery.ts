import type { Logger } from '@aws-lambda-powertools/logger';
import { ChangeMessageVisibilityBatchCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { SQSBatchItemFailure, SQSRecord } from 'aws-lambda';
import { failureOf } from '../domain/common/text.ts';
import { redeliveryDelaySeconds } from '../domain/lifecycle/redelivery.ts';
import { counted } from './aws-calls.ts';

const sqs = counted(new SQSClient({}));
const SQS_BATCH_LIMIT = 10;

/**
 * Shortens the wait of the messages a batch handed back (see `redeliveryDelaySeconds`). In a FIFO
 * message group the messages after a failed one come back unprocessed; they wait as long as the
 * failed one, which goes first. If SQS refuses, the messages simply wait out the queue's
 * visibility timeout: nothing is lost.
 */
export async function scheduleRedelivery(
  queueUrl: string,
  records: readonly SQSRecord[],
  failures: readonly SQSBatchItemFailure[],
  logger: Logger,
  maxReceiveCount: number,
): Promise<void> {
  const failed = new Set(failures.map((failure) => failure.itemIdentifier));
  const groupDelay = new Map<string, number>();
  const entries = records
    .filter((record) => failed.has(record.messageId))
    .map((record, index) => {
      const group = record.attributes.MessageGroupId ?? record.messageId;
      const delay =
        groupDelay.get(group) ??
        redeliveryDelaySeconds(Number(record.attributes.ApproximateReceiveCount), maxReceiveCount);
      groupDelay.set(group, delay);
      return { Id: `m${index}`, ReceiptHandle: record.receiptHandle, VisibilityTimeout: delay };
    });
  for (let start = 0; start < entries.length; start += SQS_BATCH_LIMIT) {
    const chunk = entries.slice(start, start + SQS_BATCH_LIMIT);
    try {
      const answer = await sqs.send(
        new ChangeMessageVisibilityBatchCommand({ QueueUrl: queueUrl, Entries: chunk }),
      );
      if (answer.Failed?.length)
        logger.warn('redelivery delay refused', { refused: answer.Failed.map((entry) => entry.Code) });
    } catch (error) {
      logger.warn('redelivery delay not set', failureOf(error));
    }
  }
}
