import type { Logger } from '@aws-lambda-powertools/logger';
import type { DynamoDBRecord, SQSRecord } from 'aws-lambda';
import { failureOf } from '../domain/common/text.ts';

/** How a queue message is named in a failure line. */
export const sqsMessage = (record: SQSRecord) => ({
  message: 'message failed',
  messageId: record.messageId,
  receiveCount: Number(record.attributes.ApproximateReceiveCount),
});

/** How a stream record is named in a failure line. */
export const streamRecord = (record: DynamoDBRecord) => ({
  message: 'stream record failed',
  eventId: record.eventID,
  table: record.eventSourceARN?.split('/')[1],
});

/**
 * Logs why a record failed before the batch processor hands it back (the processor keeps the
 * error to itself), with any address or number that could identify a person masked.
 */
export function loggingFailures<R>(
  logger: Logger,
  describe: (record: R) => { message: string } & Record<string, unknown>,
  work: (record: R) => Promise<void>,
): (record: R) => Promise<void> {
  return async (record) => {
    try {
      await work(record);
    } catch (error) {
      const { message, ...fields } = describe(record);
      logger.warn(message, { ...fields, ...failureOf(error) });
      throw error;
    }
  };
}
