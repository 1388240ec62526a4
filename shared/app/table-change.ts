/** A table stream record as a use case sees it: the table's name and the item before and after. */
export interface TableChange {
  table: string | undefined;
  before: Record<string, unknown> | undefined;
  after: Record<string, unknown> | undefined;
}
