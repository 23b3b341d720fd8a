import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { parse } from 'csv-parse/sync';
import iconv from 'iconv-lite';
import { readTransactions, registerSegmentCommand } from '../../../scripts/commands/segment';

const dir = mkdtempSync(join(tmpdir(), 'segment-'));
const csv = (name: string, text: string) => {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
};

describe('segment command input', () => {
  it('reads dates and date-times with the pipeline\'s rules, as instants (UTC unless a zone is given)', async () => {
    const dates = ['2024-03-05', '2024-03-05 14:30', '2024-03-05T14:30:00+0800', '2024/3/5', '2024年3月5日 14:30'];
    const rows = await readTransactions(csv('dates.csv', `customer_id,date,amount\n${dates.map((d, i) => `c${i},${d},1`).join('\n')}\n`));
    expect(rows.map((r) => r.orderedAt.toISOString())).toEqual([
      '2024-03-05T00:00:00.000Z', '2024-03-05T14:30:00.000Z', '2024-03-05T06:30:00.000Z', '2024-03-05T00:00:00.000Z', '2024-03-05T14:30:00.000Z',
    ]);
    await expect(readTransactions(csv('feb30.csv', 'customer_id,date,amount\nc1,2024-02-30,1\n'))).rejects.toThrow(/column "date": date "2024-02-30" matches none of/);
    await expect(readTransactions(csv('dayfirst.csv', 'customer_id,date,amount\nc1,05/03/2024,1\n'))).rejects.toThrow(/column "date": date "05\/03\/2024" matches none of/);
    await expect(readTransactions(csv('year1.csv', 'customer_id,date,amount\nc1,0001-01-01,1\n'))).rejects.toThrow(/row 1 \(line 2\), column "date": date "0001-01-01" is before the date floor 1900-01-01 \(date_before_floor\)/);
  });

  it('decodes GBK: 张三, 李四 and 王五 stay three customers', async () => {
    const file = join(dir, 'gbk.csv');
    writeFileSync(file, iconv.encode('customer_id,date,amount\n张三,2024-01-02,10\n李四,2024-01-03,20\n王五,2024-01-04,30\n', 'gbk'));
    expect((await readTransactions(file)).map((r) => r.customerId)).toEqual(['张三', '李四', '王五']);
  });

  it('reads the encodings extract reads: GBK after 64 KiB of ASCII, UTF-16; refuses Latin-1 unless declared', async () => {
    const ascii = Array.from({ length: 4000 }, (_, i) => `a${i},2024-01-02,10`).join('\n');
    expect(ascii.length).toBeGreaterThan(65_536);
    const late = join(dir, 'gbk-late.csv');
    writeFileSync(late, Buffer.concat([Buffer.from(`customer_id,date,amount\n${ascii}\n`), iconv.encode('张三,2024-01-02,10\n李四,2024-01-03,20\n王五,2024-01-04,30\n', 'gbk')]));
    expect((await readTransactions(late)).slice(-3).map((r) => r.customerId)).toEqual(['张三', '李四', '王五']);
    const utf16 = join(dir, 'utf16.csv');
    writeFileSync(utf16, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('customer_id,date,amount\r\n张三,2024-01-02,10\r\n', 'utf16le')]));
    expect((await readTransactions(utf16)).map((r) => r.customerId)).toEqual(['张三']);
    const latin1 = join(dir, 'latin1.csv');
    writeFileSync(latin1, iconv.encode('customer_id,date,amount\nJosé,2024-01-02,10\nMüller,2024-01-03,20\n', 'latin1'));
    await expect(readTransactions(latin1)).rejects.toThrow(/latin1\.csv: line 2: the text is neither UTF-8 nor GBK\/GB18030 Chinese/);
    expect((await readTransactions(latin1, { encoding: 'latin1' })).map((r) => r.customerId)).toEqual(['José', 'Müller']);
  });

  it('reads amounts with the pipeline\'s rules: ambiguous ones are errors, not 125 or 1.2345 or 16', async () => {
    for (const amount of ['12,5', '1.234,50', '0x10']) {
      await expect(readTransactions(csv('amount.csv', `customer_id,date,amount\nc1,2024-01-02,"${amount}"\n`))).rejects.toThrow(`column "amount": amount "${amount}" is not an amount (invalid_amount)`);
    }
  });

  it('nets returns against their order; a return without one is an error, never negative spend', async () => {
    const rows = await readTransactions(csv('returns.csv', 'customer_id,date,amount,order_id,status\nc1,2024-01-02,100,O1,paid\nc1,2024-01-05,30,O1,退货\nc1,2024-01-06,-20,O1,\n'));
    expect(rows.map((r) => [r.orderId, r.amount])).toEqual([['O1', 100], ['O1', -30], ['O1', -20]]);
    await expect(readTransactions(csv('negative.csv', 'customer_id,date,amount\nc1,2024-01-02,-2464\n'))).rejects.toThrow(/row 1 \(line 2\), column "amount": -2464 is a return or cancellation with no order_id/);
    await expect(readTransactions(csv('orphan.csv', 'customer_id,date,amount,order_id\nc1,2024-01-02,10,O1\nc1,2024-01-03,-5,O2\n'))).rejects.toThrow(/row 2 \(line 3\), column "order_id": the return or cancellation of order O2 has no sale/);
  });

  it('a malformed row is an error naming its line, never shifted columns', async () => {
    await expect(readTransactions(csv('shifted.csv', 'customer_id,date,amount,category\nc1,2024-01-05,1,234.50,food\n'))).rejects.toThrow(/shifted.csv: row 1, line 2: 5 fields where the header has 4 \(malformed_row\)/);
  });

  it('reads transactions with optional columns', async () => {
    const rows = await readTransactions(csv('ok.csv', 'customer_id,date,amount,channel\nc1,2024-01-02,"1,200.50",app\nc2,2024-01-03,30,\n'));
    expect(rows).toEqual([
      { customerId: 'c1', orderedAt: new Date('2024-01-02T00:00:00Z'), amount: 1200.5, orderId: null, channel: 'app', category: null },
      { customerId: 'c2', orderedAt: new Date('2024-01-03T00:00:00Z'), amount: 30, orderId: null, channel: null, category: null },
    ]);
  });

  it('names the file, row, line and column of a bad value', async () => {
    const file = csv('bad.csv', 'customer_id,date,amount\nc1,2024-01-02,10\nc2,2024-13-01,5\n');
    await expect(readTransactions(file)).rejects.toThrow(`${file}: row 2 (line 3), column "date": date "2024-13-01" matches none of iso, yyyy/M/d, yyyy.M.d, yyyyMMdd, cn (invalid_date)`);
    const amount = csv('amount.csv', 'customer_id,date,amount\nc1,2024-01-02,ten\n');
    await expect(readTransactions(amount)).rejects.toThrow(/row 1 \(line 2\), column "amount": amount "ten" is not an amount \(invalid_amount\)/);
  });

  it('names missing columns', async () => {
    await expect(readTransactions(csv('cols.csv', 'customer,date,amount\nc1,2024-01-02,1\n'))).rejects.toThrow(/missing column\(s\) customer_id/);
  });
});

describe('segment command output', () => {
  it('writes customer ids that look like formulas escaped (OWASP), numbers as numbers', async () => {
    const hostile = ['=HYPERLINK("http://x")', "+cmd|' /C calc'!A0", '@SUM(1)'];
    const ids = [...hostile, ...Array.from({ length: 40 }, (_, i) => `c${i}`)];
    const lines = ids.flatMap((id, i) => [0, 1, 2].slice(0, 1 + (i % 3)).map((k) => `"${id.replace(/"/g, '""')}",2024-0${1 + k * 3}-${String(1 + (i % 27)).padStart(2, '0')},${10 + i * 3 + k}`));
    const input = csv('hostile.csv', `customer_id,date,amount\n${lines.join('\n')}\n`);
    const output = join(dir, 'hostile-out.csv');
    const program = new Command().exitOverride();
    registerSegmentCommand(program);
    const log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
    await program.parseAsync(['segment', '--input', input, '--output', output], { from: 'user' });
    log.mockRestore();
    const rows = parse(readFileSync(output), { columns: true }) as Record<string, string>[];
    expect(rows.map((r) => r.customer_id).filter((id) => !/^c\d+$/.test(id)).sort()).toEqual(hostile.map((id) => `'${id}`).sort());
    for (const row of rows) expect(Number.isFinite(Number(row.monetary))).toBe(true);
  });
});
