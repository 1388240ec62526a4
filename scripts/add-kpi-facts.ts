/**
 * Once, when upgrading a deployment whose dossiers were stored before the recount indexes projected
 * `kpiFacts`: gives each received dossier the map its next write would give it, so the KPI close and
 * an operator's recount count it again. Reads the whole table once. A dossier changed meanwhile keeps
 * what its change wrote (each update is conditional on the version read).
 *   npx tsx scripts/add-kpi-facts.ts <cdk-outputs.json>
 */
import { isDeepStrictEqual } from 'node:util';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { ScanCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { allPages, documentClient } from '../shared/adapters/dynamodb.ts';
import { StoredDossierPartSchema } from '../shared/adapters/stored-items.ts';
import { kpiFactsOf } from '../shared/domain/kpi/kpi.ts';
import { output, readOutputs } from './lib/outputs.ts';

const [outputsFile] = process.argv.slice(2);
if (!outputsFile) throw new Error('usage: tsx scripts/add-kpi-facts.ts <cdk-outputs.json>');
const table = output(readOutputs(outputsFile), 'Data', 'DossiersTableName');
// What `kpiFactsOf` reads, and what tells whether the item already has it.
const fields = [
  'dossierCode',
  'version',
  'agency',
  'procedure',
  'receivedAt',
  'dueAt',
  'channel',
  'status',
  'attachments',
  'clock',
  'result',
  'supplementRequests',
  'receipt',
  'process',
  'kpiFacts',
];
const items = await allPages<Record<string, unknown>>((startKey) =>
  documentClient.send(
    new ScanCommand({
      TableName: table,
      ProjectionExpression: fields.map((_, index) => `#f${index}`).join(', '),
      ExpressionAttributeNames: Object.fromEntries(fields.map((field, index) => [`#f${index}`, field])),
      ExclusiveStartKey: startKey,
    }),
  ),
);
let added = 0;
let changedMeanwhile = 0;
for (const item of items) {
  const dossier = StoredDossierPartSchema.safeParse(item).data;
  if (!dossier?.dossierCode || dossier.version === undefined) continue;
  const kpiFacts = kpiFactsOf(item);
  if (!kpiFacts || isDeepStrictEqual(item.kpiFacts, kpiFacts)) continue;
  try {
    await documentClient.send(
      new UpdateCommand({
        TableName: table,
        Key: { dossierCode: dossier.dossierCode },
        UpdateExpression: 'SET kpiFacts = :facts',
        ConditionExpression: '#version = :version',
        ExpressionAttributeNames: { '#version': 'version' },
        ExpressionAttributeValues: { ':facts': kpiFacts, ':version': dossier.version },
      }),
    );
    added += 1;
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
    changedMeanwhile += 1;
  }
}
console.log(
  `${added} dossiers given their KPI facts, ${changedMeanwhile} changed meanwhile (their change wrote them), ${items.length} read`,
);
