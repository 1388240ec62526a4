import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';

/**
 * DynamoDB item sizes and the capacity units they cost, by the rules AWS documents in
 * "DynamoDB item sizes and formats" (developer guide, CapacityUnitCalculations) and the on-demand
 * pricing page: an item is the sum of its attribute names and values; strings are UTF-8 bytes;
 * binaries their raw bytes; a number 1 byte per two significant digits plus 1; null and Boolean
 * 1 byte; a List or Map 3 bytes plus its elements plus 1 byte per element; a set the sum of its
 * elements. Billing for storage adds 100 bytes per item for indexing.
 */

const utf8 = (text: string) => Buffer.byteLength(text, 'utf8');

/** Bytes of a DynamoDB number: leading and trailing zeroes (and sign, point, exponent) do not count. */
export function numberSize(value: string): number {
  const [mantissa = ''] = value.trim().toLowerCase().split('e');
  const digits = mantissa
    .replace(/[^0-9]/g, '')
    .replace(/^0+/, '')
    .replace(/0+$/, '');
  return Math.ceil(Math.max(digits.length, 1) / 2) + 1;
}

/** Bytes of one attribute value (without its name). */
export function valueSize(value: AttributeValue): number {
  if (value.S !== undefined) return utf8(value.S);
  if (value.N !== undefined) return numberSize(value.N);
  if (value.B !== undefined) return value.B.byteLength;
  if (value.BOOL !== undefined || value.NULL !== undefined) return 1;
  if (value.SS !== undefined) return value.SS.reduce((sum, s) => sum + utf8(s), 0);
  if (value.NS !== undefined) return value.NS.reduce((sum, n) => sum + numberSize(n), 0);
  if (value.BS !== undefined) return value.BS.reduce((sum, b) => sum + b.byteLength, 0);
  if (value.L !== undefined) return 3 + value.L.reduce((sum, element) => sum + 1 + valueSize(element), 0);
  if (value.M !== undefined)
    return (
      3 +
      Object.entries(value.M).reduce((sum, [name, element]) => sum + 1 + utf8(name) + valueSize(element), 0)
    );
  throw new Error(`Unknown attribute value: ${JSON.stringify(value)}`);
}

/** Bytes of an item as DynamoDB counts them, from its marshalled attributes. */
export function attributeMapSize(item: Record<string, AttributeValue>): number {
  return Object.entries(item).reduce((sum, [name, value]) => sum + utf8(name) + valueSize(value), 0);
}

/**
 * Bytes of an item given as the document client writes it (undefined values removed, as the
 * project's client is configured).
 */
export function itemSize(item: Record<string, unknown>): number {
  return attributeMapSize(
    marshall(item, { removeUndefinedValues: true, convertClassInstanceToMap: true }) as Record<
      string,
      AttributeValue
    >,
  );
}

/** What DynamoDB bills as stored for one item: its size plus 100 bytes of indexing overhead. */
export const STORAGE_OVERHEAD_BYTES = 100;

/** Write request units of one standard write of an item of `bytes`: 1 per KB started, at least 1. */
export function writeUnits(bytes: number): number {
  return Math.max(1, Math.ceil(bytes / 1024));
}

export type ReadMode = 'eventual' | 'strong' | 'transactional';

/**
 * Read request units of reading `bytes` in one request: 1 per 4 KB started (at least 1) for a
 * strongly consistent read, half that for an eventually consistent one, twice for a transactional one.
 * A query sums the sizes of the items it returns before rounding.
 */
export function readUnits(bytes: number, mode: ReadMode): number {
  const blocks = Math.max(1, Math.ceil(bytes / 4096));
  return mode === 'eventual' ? blocks / 2 : mode === 'strong' ? blocks : blocks * 2;
}
