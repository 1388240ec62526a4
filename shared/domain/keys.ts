/**
 * The keys of an object literal as a non-empty tuple of its literal keys, for `z.enum` and loops
 * (`Object.keys` widens them to `string`).
 */
export function keysOf<K extends string>(record: Readonly<Record<K, unknown>>): [K, ...K[]] {
  const [first, ...rest] = Object.keys(record).filter((key): key is K => Object.hasOwn(record, key));
  if (first === undefined) throw new Error('keysOf needs an object with at least one key');
  return [first, ...rest];
}
