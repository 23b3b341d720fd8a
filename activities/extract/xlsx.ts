/**
 * XLSX sources, read with exceljs' streaming reader (one sheet, first row = header; a value beyond
 * the header's columns sets its row aside as malformed). exceljs is loaded by the first XLSX read,
 * not with the extract stage: about 17 MB of each step thread's RSS that CSV and table sources never need.
 */
import fs from 'node:fs';
import type { CellValue } from 'exceljs';
import type { SourceSpec } from '../../config/sources';
import { SourceReadError } from '../errors';
import { mapHeader, rejectedRow, toSourceRow, type SourceRow } from './header';

type XlsxSource = Extract<SourceSpec, { kind: 'xlsx' }>;

const pad = (n: number) => String(n).padStart(2, '0');

/** Cell → the text a CSV export of it would hold. exceljs gives dates as wall-clock UTC. */
export function cellText(value: CellValue): string | undefined {
  if (value === null || value === undefined) return undefined;
  if (value instanceof Date) {
    const d = value;
    return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
  }
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('result' in value) return cellText(value.result as CellValue);
    if ('text' in value) return String(value.text);
    if ('error' in value) return undefined;
  }
  return String(value);
}

export async function* readXlsxSource(source: XlsxSource): AsyncGenerator<SourceRow> {
  if (!fs.existsSync(source.path)) throw new SourceReadError(`${source.path} (source ${source.name}): file not found`);
  const { default: ExcelJS } = await import('exceljs');
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(source.path, { sharedStrings: 'cache', worksheets: 'emit', hyperlinks: 'ignore', styles: 'ignore' });
  let sheetIndex = 0;
  for await (const worksheet of reader) {
    sheetIndex++;
    const name = (worksheet as unknown as { name?: string }).name;
    if (source.sheet ? name !== source.sheet : sheetIndex > 1) continue;
    let mapping: ReturnType<typeof mapHeader> | undefined;
    let rowNo = 0;
    for await (const row of worksheet) {
      const values = (row.values as CellValue[]).slice(1).map(cellText);
      if (!mapping) {
        mapping = mapHeader(source, values.map((v) => v ?? ''));
        continue;
      }
      rowNo++;
      const beyond = values.findIndex((v, i) => i >= (mapping?.width ?? 0) && v !== undefined && v.trim() !== '');
      if (beyond >= 0) {
        // A value with no header above it: a shifted row, never read into the wrong columns.
        const detail = `row ${rowNo + 1}: a value in column ${beyond + 1}, beyond the header's ${mapping.width} columns`;
        yield rejectedRow(rowNo, mapping, { reason: 'malformed_row', detail, text: values.map((v) => v ?? '').join('\t'), delimiter: '\t' });
        continue;
      }
      yield toSourceRow(rowNo, values, mapping);
    }
    if (!mapping) throw new SourceReadError(`${source.path} (source ${source.name}): sheet ${name ?? sheetIndex} has no header row`);
    return;
  }
  throw new SourceReadError(`${source.path} (source ${source.name}): sheet ${source.sheet ?? '1'} not found`);
}
