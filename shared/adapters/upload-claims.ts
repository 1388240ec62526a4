import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { type UploadClaim, uploadClaimId } from '../domain/intake/attachment.ts';
import { documentClient } from './dynamodb.ts';
import { parseOptionalItem, StoredUploadClaimSchema } from './stored-items.ts';

/** Claims binding uploads to dossiers, kept in the Idempotency table (see UploadClaim). */
export class UploadClaims {
  constructor(private readonly tableName: string) {}

  /** The claims already written for these upload keys, read consistently. */
  async existing(uploadKeys: readonly string[]): Promise<UploadClaim[]> {
    const found = await Promise.all(
      uploadKeys.map(async (uploadKey) => {
        const { Item } = await documentClient.send(
          new GetCommand({
            TableName: this.tableName,
            Key: { id: uploadClaimId(uploadKey) },
            ConsistentRead: true,
          }),
        );
        return parseOptionalItem(StoredUploadClaimSchema, Item, this.tableName);
      }),
    );
    return found.filter((claim) => claim !== undefined);
  }

  /** The transaction item that writes `claim` unless the upload is claimed already. */
  putItem(claim: UploadClaim) {
    return {
      Put: { TableName: this.tableName, Item: claim, ConditionExpression: 'attribute_not_exists(id)' },
    };
  }
}
