import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import type { CalendarPorts, CalendarWrite } from '../app/calendar/change-calendar.ts';
import { type CalendarEntry, CalendarEntrySchema } from '../domain/calendar/calendar-entries.ts';
import { documentClient, partitionItems } from './dynamodb.ts';

/**
 * The yearly decisions' entries in the Reference table: the `calendar` partition holds one item per
 * date (`code` = `YYYY-MM-DD`), the `calendar-audit` partition one item per change
 * (`code` = `<when>#<date>`) with who made it, under which decision, and the entry before and after.
 */
const CALENDAR = 'calendar';
const CALENDAR_AUDIT = 'calendar-audit';
/** A transaction holds 100 writes: an entry and its audit item each. */
export const MAX_CHANGES_PER_WRITE = 50;

// The entry is kept whole under `entry`: its own `kind` (day off or working day) is not the table's.
const StoredEntrySchema = z.looseObject({ entry: CalendarEntrySchema });
const StoredAuditSchema = z.looseObject({
  date: z.string(),
  decision: z.string(),
  command: z.string(),
  by: z.string(),
  at: z.string(),
  before: CalendarEntrySchema.optional(),
  after: CalendarEntrySchema.optional(),
});
export type CalendarAuditItem = z.output<typeof StoredAuditSchema>;

export class CalendarChangedMeanwhile extends Error {
  constructor() {
    super('The calendar changed while this command ran; nothing was written, run it again');
  }
}

type Store = CalendarPorts['store'];

export class CalendarStore implements Store {
  constructor(private readonly tableName: string) {}

  async listEntries(): Promise<CalendarEntry[]> {
    return (await this.query(StoredEntrySchema, CALENDAR)).map((item) => item.entry);
  }

  async listAudit(): Promise<CalendarAuditItem[]> {
    return this.query(StoredAuditSchema, CALENDAR_AUDIT);
  }

  /**
   * Writes the changes and their audit items in one transaction, each change only if the date still
   * holds what the command read (`before`), so two operators cannot overwrite each other unseen.
   */
  async write({ changes, command, decision, by, at }: CalendarWrite): Promise<void> {
    if (changes.length === 0) return;
    if (changes.length > MAX_CHANGES_PER_WRITE)
      throw new Error(`At most ${MAX_CHANGES_PER_WRITE} dates change at once; split the decision`);
    const items = changes.flatMap(({ date, before, after }) => [
      after
        ? {
            Put: {
              TableName: this.tableName,
              Item: { kind: CALENDAR, code: date, entry: after },
              ...guard(before),
            },
          }
        : {
            Delete: { TableName: this.tableName, Key: { kind: CALENDAR, code: date }, ...guard(before) },
          },
      {
        Put: {
          TableName: this.tableName,
          Item: {
            kind: CALENDAR_AUDIT,
            code: `${at}#${date}`,
            date,
            command,
            decision,
            by,
            at,
            before,
            after,
          },
          ConditionExpression: 'attribute_not_exists(code)',
        },
      },
    ]);
    try {
      await documentClient.send(new TransactWriteCommand({ TransactItems: items }));
    } catch (error) {
      if (error instanceof TransactionCanceledException) throw new CalendarChangedMeanwhile();
      throw error;
    }
  }

  private query<S extends z.ZodType>(schema: S, kind: string): Promise<z.output<S>[]> {
    return partitionItems(schema, this.tableName, { name: 'kind', value: kind });
  }
}

function guard(before: CalendarEntry | undefined) {
  return before
    ? {
        ConditionExpression: '#entry.recordedAt = :recordedAt',
        ExpressionAttributeNames: { '#entry': 'entry' },
        ExpressionAttributeValues: { ':recordedAt': before.recordedAt },
      }
    : { ConditionExpression: 'attribute_not_exists(code)' };
}
