import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { itemSize, numberSize, readUnits, writeUnits } from '../../../bench/lib/item-size.ts';

// Cases follow "DynamoDB item sizes and formats" (developer guide): names and values in UTF-8
// bytes, numbers 1 byte per two significant digits + 1, null and Boolean 1 byte, List and Map 3
// bytes + 1 byte per element, binary its raw length; and the pricing page's unit examples.
describe('DynamoDB item size', () => {
  it('counts attribute names and string values in UTF-8 bytes, Vietnamese diacritics included', () => {
    expect(itemSize({ name: 'abc' })).toBe(4 + 3);
    // "Hòa": H, o (1 byte each) and ò (2 bytes) → 4; "tên" → t, ê (2), n → 4.
    expect(itemSize({ tên: 'Hòa' })).toBe(4 + 4);
  });

  it('counts numbers by significant digits, leading and trailing zeroes trimmed', () => {
    expect(numberSize('123')).toBe(3);
    expect(numberSize('1000')).toBe(2);
    expect(numberSize('0.001')).toBe(2);
    expect(numberSize('-12.5')).toBe(3);
    expect(numberSize('0')).toBe(2);
    expect(itemSize({ n: 1234567 })).toBe(1 + 5);
  });

  it('counts null and Boolean as 1 byte and binary as its raw length', () => {
    expect(itemSize({ ok: true, no: null })).toBe(2 + 1 + 2 + 1);
    expect(itemSize({ b: new Uint8Array(10) })).toBe(1 + 10);
  });

  it('adds 3 bytes per List or Map and 1 byte per element', () => {
    expect(itemSize({ l: [] })).toBe(1 + 3);
    expect(itemSize({ m: {} })).toBe(1 + 3);
    // [1, "a"]: 3 + (1 + 2) + (1 + 1).
    expect(itemSize({ l: [1, 'a'] })).toBe(1 + 8);
    // {a: "x"}: 3 + (1 + name 1 + value 1); nested one level further: 3 + 1 + 1 + that.
    expect(itemSize({ m: { a: 'x' } })).toBe(1 + 6);
    expect(itemSize({ m: { o: { a: 'x' } } })).toBe(1 + 3 + 1 + 1 + 6);
  });

  it('sums the elements of a set without overhead', () => {
    expect(itemSize({ s: new Set(['ab', 'c']) })).toBe(1 + 3);
  });

  it('leaves out undefined attributes, as the document client is configured to', () => {
    expect(itemSize({ a: 'x', gone: undefined })).toBe(2);
  });

  it('is the name plus the value for any string attribute', () => {
    fc.assert(
      fc.property(
        // The SDK's marshall (which the measure uses, as the stores do) drops an attribute named
        // `__proto__`: no item the platform writes can carry one.
        fc.string({ minLength: 1, maxLength: 20 }).filter((name) => name !== '__proto__'),
        fc.string({ maxLength: 200 }),
        (name, value) => {
          expect(itemSize({ [name]: value })).toBe(Buffer.byteLength(name) + Buffer.byteLength(value));
        },
      ),
    );
  });
});

describe('request units', () => {
  it('bills a write per KB started, at least one', () => {
    expect(writeUnits(0)).toBe(1);
    expect(writeUnits(1024)).toBe(1);
    expect(writeUnits(1025)).toBe(2);
    // The pricing page: a standard write of a 3 KB item takes 3 units.
    expect(writeUnits(3 * 1024)).toBe(3);
  });

  it('bills reads per 4 KB: half eventually consistent, twice transactional', () => {
    // The pricing page: an 8 KB item takes 2 units strongly consistent, 1 eventually, 4 in a transaction.
    expect(readUnits(8 * 1024, 'strong')).toBe(2);
    expect(readUnits(8 * 1024, 'eventual')).toBe(1);
    expect(readUnits(8 * 1024, 'transactional')).toBe(4);
    expect(readUnits(100, 'eventual')).toBe(0.5);
    expect(readUnits(4097, 'strong')).toBe(2);
  });

  it('covers every byte written and never more than a KB too much', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 400 * 1024 }), (bytes) => {
        const units = writeUnits(bytes);
        expect(units * 1024).toBeGreaterThanOrEqual(bytes);
        expect(units * 1024 - bytes).toBeLessThan(1024);
      }),
    );
  });

  it('never bills a bigger read less, and an eventual read half a strong one', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1 << 20 }), fc.integer({ min: 0, max: 1 << 20 }), (a, b) => {
        const [small, big] = a <= b ? [a, b] : [b, a];
        expect(readUnits(big, 'strong')).toBeGreaterThanOrEqual(readUnits(small, 'strong'));
        expect(readUnits(big, 'eventual') * 2).toBe(readUnits(big, 'strong'));
      }),
    );
  });
});
