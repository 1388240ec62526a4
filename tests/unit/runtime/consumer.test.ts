import type { Context, DynamoDBRecord, SQSRecord } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import type { TableChange } from '../../../shared/app/table-change.ts';
import {
  orderedStreamConsumer,
  queueConsumer,
  scheduledJob,
  streamConsumer,
} from '../../../shared/runtime/consumer.ts';

const context: Context = {
  callbackWaitsForEmptyEventLoop: false,
  functionName: 'motcua-test',
  functionVersion: '$LATEST',
  invokedFunctionArn: 'arn:aws:lambda:ap-southeast-1:000000000000:function:motcua-test',
  memoryLimitInMB: '256',
  awsRequestId: 'request-1',
  logGroupName: '/aws/lambda/motcua-test',
  logStreamName: 'stream',
  getRemainingTimeInMillis: () => 30_000,
  done: () => undefined,
  fail: () => undefined,
  succeed: () => undefined,
};

const sqsRecord = (messageId: string, body: unknown, group?: string): SQSRecord => ({
  messageId,
  receiptHandle: `handle-${messageId}`,
  body: JSON.stringify(body),
  attributes: {
    ApproximateReceiveCount: '1',
    SentTimestamp: '0',
    SenderId: 'sender',
    ApproximateFirstReceiveTimestamp: '0',
    ...(group
      ? {
          MessageGroupId: group,
          SequenceNumber: messageId.replace(/\D/g, '') || '1',
          MessageDeduplicationId: messageId,
        }
      : {}),
  },
  messageAttributes: {},
  md5OfBody: '',
  eventSource: 'aws:sqs',
  eventSourceARN: group
    ? 'arn:aws:sqs:ap-southeast-1:000000000000:tier.fifo'
    : 'arn:aws:sqs:ap-southeast-1:000000000000:mail',
  awsRegion: 'ap-southeast-1',
});

const streamRecord = (sequence: string, table: string, after: Record<string, unknown>): DynamoDBRecord => ({
  eventID: `event-${sequence}`,
  eventName: 'INSERT',
  eventSourceARN: `arn:aws:dynamodb:ap-southeast-1:000000000000:table/${table}/stream/2026-12-01T00:00:00.000`,
  dynamodb: {
    SequenceNumber: sequence,
    NewImage: Object.fromEntries(Object.entries(after).map(([name, value]) => [name, { S: String(value) }])),
  },
});

describe('the consumer wrapper', () => {
  it('hands back only the queue messages that failed, their bodies parsed first', async () => {
    const seen: number[] = [];
    const handler = queueConsumer({
      parse: (body) => {
        const value: unknown = JSON.parse(body);
        if (typeof value !== 'number') throw new Error('not a number');
        return value;
      },
      work: async (n) => {
        if (n === 2) throw new Error('two fails');
        seen.push(n);
      },
    });
    const answer = await handler(
      { Records: [sqsRecord('m1', 1), sqsRecord('m2', 2), sqsRecord('m3', 'three'), sqsRecord('m4', 4)] },
      context,
    );
    expect(answer.batchItemFailures.map((f) => f.itemIdentifier).sort()).toEqual(['m2', 'm3']);
    expect(seen.sort()).toEqual([1, 4]);
  });

  it('FIFO: a failure hands back the rest of its group only; other groups go on', async () => {
    const seen: string[] = [];
    const handler = queueConsumer({
      parse: (body) => String(JSON.parse(body)),
      work: async (name) => {
        if (name === 'a1') throw new Error('a1 fails');
        seen.push(name);
      },
    });
    const answer = await handler(
      {
        Records: [
          sqsRecord('m1', 'a1', 'A'),
          sqsRecord('m2', 'b1', 'B'),
          sqsRecord('m3', 'a2', 'A'),
          sqsRecord('m4', 'b2', 'B'),
        ],
      },
      context,
    );
    expect(answer.batchItemFailures.map((f) => f.itemIdentifier).sort()).toEqual(['m1', 'm3']);
    expect(seen.sort()).toEqual(['b1', 'b2']);
  });

  it('a queue batch that failed whole fails the invocation when no redelivery wait is set', async () => {
    const handler = queueConsumer({
      parse: (body) => body,
      work: async () => {
        throw new Error('down');
      },
    });
    await expect(handler({ Records: [sqsRecord('m1', 1)] }, context)).rejects.toThrow();
  });

  it('stream records: one work function per batch, failures handed back by sequence number', async () => {
    const changes: TableChange[] = [];
    let batches = 0;
    const handler = streamConsumer(() => {
      batches += 1;
      return async (change) => {
        if (change.after?.fail) throw new Error('record fails');
        changes.push(change);
      };
    });
    const answer = await handler(
      {
        Records: [
          streamRecord('100', 'Dossiers', { dossierCode: 'H56-1' }),
          streamRecord('101', 'Documents', { fail: 'yes' }),
        ],
      },
      context,
    );
    expect(batches).toBe(1);
    expect(answer.batchItemFailures).toEqual([{ itemIdentifier: '101' }]);
    expect(changes).toEqual([{ table: 'Dossiers', before: undefined, after: { dossierCode: 'H56-1' } }]);
  });

  it('an ordered stream consumer runs records one after the other, each finished before the next starts', async () => {
    const events: string[] = [];
    const handler = orderedStreamConsumer(
      async (change) => {
        const code = String(change.after?.dossierCode);
        events.push(`start ${code}`);
        // The first record is the slowest: run side by side, the others would finish before it.
        await new Promise((resolve) => setTimeout(resolve, code === 'v1' ? 30 : 1));
        events.push(`end ${code}`);
      },
      async (changes) => {
        events.push(`afterwards ${changes.length}`);
      },
    );
    const answer = await handler(
      {
        Records: ['v1', 'v2', 'v3'].map((code, index) =>
          streamRecord(String(100 + index), 'Dossiers', { dossierCode: code }),
        ),
      },
      context,
    );
    expect(events).toEqual([
      'start v1',
      'end v1',
      'start v2',
      'end v2',
      'start v3',
      'end v3',
      'afterwards 3',
    ]);
    expect(answer.batchItemFailures).toEqual([]);
  });

  it('an ordered stream consumer stops at the first failure, hands it back, and gives afterwards only what came before', async () => {
    const applied: string[] = [];
    const afterwards: TableChange[][] = [];
    const handler = orderedStreamConsumer(
      async (change) => {
        if (change.after?.fail) throw new Error('record fails');
        applied.push(String(change.after?.dossierCode));
      },
      async (changes) => {
        afterwards.push(changes);
      },
    );
    const answer = await handler(
      {
        Records: [
          streamRecord('100', 'Dossiers', { dossierCode: 'H56-1' }),
          streamRecord('101', 'Dossiers', { dossierCode: 'H56-2', fail: 'yes' }),
          streamRecord('102', 'Dossiers', { dossierCode: 'H56-3' }),
        ],
      },
      context,
    );
    // The stream delivers 101 again, and 102 after it: 102 is neither applied nor counted now.
    expect(answer.batchItemFailures).toEqual([{ itemIdentifier: '101' }]);
    expect(applied).toEqual(['H56-1']);
    expect(afterwards).toEqual([[{ table: 'Dossiers', before: undefined, after: { dossierCode: 'H56-1' } }]]);
  });

  it('an ordered stream consumer hands the whole batch back when the work afterwards fails', async () => {
    const handler = orderedStreamConsumer(
      async () => undefined,
      async () => {
        throw new Error('counters unavailable');
      },
    );
    await expect(
      handler(
        { Records: [streamRecord('1', 'Dossiers', { a: 1 }), streamRecord('2', 'Documents', { b: 2 })] },
        context,
      ),
    ).rejects.toThrow('counters unavailable');
  });

  it('a scheduled job gets its parsed event and answers its result', async () => {
    const handler = scheduledJob(
      (event) =>
        typeof event === 'object' && event !== null && 'recount' in event ? String(event.recount) : undefined,
      async (recount) => ({ recount }),
    );
    expect(await handler({ recount: '2026-11' }, context)).toEqual({ recount: '2026-11' });
    expect(await handler({ source: 'aws.events' }, context)).toEqual({ recount: undefined });
  });
});
