import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import iconv from 'iconv-lite';
import { parseSourceConfig, type SourceSpec } from '../../../config/sources';
import { readCsvSource } from '../../../activities/extract/csv';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'csv-encodings-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const TEXT = '订单号,客户编号,下单时间,金额\r\nO1,C1,2024年3月5日 10:20,"￥1,299"\r\nO2,C2,2024-03-06,５９８\r\n';

function source(file: string, encoding: 'auto' | 'utf8' | 'gbk' | 'gb18030' = 'auto'): SourceSpec {
  return parseSourceConfig({
    sources: [{ name: 'orders', kind: 'csv', entity: 'order_lines', path: file, encoding,
      columns: { 订单号: 'order_id', 客户编号: 'customer_id', 下单时间: 'ordered_at', 金额: 'amount' } }],
  }).sources[0];
}

async function readAll(spec: SourceSpec) {
  const rows = [];
  if (spec.kind !== 'csv') throw new Error('csv only');
  for await (const row of readCsvSource(spec)) rows.push(row);
  return rows;
}

describe('CSV sources decode every encoding Chinese exports use', () => {
  it.each([
    ['utf8.csv', Buffer.from(TEXT, 'utf8')],
    ['utf8-bom.csv', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(TEXT, 'utf8')])],
    ['gbk.csv', iconv.encode(TEXT, 'gbk')],
    ['gb18030.csv', iconv.encode(TEXT, 'gb18030')],
    ['utf16le.csv', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(TEXT, 'utf16le')])],
  ])('%s', async (name, bytes) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, bytes);
    const rows = await readAll(source(file));
    expect(rows).toEqual([
      { rowNo: 1, values: { order_id: 'O1', customer_id: 'C1', ordered_at: '2024年3月5日 10:20', amount: '￥1,299' } },
      { rowNo: 2, values: { order_id: 'O2', customer_id: 'C2', ordered_at: '2024-03-06', amount: '５９８' } },
    ]);
  });

  it('names the file and the missing column', async () => {
    const file = path.join(dir, 'missing.csv');
    fs.writeFileSync(file, '订单号,客户编号,金额\nO1,C1,1\n');
    await expect(readAll(source(file))).rejects.toThrow(/missing\.csv \(source orders\): missing required column "下单时间" \(mapped to order_lines\.ordered_at\)/);
  });

  it('names unknown columns rather than dropping them', async () => {
    const file = path.join(dir, 'extra.csv');
    fs.writeFileSync(file, '订单号,客户编号,下单时间,金额,备注\nO1,C1,2024-01-01,1,x\n');
    await expect(readAll(source(file))).rejects.toThrow(/unknown column\(s\) "备注"/);
  });

  it('hands a malformed row on as rejected, with its line and text, its columns empty', async () => {
    const file = path.join(dir, 'malformed.csv');
    fs.writeFileSync(file, '订单号,客户编号,下单时间,金额\nO1,C1,2024-01-05 10:00:00,1,234.50\nO2,C2,2024-01-06,"1,234.50"\n');
    expect(await readAll(source(file))).toEqual([
      { rowNo: 1, values: {}, rejected: { reason: 'malformed_row', detail: 'line 2: 5 fields where the header has 4', text: 'O1,C1,2024-01-05 10:00:00,1,234.50', delimiter: ',', headerLength: 4, piiPositions: [] } },
      { rowNo: 2, values: { order_id: 'O2', customer_id: 'C2', ordered_at: '2024-01-06', amount: '1,234.50' } },
    ]);
  });

  it('GBK whose first 64 KiB are ASCII: its later Chinese rows decode', async () => {
    const file = path.join(dir, 'gbk-late.csv');
    const ascii = Array.from({ length: 5000 }, (_, i) => `C${i},name ${i}`).join('\n');
    expect(ascii.length).toBeGreaterThan(65_536);
    fs.writeFileSync(file, Buffer.concat([Buffer.from(`customer_id,name\n${ascii}\n`), iconv.encode('X1,张三\nX2,李四\nX3,王五\n', 'gbk')]));
    const customers = parseSourceConfig({ sources: [{ name: 'crm', kind: 'csv', entity: 'customers', path: file, columns: { customer_id: 'customer_id', name: 'name' } }] }).sources[0];
    expect((await readAll(customers)).slice(-3).map((r) => r.values.name)).toEqual(['张三', '李四', '王五']);
  });

  it('a Latin-1 file fails the source with its line, naming the source', async () => {
    const file = path.join(dir, 'latin1.csv');
    fs.writeFileSync(file, iconv.encode('customer_id,name\nC1,José\n', 'latin1'));
    const customers = parseSourceConfig({ sources: [{ name: 'crm', kind: 'csv', entity: 'customers', path: file, columns: { customer_id: 'customer_id', name: 'name' } }] }).sources[0];
    await expect(readAll(customers)).rejects.toThrow(/latin1\.csv: line 2: the text is neither UTF-8 nor GBK\/GB18030 Chinese .* \(source crm\)/);
  });
});
