import { describe, expect, it } from 'vitest';
import { AuditLog } from '../../../shared/adapters/audit-log.ts';
import { nextAuditEntry } from '../../../shared/domain/audit/audit.ts';
import { pendingShardOf } from '../../../shared/domain/audit/audit-anchor.ts';

const entry = nextAuditEntry('D-1', undefined, {
  kind: 'submission',
  action: 'submitted',
  actor: 'citizen',
  at: '2026-12-01T09:00:00+07:00',
  details: {},
});

describe('audit log writes', () => {
  it('put an entry only where none exists, and mark its chain for the next checkpoint in the same transaction', () => {
    expect(new AuditLog('Audit', 'AuditPending').putItems(entry)).toEqual([
      { Put: { TableName: 'Audit', Item: entry, ConditionExpression: 'attribute_not_exists(chain)' } },
      {
        Put: {
          TableName: 'AuditPending',
          Item: { shard: pendingShardOf('D-1'), chain: 'D-1', seq: 1, at: entry.at },
        },
      },
    ]);
  });

  it('refuse to append without the pending table, so no append escapes anchoring', () => {
    expect(() => new AuditLog('Audit').putItems(entry)).toThrow(/pending table/);
  });
});
