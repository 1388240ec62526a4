import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvCell, csvLine, isFormulaLike } from '../../../shared/domain/common/csv.ts';

const TRIGGERS = ['=', '+', '-', '@', '\t', '\r', '＝', '＋', '－', '＠'];

/** What a spreadsheet reads back from one line. */
const readBack = (line: string): string[] =>
  (parse(line, { relax_column_count: true }) as string[][])[0] ?? [''];

/** Text that starts like a formula, possibly after spaces: `=1+2`, `  -2+3`, `\t@SUM(A1)`… */
const formulaLike = fc
  .tuple(fc.stringMatching(/^ {0,3}$/), fc.constantFrom(...TRIGGERS), fc.string())
  .map(([spaces, trigger, rest]) => `${spaces}${trigger}${rest}`);

describe('CSV cells (OWASP CSV injection)', () => {
  it('prefix a single quote to text a spreadsheet would run, and quote the cell', () => {
    fc.assert(
      fc.property(formulaLike, (text) => {
        const cell = csvCell(text);
        expect(cell.startsWith(`"'`)).toBe(true);
        expect(readBack(cell)).toEqual([`'${text}`]);
      }),
    );
    expect(csvCell("-2+3+cmd|' /C calc'!A0")).toBe(`"'-2+3+cmd|' /C calc'!A0"`);
    expect(csvCell('  =HYPERLINK("http://x")')).toBe(`"'  =HYPERLINK(""http://x"")"`);
    expect(csvCell('\t=1')).toBe(`"'\t=1"`);
  });

  it('leave any other text as it is, read back as one cell', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        fc.pre(!isFormulaLike(text));
        expect(readBack(csvCell(text))).toEqual([text]);
      }),
    );
  });

  it('never let a cell read back start like a formula, whatever the text', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.string(), formulaLike), { minLength: 1, maxLength: 6 }), (texts) => {
        const cells = readBack(csvLine(texts));
        expect(cells).toHaveLength(texts.length);
        for (const cell of cells) expect(isFormulaLike(cell)).toBe(false);
      }),
    );
  });

  it('keep numbers the platform computed numeric, negative ones included', () => {
    fc.assert(
      fc.property(fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true })), (value) => {
        expect(csvCell(value)).toBe(String(value));
      }),
    );
    expect(csvLine([-3, 0.25, true, null, undefined, 'x'])).toBe('-3,0.25,true,,,x');
    expect(() => csvCell(Number.NaN)).toThrow(RangeError);
  });
});
