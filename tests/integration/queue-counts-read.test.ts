import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { batchPut } from '../../shared/adapters/dynamodb.ts';
import { QueueCountStore } from '../../shared/adapters/queue-count-store.ts';
import { mineCell, TABS_CELL } from '../../shared/domain/officers/queue-counts.ts';
import { queuePartitions } from '../../shared/domain/officers/work-queue.ts';
import { dataOutput } from '../support/deployment.ts';

describe('the queue counts of a unit with many codes (the QueueCounts table)', () => {
  it('sums every partition’s cells, though they need more keys than one BatchGetItem takes', async () => {
    // Eight codes (a unit merged from seven): 64 partitions, 128 keys with the officer's cells.
    const codes = Array.from({ length: 8 }, () => `T${randomUUID().slice(0, 8)}`);
    const partitions = codes.flatMap(queuePartitions);
    const table = dataOutput('QueueCountsTableName');
    await batchPut(
      table,
      partitions.flatMap((partition, index) => [
        { pk: `unit#${partition}`, sk: TABS_CELL, all: 2, reception: index % 2 },
        { pk: `unit#${partition}`, sk: mineCell('chuyen-vien-1'), mine: 1 },
      ]),
    );
    expect(await new QueueCountStore(table).read(partitions, 'chuyen-vien-1')).toEqual({
      all: 2 * partitions.length,
      reception: partitions.length / 2,
      mine: partitions.length,
    });
  });
});
