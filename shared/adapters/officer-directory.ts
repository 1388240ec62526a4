import { GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { TABLES } from '../config/tables.ts';
import { type OfficerRecord, OfficerRecordSchema } from '../domain/officers/officers.ts';
import { allPages, documentClient } from './dynamodb.ts';

/** The index of officers by unit, for listing a unit's officers. */
export const OFFICERS_BY_AGENCY_INDEX = TABLES.officers.indexes.byAgency.name;

/**
 * Reads an officer's record, keeping each answer briefly: a deactivation reaches every function
 * instance within `cacheSeconds`, even for a token that is still valid.
 */
export class OfficerDirectory {
  private readonly cache = new Map<string, { at: number; record: OfficerRecord | undefined }>();

  constructor(
    private readonly tableName: string,
    private readonly cacheSeconds = 30,
    private readonly now: () => number = Date.now,
  ) {}

  async get(officerId: string): Promise<OfficerRecord | undefined> {
    const cached = this.cache.get(officerId);
    if (cached && this.now() - cached.at < this.cacheSeconds * 1000) return cached.record;
    const result = await documentClient.send(
      new GetCommand({ TableName: this.tableName, Key: { officerId } }),
    );
    const record = result.Item ? OfficerRecordSchema.parse(result.Item) : undefined;
    this.cache.set(officerId, { at: this.now(), record });
    return record;
  }

  async put(record: OfficerRecord): Promise<void> {
    await documentClient.send(
      new PutCommand({ TableName: this.tableName, Item: OfficerRecordSchema.parse(record) }),
    );
  }

  async ofAgency(agencyCode: string): Promise<OfficerRecord[]> {
    const items = await allPages<unknown>((startKey) =>
      documentClient.send(
        new QueryCommand({
          TableName: this.tableName,
          IndexName: OFFICERS_BY_AGENCY_INDEX,
          KeyConditionExpression: 'agencyCode = :agency',
          ExpressionAttributeValues: { ':agency': agencyCode },
          ExclusiveStartKey: startKey,
        }),
      ),
    );
    return items.map((item) => OfficerRecordSchema.parse(item));
  }
}
