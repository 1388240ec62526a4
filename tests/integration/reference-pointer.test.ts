import { DeleteCommand, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { ReferenceStore } from '../../shared/adapters/reference-store.ts';
import { POINTER_COPIES, pointerCopyKey } from '../../shared/adapters/sharded-pointer.ts';
import { api, dataOutput, dynamo } from '../support/deployment.ts';

const table = () => dataOutput('ReferenceTableName');
const POINTER = { kind: 'catalog', code: 'active' };
const copyKey = (index: number) => pointerCopyKey(POINTER, index);
const item = async (key: Record<string, string>) =>
  (await dynamo.send(new GetCommand({ TableName: table(), Key: key, ConsistentRead: true }))).Item;

describe('the catalog pointer, read by every request, is kept in copies moved together', () => {
  it('moves every copy with the pointer when the registry changes', async () => {
    const store = new ReferenceStore(table());
    const [agency] = await store.listAgencies();
    if (!agency) throw new Error('no agency seeded');
    await store.putAgencies([agency]);
    const pointer = await item(POINTER);
    expect(pointer).toMatchObject({ version: expect.any(Number), registryVersion: expect.any(Number) });
    for (let index = 0; index < POINTER_COPIES; index += 1) {
      expect(await item(copyKey(index))).toMatchObject({
        version: pointer?.version,
        registryVersion: pointer?.registryVersion,
        revision: pointer?.revision,
      });
    }
  });

  it('reads the pointer itself while its copies are missing (a table written before them)', async () => {
    const store = new ReferenceStore(table());
    const version = await store.activeCatalogVersion();
    const saved = await Promise.all(
      Array.from({ length: POINTER_COPIES }, (_, index) => item(copyKey(index))),
    );
    try {
      // As before the copies existed: only the pointer, naming a version that is not the copies'.
      for (let index = 0; index < POINTER_COPIES; index += 1)
        await dynamo.send(new DeleteCommand({ TableName: table(), Key: copyKey(index) }));
      await dynamo.send(
        new UpdateCommand({
          TableName: table(),
          Key: POINTER,
          UpdateExpression: 'SET version = :missing',
          ExpressionAttributeValues: { ':missing': version + 1000 },
        }),
      );
      expect(await new ReferenceStore(table()).activeCatalogVersion()).toBe(version + 1000);
      // The function reads the pointer too: no procedure is published under that version.
      expect((await api<{ procedures: unknown[] }>('/procedures')).body.procedures).toEqual([]);
    } finally {
      await dynamo.send(
        new UpdateCommand({
          TableName: table(),
          Key: POINTER,
          UpdateExpression: 'SET version = :version',
          ExpressionAttributeValues: { ':version': version },
        }),
      );
      const [agency] = await store.listAgencies();
      if (agency) await store.putAgencies([agency]);
    }
    expect(saved.every((copy) => copy?.version === version)).toBe(true);
    expect((await api<{ procedures: unknown[] }>('/procedures')).body.procedures.length).toBeGreaterThan(0);
  });

  it('still finds an agency written straight into the table, without the registry version raised', async () => {
    const store = new ReferenceStore(table());
    const [known] = await store.listAgencies();
    if (!known) throw new Error('no agency seeded');
    const code = `000.99.${String(Date.now() % 100).padStart(2, '0')}.H56`;
    expect(await store.getAgency(code)).toBeUndefined();
    const written = { ...known, code, name: 'Đơn vị thêm trực tiếp', aliases: [] };
    await dynamo.send(new PutCommand({ TableName: table(), Item: { kind: 'agency', ...written } }));
    try {
      expect(await store.getAgency(code)).toMatchObject({ code, name: 'Đơn vị thêm trực tiếp' });
    } finally {
      await dynamo.send(new DeleteCommand({ TableName: table(), Key: { kind: 'agency', code } }));
    }
  });
});
