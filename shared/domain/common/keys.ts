/**
 * The keys of an object literal as a non-empty tuple of its literal keys, for `z.enum` and loops
 * (`Object.keys` widens them to `string`).
 */
export function keysOf<K extends string>(record: Readonly<Record<K, unknown>>): [K, ...K[]] {
  const [first, ...rest] = Object.keys(record).filter((key): key is K => Object.hasOwn(record, key));
  if (first === undefined) throw new Error('keysOf needs an object with at least one key');
  return [first, ...rest];
}

/** A record with a value for each of `keys`, typed by them (`Object.fromEntries` types its result by `string`). */
export function recordOf<K extends string, V>(keys: readonly K[], value: (key: K) => V): Record<K, V> {
  const record: Partial<Record<K, V>> = {};
  for (const key of keys) record[key] = value(key);
  if (!hasEvery(keys, record)) throw new Error('recordOf left a key without a value');
  return record;
}

function hasEvery<K extends string, V>(
  keys: readonly K[],
  record: Partial<Record<K, V>>,
): record is Record<K, V> {
  return keys.every((key) => Object.hasOwn(record, key));
}

/** The entries of `record` whose keys are in `keys`, in that order, typed by them (`Object.entries` widens keys to `string`). */
export function entriesOf<K extends string, V>(keys: readonly K[], record: Partial<Record<K, V>>): [K, V][] {
  const entries: [K, V][] = [];
  for (const key of keys) {
    const value = record[key];
    if (Object.hasOwn(record, key) && value !== undefined) entries.push([key, value]);
  }
  return entries;
}
