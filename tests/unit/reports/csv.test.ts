/** CSV output escapes formula-like text (OWASP "CSV Injection") and leaves numbers numbers. */
import { parse } from 'csv-parse/sync';
import { escapeFormula, recordsToCsv, toCsv } from '../../../reports/csv';

describe('CSV output', () => {
  it.each([
    ['=HYPERLINK("http://x")', `'=HYPERLINK("http://x")`],
    ["+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"],
    ['-2+3', "'-2+3"],
    ['@SUM(1)', "'@SUM(1)"],
    ['\tx', "'\tx"],
    ['\rx', "'\rx"],
    ['C00000042', 'C00000042'],
    ['张三', '张三'],
    ['a=b', 'a=b'],
  ])('escapeFormula(%j) = %j', (text, expected) => {
    expect(escapeFormula(text)).toBe(expected);
  });

  it('escapes text cells and the header, writes numbers as numbers, and adds a BOM when asked', () => {
    const csv = toCsv(['id', '=total'], [['=1+1', -12.5], ['C1', 3]], { bom: true });
    expect(csv).toBe("\uFEFFid,'=total\n'=1+1,-12.5\nC1,3\n");
    expect(parse(csv.slice(1))).toEqual([['id', "'=total"], ["'=1+1", '-12.5'], ['C1', '3']]);
  });

  it('writes records in the given column order, empty for missing values', () => {
    expect(recordsToCsv([{ b: '@x', a: 1 }, { a: 2 }], { columns: ['a', 'b'] })).toBe("a,b\n1,'@x\n2,\n");
    expect(recordsToCsv([])).toBe('\n');
  });
});
