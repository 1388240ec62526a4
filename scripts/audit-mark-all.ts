/**
 * Once, when anchoring is introduced on a deployment that already has audit chains: marks every
 * chain as pending, so the next anchoring runs sign their current heads. Reads the whole table, which
 * the hourly job never does. Chains appended to later are marked by their appends.
 *   npx tsx scripts/audit-mark-all.ts <cdk-outputs.json>
 */
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { allPages, batchPut, documentClient } from '../shared/adapters/dynamodb.ts';
import { pendingShardOf } from '../shared/domain/audit/audit-anchor.ts';
import { output, readOutputs } from './lib/outputs.ts';

const [outputsFile] = process.argv.slice(2);
if (!outputsFile) throw new Error('usage: tsx scripts/audit-mark-all.ts <cdk-outputs.json>');
const outputs = readOutputs(outputsFile);
const auditTable = output(outputs, 'Data', 'AuditTableName');
const keys = await allPages<{ chain: string; seq: number }>((startKey) =>
  documentClient.send(
    new ScanCommand({
      TableName: auditTable,
      ProjectionExpression: 'chain, seq',
      ExclusiveStartKey: startKey,
    }),
  ),
);
const heads = new Map<string, number>();
for (const { chain, seq } of keys) heads.set(chain, Math.max(seq, heads.get(chain) ?? 0));
await batchPut(
  output(outputs, 'Data', 'AuditPendingTableName'),
  [...heads].map(([chain, seq]) => ({ shard: pendingShardOf(chain), chain, seq })),
);
console.log(`${heads.size} chains marked for the next checkpoints (${keys.length} entries read)`);
