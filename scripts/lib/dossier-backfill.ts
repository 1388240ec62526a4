import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { ScanCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient } from '../../shared/adapters/dynamodb.ts';

/**
 * Every dossier of the table with only `fields`, page after page: an upgrade's one whole read, held
 * in memory a page at a time (a province's million dossiers would not fit at once).
 */
export async function* scanDossiers(
  table: string,
  fields: readonly string[],
): AsyncGenerator<Record<string, unknown>> {
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await documentClient.send(
      new ScanCommand({
        TableName: table,
        ProjectionExpression: fields.map((_, index) => `#f${index}`).join(', '),
        ExpressionAttributeNames: Object.fromEntries(fields.map((field, index) => [`#f${index}`, field])),
        ExclusiveStartKey: startKey,
      }),
    );
    yield* page.Items ?? [];
    startKey = page.LastEvaluatedKey;
  } while (startKey);
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
