import {
  BatchProcessor,
  EventType,
  processPartialResponse,
  SqsFifoPartialProcessorAsync,
} from '@aws-lambda-powertools/batch';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import middy from '@middy/core';
import type {
  Context,
  DynamoDBBatchResponse,
  DynamoDBRecord,
  DynamoDBStreamEvent,
  SQSBatchResponse,
  SQSEvent,
  SQSRecord,
} from 'aws-lambda';
import { loggingFailures, sqsMessage, streamRecord } from '../adapters/failure-log.ts';
import { withInjectedFaults } from '../adapters/fault-injection.ts';
import { scheduleRedelivery } from '../adapters/redelivery.ts';
import type { TableChange } from '../app/table-change.ts';
import type { FaultRates } from '../domain/common/faults.ts';
import { logger, observe } from '../observability.ts';

export { logger };

/**
 * Every consumer logs with the invocation's request id and function name, runs in its trace segment
 * and publishes the metrics it counted.
 */
function withLambdaContext<E, R>(handler: (event: E, context: Context) => Promise<R>) {
  return middy<E, R>()
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(observe())
    .handler(handler);
}

export interface QueueConsumer<M> {
  /** Reads a message body; a body it refuses fails that message like any other error. */
  parse: (body: string) => M;
  work: (message: M) => Promise<void>;
  /** Fault runs: the share of messages set in this parameter fails (see `withInjectedFaults`). */
  faults?: { parameter: string | undefined; handler: keyof FaultRates };
  /** Failed messages come back after a short, growing wait rather than the whole visibility timeout. */
  redelivery?: { queueUrl: string; maxReceiveCount: number };
}

/**
 * An SQS consumer with partial batch failures: each failed message is logged (personal data
 * masked) and handed back alone. From a FIFO queue (its messages have a group), order matters
 * within a message group, not across groups: each group is processed in order by its own
 * processor (a failure hands back the rest of that group) and the groups run side by side, so
 * one slow group does not hold up the others.
 */
export function queueConsumer<M>(consumer: QueueConsumer<M>) {
  const messageWork = (record: SQSRecord) => consumer.work(consumer.parse(record.body));
  const { faults } = consumer;
  // `AppFunction` replaces the flag at bundling: "false" outside fault-run deployments, which drops
  // the wrapper and its SSM client (≈ 76 KB) from the bundle; unbundled code (tests) keeps it.
  const work = loggingFailures(
    logger,
    sqsMessage,
    faults && process.env.MOTCUA_FAULT_INJECTION_BUNDLED !== 'false'
      ? withInjectedFaults(faults.parameter, faults.handler, messageWork)
      : messageWork,
  );
  return withLambdaContext<SQSEvent, SQSBatchResponse>(async (event, context) => {
    // With a redelivery wait, a batch that failed whole must still answer, so each message gets its wait.
    const throwOnFullBatchFailure = !consumer.redelivery;
    const fifo = event.Records.some((record) => record.attributes.MessageGroupId !== undefined);
    const answers = fifo
      ? await Promise.all(
          [...groupsOf(event.Records)].map((records) =>
            processPartialResponse({ Records: records }, work, new SqsFifoPartialProcessorAsync(), {
              context,
              skipGroupOnError: true,
              // A group whose every message failed must not fail the invocation: that would hand back
              // the other groups' messages too, processed or not.
              throwOnFullBatchFailure: false,
            }),
          ),
        )
      : [
          await processPartialResponse(event, work, new BatchProcessor(EventType.SQS), {
            context,
            throwOnFullBatchFailure,
          }),
        ];
    const batchItemFailures = answers.flatMap((answer) => answer.batchItemFailures);
    if (consumer.redelivery) {
      const { queueUrl, maxReceiveCount } = consumer.redelivery;
      await scheduleRedelivery(queueUrl, event.Records, batchItemFailures, logger, maxReceiveCount);
    }
    return { batchItemFailures };
  });
}

function groupsOf(records: readonly SQSRecord[]): IterableIterator<SQSRecord[]> {
  const groups = new Map<string, SQSRecord[]>();
  for (const record of records) {
    const group = record.attributes.MessageGroupId ?? '';
    groups.set(group, [...(groups.get(group) ?? []), record]);
  }
  return groups.values();
}

// why: the stream's images are DynamoDB's wire format, typed by the event package with its own
// attribute-value type; `unmarshall` reads them, and each consumer parses the result with its schema.
const image = (value: unknown) => (value ? unmarshall(value as Record<string, AttributeValue>) : undefined);

export const tableChangeOf = (record: DynamoDBRecord): TableChange => ({
  table: record.eventSourceARN?.split('/')[1],
  before: image(record.dynamodb?.OldImage),
  after: image(record.dynamodb?.NewImage),
});

/**
 * A DynamoDB stream consumer with partial batch failures, record by record. `perBatch` is called
 * once per invocation, so its work can share what it reads over the batch.
 */
export function streamConsumer(perBatch: () => (change: TableChange) => Promise<void>) {
  return withLambdaContext<DynamoDBStreamEvent, DynamoDBBatchResponse>(async (event, context) => {
    const work = perBatch();
    const recordWork = loggingFailures(logger, streamRecord, (record: DynamoDBRecord) =>
      work(tableChangeOf(record)),
    );
    return processPartialResponse(event, recordWork, new BatchProcessor(EventType.DynamoDBStreams), {
      context,
    });
  });
}

/**
 * A DynamoDB stream consumer for work that must see a table's changes in order. `perRecord` runs
 * record after record; at the first failure it stops, and that record is handed back: the stream
 * delivers it again with every record after it. `afterwards` then gets the changes before the
 * failure, the ones the stream will not deliver again; if it fails, the whole batch comes back.
 *
 * why not Powertools' BatchProcessor: for streams it goes on with the records after a failure (in
 * parallel by default), so a later version of a dossier could be applied before an earlier one.
 */
export function orderedStreamConsumer(
  perRecord: (change: TableChange) => Promise<void>,
  afterwards: (changes: TableChange[]) => Promise<void>,
) {
  const recordWork = loggingFailures(
    logger,
    ({ record }: { record: DynamoDBRecord; change: TableChange }) => streamRecord(record),
    ({ change }) => perRecord(change),
  );
  return withLambdaContext<DynamoDBStreamEvent, DynamoDBBatchResponse>(async (event) => {
    const entries = event.Records.map((record) => ({ record, change: tableChangeOf(record) }));
    let failed: number | undefined;
    for (const [index, entry] of entries.entries()) {
      try {
        await recordWork(entry);
      } catch {
        failed = index;
        break;
      }
    }
    await afterwards(entries.slice(0, failed).map((entry) => entry.change));
    const failedRecord = failed === undefined ? undefined : entries[failed]?.record;
    return {
      batchItemFailures: failedRecord
        ? [{ itemIdentifier: failedRecord.dynamodb?.SequenceNumber ?? '' }]
        : [],
    };
  });
}

/** A scheduled (or operator-invoked) job: its event is read by `parse`, its result is the answer. */
export function scheduledJob<E>(parse: (event: unknown) => E, run: (event: E) => Promise<unknown>) {
  return withLambdaContext<unknown, unknown>(async (event) => run(parse(event)));
}
