import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { ScanCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { allPages, documentClient } from '../../shared/adapters/dynamodb.ts';

/** Every dossier of the table with only `fields`: an upgrade's one whole read. */
export function scanDossiers(table: string, fields: readonly string[]) {
  return allPages<Record<string, unknown>>((startKey) =>
    documentClient.send(
      new ScanCommand({
        TableName: table,
        ProjectionExpression: fields.map((_, index) => `#f${index}`).join(', '),
        ExpressionAttributeNames: Object.fromEntries(fields.map((field, index) => [`#f${index}`, field])),
        ExclusiveStartKey: startKey,
      }),
    ),
  );
}

/**
 * Sets `attributes` on a dossier unless it changed since it was read (its version moved): a change
 * made meanwhile already wrote what the upgrade would, so it is kept. Answers whether it was set.
 */
export async function setUnlessChanged(
  table: string,
  dossierCode: string,
  version: number,
  attributes: Record<string, unknown>,
): Promise<boolean> {
  const names = Object.keys(attributes);
  try {
    await documentClient.send(
      new UpdateCommand({
        TableName: table,
        Key: { dossierCode },
        UpdateExpression: `SET ${names.map((_, index) => `#a${index} = :a${index}`).join(', ')}`,
        ConditionExpression: '#version = :version',
        ExpressionAttributeNames: {
          '#version': 'version',
          ...Object.fromEntries(names.map((name, index) => [`#a${index}`, name])),
        },
        ExpressionAttributeValues: {
          ':version': version,
          ...Object.fromEntries(names.map((name, index) => [`:a${index}`, attributes[name]])),
        },
      }),
    );
    return true;
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
    return false;
  }
}
