/** XLSX sources: a value beyond the header's columns sets its row aside as malformed, never shifted. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { readXlsxSource } from '../../../activities/extract/xlsx';
import { parseSourceConfig } from '../../../config/sources';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xlsx-source-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

it('reads rows under the header and sets aside one with a value beyond it', async () => {
  const file = path.join(dir, 'customers.xlsx');
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('customers');
  sheet.addRows([['customer_id', 'name'], ['C1', '张三'], ['C2', '李四', 'stray'], ['C3', '王五']]);
  await workbook.xlsx.writeFile(file);
  const [source] = parseSourceConfig({ sources: [{ name: 'crm', kind: 'xlsx', entity: 'customers', path: file, columns: { customer_id: 'customer_id', name: 'name' } }] }).sources;
  if (source.kind !== 'xlsx') throw new Error('an XLSX source');
  const rows = [];
  for await (const row of readXlsxSource(source)) rows.push(row);
  expect(rows).toEqual([
    { rowNo: 1, values: { customer_id: 'C1', name: '张三' } },
    { rowNo: 2, values: {}, rejected: { reason: 'malformed_row', detail: "row 3: a value in column 3, beyond the header's 2 columns", text: 'C2\t李四\tstray', delimiter: '\t', headerLength: 2, piiPositions: [1] } },
    { rowNo: 3, values: { customer_id: 'C3', name: '王五' } },
  ]);
});
