/**
 * How every sheet writes: titles, Excel tables with filter buttons, number formats, column
 * widths sized for CJK text, conditional formatting and chart images. Cells only ever get
 * plain values (string, number, Date, null): nothing here builds a formula, so a source value
 * such as `=HYPERLINK(...)` is stored as a string and never executed (FIELD-NOTES).
 */
import type ExcelJS from 'exceljs';
import type { Bilingual } from '../../analytics/segment/bilingual';
import type { ChartImage } from '../charts/render';
import type { KpiFormat } from '../model';
import { both } from '../labels';

export type CellFormat = KpiFormat | 'date' | 'text';
export type PlainValue = string | number | Date | null;

export const NUMBER_FORMATS: Record<Exclude<CellFormat, 'text'>, string> = {
  integer: '#,##0',
  currency: '"¥"#,##0.00',
  percent: '0.0%',
  decimal: '#,##0.00',
  date: 'yyyy-mm-dd',
};

export interface TableColumn {
  header: Bilingual;
  format?: CellFormat;
}

const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FF1F4E79' } };
const MIN_WIDTH = 8;
const MAX_WIDTH = 60;

/** Display width in Excel's character units: CJK characters take about two (FIELD-NOTES). */
export function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += (ch.codePointAt(0) ?? 0) >= 0x2e80 ? 2 : 1;
  return width;
}

/** Roughly the text Excel shows for a value: enough to size its column. */
function shown(value: PlainValue, format: CellFormat | undefined): string {
  if (value === null) return '';
  if (value instanceof Date) return 'yyyy-mm-dd';
  if (typeof value === 'number') return format === 'percent' ? '100.0%' : value.toLocaleString('en-US', { maximumFractionDigits: 2 }) + (format === 'currency' ? '¥' : '');
  return value;
}

/** Widens columns (never narrows) to fit the given texts, within [MIN_WIDTH, MAX_WIDTH]. */
export function fitColumns(sheet: ExcelJS.Worksheet, firstColumn: number, texts: readonly string[][]): void {
  texts.forEach((column, i) => {
    const col = sheet.getColumn(firstColumn + i);
    const wanted = Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, ...column.map((t) => displayWidth(t) + 2)));
    col.width = Math.max(col.width ?? 0, wanted);
  });
}

/** A bold title line (and an optional note under it); returns the next free row. */
export function writeTitle(sheet: ExcelJS.Worksheet, row: number, title: Bilingual, note?: string): number {
  const cell = sheet.getCell(row, 1);
  cell.value = both(title);
  cell.font = { bold: true, size: 13, color: { argb: 'FF1F4E79' } };
  if (note === undefined) return row + 1;
  sheet.getCell(row + 1, 1).value = note;
  sheet.getCell(row + 1, 1).font = { italic: true, color: { argb: 'FF595959' } };
  return row + 2;
}

/** A plain line of text (e.g. "not computed in this run"); returns the next free row. */
export function writeLine(sheet: ExcelJS.Worksheet, row: number, text: string, style: Partial<ExcelJS.Font> = {}): number {
  sheet.getCell(row, 1).value = text;
  sheet.getCell(row, 1).font = style;
  return row + 1;
}

export interface TablePlacement {
  headerRow: number;
  firstDataRow: number;
  lastDataRow: number;
  /** The row after the table. */
  nextRow: number;
}

/**
 * Writes an Excel table (filter buttons, striped style) at (row, column) with formats per
 * column. With no rows it writes the header and a "no rows" line instead of an empty table,
 * which Excel would reject.
 */
export function addTable(sheet: ExcelJS.Worksheet, at: { row: number; column?: number; name: string }, columns: readonly TableColumn[], rows: readonly PlainValue[][]): TablePlacement {
  const column = at.column ?? 1;
  const headers = columns.map((c) => both(c.header));
  if (rows.length === 0) {
    headers.forEach((h, i) => {
      const cell = sheet.getCell(at.row, column + i);
      cell.value = h;
      cell.font = { bold: true };
    });
    sheet.getCell(at.row + 1, column).value = '无数据 No rows';
    fitColumns(sheet, column, headers.map((h) => [h]));
    return { headerRow: at.row, firstDataRow: at.row + 1, lastDataRow: at.row, nextRow: at.row + 3 };
  }
  sheet.addTable({
    name: at.name,
    ref: sheet.getCell(at.row, column).address,
    headerRow: true,
    style: { theme: 'TableStyleMedium2', showRowStripes: true },
    columns: headers.map((name) => ({ name, filterButton: true })),
    rows: rows.map((r) => [...r]),
  });
  columns.forEach((c, i) => {
    const header = sheet.getCell(at.row, column + i);
    header.font = { bold: true, color: { argb: 'FFFFFFFF' } };
    header.fill = HEADER_FILL;
    header.alignment = { wrapText: true, vertical: 'middle' };
    if (!c.format || c.format === 'text') return;
    for (let r = 0; r < rows.length; r++) sheet.getCell(at.row + 1 + r, column + i).numFmt = NUMBER_FORMATS[c.format];
  });
  const sample = rows.slice(0, 500);
  fitColumns(sheet, column, columns.map((c, i) => [headers[i], ...sample.map((r) => shown(r[i], c.format))]));
  const lastDataRow = at.row + rows.length;
  return { headerRow: at.row, firstDataRow: at.row + 1, lastDataRow, nextRow: lastDataRow + 2 };
}

/** A1 range of one table column's data cells. */
export function columnRange(sheet: ExcelJS.Worksheet, placement: TablePlacement, column: number): string {
  return `${sheet.getCell(placement.firstDataRow, column).address}:${sheet.getCell(placement.lastDataRow, column).address}`;
}

/** Gradient bars: exceljs gives the solid (x14) kind a random id, which would change the file's bytes on every render. */
export function addDataBar(sheet: ExcelJS.Worksheet, ref: string, argb = 'FF5B9BD5'): void {
  sheet.addConditionalFormatting({
    ref,
    rules: [{ type: 'dataBar', priority: 1, gradient: true, cfvo: [{ type: 'min' }, { type: 'max' }], color: { argb } } as ExcelJS.DataBarRuleType],
  });
}

/** White → green colour scale (a heat map). */
export function addHeatScale(sheet: ExcelJS.Worksheet, ref: string): void {
  sheet.addConditionalFormatting({
    ref,
    rules: [{ type: 'colorScale', priority: 1, cfvo: [{ type: 'min' }, { type: 'max' }], color: [{ argb: 'FFFFFFFF' }, { argb: 'FF63BE7B' }] }],
  });
}

/** Red text for negative numbers (e.g. a change against the previous run). */
export function addNegativeRed(sheet: ExcelJS.Worksheet, ref: string): void {
  sheet.addConditionalFormatting({
    ref,
    rules: [{ type: 'cellIs', priority: 1, operator: 'lessThan', formulae: ['0'], style: { font: { color: { argb: 'FFC00000' } } } }],
  });
}

/** Embeds a PNG with its top-left corner at (row, column), scaled to `width` pixels. */
export function placeImage(workbook: ExcelJS.Workbook, sheet: ExcelJS.Worksheet, png: ChartImage, at: { row: number; column: number }, width: number): void {
  const id = workbook.addImage({ buffer: png.png as unknown as ExcelJS.Buffer, extension: 'png' });
  sheet.addImage(id, { tl: { col: at.column - 1, row: at.row - 1 }, ext: { width, height: Math.round((width * png.height) / png.width) } });
}
