import { describe, expect, it } from 'vitest';
import { TABLES } from '../../shared/config/tables.ts';
import { synth } from './templates.ts';

const data = synth()('Data');

interface TableProperties {
  KeySchema: { AttributeName: string; KeyType: string }[];
  AttributeDefinitions: { AttributeName: string; AttributeType: string }[];
  GlobalSecondaryIndexes?: {
    IndexName: string;
    KeySchema: { AttributeName: string; KeyType: string }[];
    Projection: { ProjectionType: string; NonKeyAttributes?: string[] };
  }[];
  TimeToLiveSpecification?: { AttributeName: string };
}

function deployed(id: string): TableProperties {
  const [table, ...more] = Object.entries(data.findResources('AWS::DynamoDB::Table'))
    .filter(([logicalId]) => logicalId.startsWith(id) && /^[0-9A-F]{8}$/.test(logicalId.slice(id.length)))
    .map(([, resource]) => resource.Properties as TableProperties);
  expect(more).toEqual([]);
  if (!table) throw new Error(`no table ${id} in the data stack`);
  return table;
}

const keys = (partition: { name: string }, sort?: { name: string }) => [
  { AttributeName: partition.name, KeyType: 'HASH' },
  ...(sort ? [{ AttributeName: sort.name, KeyType: 'RANGE' }] : []),
];

describe('the table layout the stores query by', () => {
  it.each(Object.values(TABLES))('is what the data stack deploys for $id', (layout) => {
    const table = deployed(layout.id);
    expect(table.KeySchema).toEqual(
      keys(layout.partitionKey, 'sortKey' in layout ? layout.sortKey : undefined),
    );
    expect(table.TimeToLiveSpecification?.AttributeName).toBe(
      'timeToLive' in layout ? layout.timeToLive : undefined,
    );
    const indexes = Object.values('indexes' in layout ? layout.indexes : {});
    expect(table.GlobalSecondaryIndexes ?? []).toEqual(
      indexes.map((index) => ({
        IndexName: index.name,
        KeySchema: keys(index.partitionKey, index.sortKey),
        Projection: !('projection' in index)
          ? { ProjectionType: 'ALL' }
          : index.projection === 'keys'
            ? { ProjectionType: 'KEYS_ONLY' }
            : { ProjectionType: 'INCLUDE', NonKeyAttributes: [...index.projection] },
      })),
    );
    const numeric = [layout.partitionKey, 'sortKey' in layout ? layout.sortKey : undefined]
      .filter((key) => key?.type === 'number')
      .map((key) => key?.name);
    for (const name of numeric)
      expect(table.AttributeDefinitions).toContainEqual({ AttributeName: name, AttributeType: 'N' });
  });
});

describe('the intake benchmark’s floor table (`-c benchFloor=true` only)', () => {
  const tablesOf = (stack: ReturnType<ReturnType<typeof synth>>) =>
    Object.entries(stack.findResources('AWS::DynamoDB::Table')).filter(([logicalId]) =>
      logicalId.startsWith('BenchFloorDossiers'),
    );

  it('copies the Dossiers table’s keys, stream and indexes, so the floor writes what intake does', () => {
    const benched = synth({ benchFloor: 'true' })('Data');
    const [floor, ...more] = tablesOf(benched).map(([, resource]) => resource.Properties as TableProperties);
    expect(more).toEqual([]);
    const dossiers = deployed(TABLES.dossiers.id);
    expect(floor?.KeySchema).toEqual(dossiers.KeySchema);
    expect(floor?.GlobalSecondaryIndexes).toEqual(dossiers.GlobalSecondaryIndexes);
    expect((floor as { StreamSpecification?: unknown } | undefined)?.StreamSpecification).toEqual({
      StreamViewType: 'NEW_AND_OLD_IMAGES',
    });
  });

  it('is not deployed otherwise', () => {
    expect(tablesOf(data)).toEqual([]);
  });
});
