/**
 * The strict CSV reader on the inputs that went wrong before: an unquoted thousands separator,
 * stray quotes, GBK that starts after 64 KiB of ASCII, UTF-16, Latin-1, mixed encodings.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import iconv from 'iconv-lite';
import { readCsvFile, type CsvItem, type CsvReadOptions } from '../../../infra/csv/reader';
import { decideFromWindow } from '../../../infra/csv/encoding';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'csv-reader-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

let files = 0;
async function read(bytes: Buffer | string, options: CsvReadOptions = {}): Promise<CsvItem[]> {
  const file = path.join(dir, `f${++files}.csv`);
  fs.writeFileSync(file, bytes);
  const items: CsvItem[] = [];
  for await (const item of readCsvFile(file, options)) items.push(item);
  return items;
}

const rows = (items: CsvItem[]) => items.filter((i) => i.kind === 'row').map((i) => (i.kind === 'row' ? i.fields : []));
const rejected = (items: CsvItem[]) => items.flatMap((i) => (i.kind === 'rejected' ? [[i.line, i.reason, i.detail]] : []));

describe('strict records', () => {
  it('an unquoted thousands separator is a malformed row, never amount 1 and category "234.50"', async () => {
    const items = await read('order_id,customer_id,ordered_at,amount,category\nO1,C1,2024-01-05 10:00:00,1,234.50,food\nO2,C1,2024-01-06,"1,234.50",food\n');
    expect(rejected(items)).toEqual([[2, 'malformed_row', 'line 2: 6 fields where the header has 5']]);
    expect(rows(items)).toEqual([['O2', 'C1', '2024-01-06', '1,234.50', 'food']]);
  });

  it('sets aside each line with a stray quote and reads on from the next line', async () => {
    const items = await read('a,b,c\n1,2,3\n4,5"x,6\n7,8\n12,"13" z,14\n15,16,17\n"unclosed,1,2\n18,19,20\n"multi\r\nline","say ""hi""",y\r\n');
    expect(rejected(items)).toEqual([
      [3, 'malformed_row', 'line 3: a quote inside unquoted field 2'],
      [4, 'malformed_row', 'line 4: 2 fields where the header has 3'],
      [5, 'malformed_row', 'line 5: text follows the closing quote of field 2'],
      [7, 'malformed_row', 'line 7: a quote on this line opens a field that does not close into a well-formed row'],
    ]);
    expect(rows(items)).toEqual([['1', '2', '3'], ['15', '16', '17'], ['18', '19', '20'], ['multi\r\nline', 'say "hi"', 'y']]);
    // Every non-empty record is a row read: 8 rows, 4 accepted, 4 set aside.
    expect(items.flatMap((i) => (i.kind === 'header' ? [] : [i.rowNo]))).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it('an unclosed quote at the end of the file is set aside with its line', async () => {
    const items = await read('a,b\n1,2\n3,"4\n');
    expect(rejected(items)).toEqual([[3, 'malformed_row', 'line 3: a quote on this line opens a field that does not close into a well-formed row']]);
  });

  it('skips empty lines, keeps the rows around them', async () => {
    expect(rows(await read('a,b\r\n\r\n1,2\r\n\n3,4'))).toEqual([['1', '2'], ['3', '4']]);
  });

  it('a GBK character whose second byte is the delimiter does not split its field', async () => {
    // 亅 is 0x81 0x7C in GBK: 0x7C is `|`.
    const items = await read(iconv.encode('id|name\nC1|亅\nC2|张三|\n', 'gbk'), { delimiter: '|', encoding: 'gbk' });
    expect(rows(items)).toEqual([['C1', '亅']]);
    expect(rejected(items)).toEqual([[3, 'malformed_row', 'line 3: 3 fields where the header has 2']]);
  });

  it('a malformed header fails the file', async () => {
    await expect(read('a,"b\n1,2\n')).rejects.toThrow(/line 1: the header row is malformed/);
  });
});

describe('encodings', () => {
  const names = 'customer_id,name\nC1,张三\nC2,李四\nC3,王五\n';
  const expected = [['C1', '张三'], ['C2', '李四'], ['C3', '王五']];

  it('GBK whose first 64 KiB are ASCII decodes its later Chinese rows', async () => {
    const ascii = Array.from({ length: 8000 }, (_, i) => `A${i},name${i}`).join('\n');
    expect(ascii.length).toBeGreaterThan(65_536);
    const items = await read(Buffer.concat([Buffer.from(`customer_id,name\n${ascii}\n`), iconv.encode('C1,张三\nC2,李四\nC3,王五\n', 'gbk')]));
    expect(rows(items).slice(-3)).toEqual(expected);
    expect(rejected(items)).toEqual([]);
  });

  it.each([
    ['UTF-8', Buffer.from(names, 'utf8')],
    ['UTF-8 with BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(names, 'utf8')])],
    ['GBK', iconv.encode(names, 'gbk')],
    ['GB18030 with BOM', Buffer.concat([Buffer.from([0x84, 0x31, 0x95, 0x33]), iconv.encode(names, 'gb18030')])],
    ['UTF-16LE with BOM', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(names, 'utf16le')])],
    ['UTF-16BE with BOM', Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(names, 'utf16le').swap16()])],
    ['UTF-16LE without BOM', Buffer.from(names, 'utf16le')],
  ])('%s', async (_name, bytes) => {
    const items = await read(bytes);
    expect(items[0]).toEqual({ kind: 'header', fields: ['customer_id', 'name'], line: 1 });
    expect(rows(items)).toEqual(expected);
  });

  it('a Latin-1 file is refused, not read as GB18030; declared latin1 it reads', async () => {
    const latin1 = iconv.encode('customer_id,name\nC1,José\nC2,Müller\n', 'latin1');
    // As GB18030 the bytes "és" and "ül" would be the valid pairs 閟 and 黮.
    expect(new TextDecoder('gb18030', { fatal: true }).decode(Buffer.from([0xe9, 0x73, 0xfc, 0x6c]))).toBe('閟黮');
    await expect(read(latin1)).rejects.toThrow(/line 2: the text is neither UTF-8 nor GBK\/GB18030 Chinese \(a Latin-1 or Windows-1252 file\?\)/);
    expect(rows(await read(latin1, { encoding: 'latin1' }))).toEqual([['C1', 'José'], ['C2', 'Müller']]);
  });

  it('a declared encoding that contradicts the byte-order mark fails', async () => {
    await expect(read(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(names)]), { encoding: 'gbk' })).rejects.toThrow(/declared GBK\/GB18030 but starts with a UTF-8 byte-order mark/);
  });

  it('a few rows in another encoding are set aside as bad_encoding; a NUL byte too', async () => {
    const bytes = Buffer.concat([Buffer.from('customer_id,name\nC1,张三\nC2,赵六\nC3,孙七\n'), iconv.encode('C4,李四\n', 'gbk'), Buffer.from('C5,x\u0000y\nC6,王五\n')]);
    const items = await read(bytes);
    expect(rejected(items)).toEqual([
      [5, 'bad_encoding', 'line 5 is not valid UTF-8 (the encoding decided at line 2)'],
      [6, 'bad_encoding', 'line 6 holds a NUL byte'],
    ]);
    expect(items.find((i) => i.kind === 'rejected' && i.line === 6)).toMatchObject({ text: 'C5,x␀y', fields: ['C5', 'x␀y'] });
    expect(rows(items)).toEqual([['C1', '张三'], ['C2', '赵六'], ['C3', '孙七'], ['C6', '王五']]);
  });

  it('systematic bad bytes fail the file with the first line', async () => {
    const utf8 = Array.from({ length: 20 }, (_, i) => `U${i},张三`).join('\n');
    const gbk = iconv.encode(Array.from({ length: 20 }, (_, i) => `G${i},李四`).join('\n'), 'gbk');
    await expect(read(Buffer.concat([Buffer.from(`customer_id,name\n${utf8}\n`), gbk]))).rejects.toThrow(/20 of 40 rows, the first on line 22, are not valid UTF-8 \(decided at line 2\)/);
  });

  it('the window decides by lines: mostly UTF-8 stays UTF-8, GBK lines vote GB18030', () => {
    const gbkLines = iconv.encode('C1,张三\nC2,李四\n', 'gbk');
    expect(decideFromWindow(gbkLines, true)).toEqual({ encoding: 'gb18030' });
    expect(decideFromWindow(Buffer.concat([Buffer.from('张三\n王五\n'), gbkLines.subarray(0, 8)]), true)).toEqual({ encoding: 'utf8' });
  });
});
