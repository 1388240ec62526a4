import * as z from 'zod';

/*
 * How every item read back from DynamoDB is parsed, apart from the item shapes themselves
 * (`stored-items.ts`), so that a store parsing only its own shapes does not build every other one
 * when its function starts.
 */

/** Parses `item` read from `table`, or throws an error naming the table and what is wrong. */
export function parseItem<S extends z.ZodType>(schema: S, item: unknown, table: string): z.output<S> {
  const result = schema.safeParse(item);
  if (result.success) return result.data;
  throw new Error(`Malformed item in ${table}: ${z.prettifyError(result.error)}`);
}

/**
 * The items of a listing that pass their schema. One malformed item is reported and left out rather
 * than hiding every other dossier from a unit's queue or from the apology sweep; reads of one item
 * and the KPI recount, whose counts must be whole, still fail on it (`parseItem`).
 */
export function* wellFormedItems<S extends z.ZodType>(
  schema: S,
  items: Iterable<unknown>,
  table: string,
  report: (problem: { table: string; key: unknown; issues: string }) => void,
): Generator<z.output<S>> {
  for (const item of items) {
    const result = schema.safeParse(item);
    if (result.success) yield result.data;
    else {
      const key =
        typeof item === 'object' && item !== null && 'dossierCode' in item ? item.dossierCode : undefined;
      report({ table, key, issues: z.prettifyError(result.error) });
    }
  }
}

/** Parses an item that may be absent (a GetItem that found nothing). */
export function parseOptionalItem<S extends z.ZodType>(
  schema: S,
  item: unknown,
  table: string,
): z.output<S> | undefined {
  return item === undefined ? undefined : parseItem(schema, item, table);
}
