/**
 * How every sheet writes: titles, Excel tables with filter buttons, number formats, column
 * widths sized for CJK text and conditional formatting. Values from the data are plain
 * (string, number, Date, null): a source value such as `=HYPERLINK(...)` is stored as a string
 * and never executed (FIELD-NOTES). The only formulas are the report's own, built by
 * `formula()` from cell references with their computed result cached.
 */
import type ExcelJS from 'exceljs';
import type { Bilingual } from '../../analytics/segment/bilingual';
import type { KpiFormat } from '../model';
import { both } from '../labels';

export type CellFormat = KpiFormat | 'date' | 'text';
export type PlainValue = string | number | Date | null;
/** A formula the report writes (never one from the data), with the value it computes cached. */
export interface Formula {
  formula: string;
  result: number;
}
export type CellValue = PlainValue | Formula;

/** A report formula (written without the leading `=`) and its result as computed here. */
export function formula(text: string, result: number): Formula {
  if (text.startsWith('=')) throw new RangeError(`formula: write ${text} without the leading =`);
  if (!Number.isFinite(result)) throw new RangeError(`formula ${text}: cached result ${result} is not a finite number`);
  return { formula: text, result };
}

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
  /** Long text: the column is at most this wide and its cells wrap (rows grow instead of the page narrowing). */
  wrapAt?: number;
}

/** The bounds of a forecast's prediction intervals. */
export type IntervalBound = 'lo80' | 'hi80' | 'lo95' | 'hi95';

const INTERVAL_BOUND_HEADERS: Record<IntervalBound, Bilingual> = {
  lo80: { zh: '80%下限', en: 'Lo 80' },
  hi80: { zh: '80%上限', en: 'Hi 80' },
  lo95: { zh: '95%下限', en: 'Lo 95' },
  hi95: { zh: '95%上限', en: 'Hi 95' },
};

/** Currency columns for interval bounds, in the order given, headed alike in every table. */
export function intervalColumns(...bounds: IntervalBound[]): TableColumn[] {
  return bounds.map((bound) => ({ header: INTERVAL_BOUND_HEADERS[bound], format: 'currency' }));
}

/** The workbook's body font (exceljs's default): a styled cell names it, or readers fall back to a font of their own. */
const BODY_FONT: Partial<ExcelJS.Font> = { name: 'Calibri', size: 11 };
const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FF1F4E79' } };
const MIN_WIDTH = 8;
const MAX_WIDTH = 60;
/** Points per line of 11 pt text. */
const LINE_POINTS = 15;

/** Display width in Excel's character units: CJK characters take about two (FIELD-NOTES). */
export function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += (ch.codePointAt(0) ?? 0) >= 0x2e80 ? 2 : 1;
  return width;
}

/** Built once: `toLocaleString` with options builds a formatter per call, which cost seconds per workbook. */
const SHOWN_NUMBER = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });

/** Roughly the text Excel shows for a value: enough to size its column. */
function shown(cell: CellValue, format: CellFormat | undefined): string {
  const value = cell !== null && typeof cell === 'object' && 'formula' in cell ? cell.result : cell;
  if (value === null) return '';
  if (value instanceof Date) return 'yyyy-mm-dd';
  if (typeof value === 'number') return format === 'percent' ? '100.0%' : SHOWN_NUMBER.format(value) + (format === 'currency' ? '¥' : '');
  return value;
}

/** Widens columns (never narrows) to fit the given texts, within [MIN_WIDTH, MAX_WIDTH]. */
export function fitColumns(sheet: ExcelJS.Worksheet, firstColumn: number, texts: readonly string[][], maxWidths: readonly (number | undefined)[] = []): void {
  texts.forEach((column, i) => {
    const col = sheet.getColumn(firstColumn + i);
    const wanted = Math.min(maxWidths[i] ?? MAX_WIDTH, Math.max(MIN_WIDTH, ...column.map((t) => displayWidth(t) + 2)));
    col.width = Math.max(col.width ?? 0, wanted);
  });
}

/** A bold title line (and an optional note under it); returns the next free row. */
export function writeTitle(sheet: ExcelJS.Worksheet, row: number, title: Bilingual, note?: string): number {
  const cell = sheet.getCell(row, 1);
  cell.value = both(title);
  cell.font = { ...BODY_FONT, bold: true, size: 13, color: { argb: 'FF1F4E79' } };
  if (note === undefined) return row + 1;
  sheet.getCell(row + 1, 1).value = note;
  sheet.getCell(row + 1, 1).font = { ...BODY_FONT, italic: true, color: { argb: 'FF595959' } };
  return row + 2;
}

/** A plain line of text (e.g. "not computed in this run"); returns the next free row. */
export function writeLine(sheet: ExcelJS.Worksheet, row: number, text: string, style: Partial<ExcelJS.Font> = {}): number {
  sheet.getCell(row, 1).value = text;
  sheet.getCell(row, 1).font = { ...BODY_FONT, ...style };
  return row + 1;
}

export interface TablePlacement {
  /** The Excel table's name; undefined when the table has no rows (no Excel table is written then). */
  table?: string;
  /** Header texts, one per column from the table's first column. */
  headers: string[];
  /** The table's first column on the sheet. */
  column: number;
  headerRow: number;
  firstDataRow: number;
  lastDataRow: number;
  /** The row after the table. */
  nextRow: number;
}

/** The longer line of a header that wraps between its Chinese and its English. */
function headerLine(header: Bilingual): string {
  if (header.zh === header.en) return header.en;
  return displayWidth(header.zh) >= displayWidth(header.en) ? header.zh : header.en;
}

/** Latin letters average about 0.9 of the digit width Excel measures columns in. */
const LATIN_WIDTH = 0.9;

/**
 * Lines a text takes when it wraps in a column `width` characters wide: words move to the
 * next line whole, CJK characters (two digits wide) one by one. An estimate.
 */
export function wrappedLines(text: string, width: number): number {
  const capacity = Math.max(1, width - 1);
  let lines = 0;
  for (const paragraph of text.split('\n')) {
    lines += 1;
    let used = 0;
    for (const token of paragraph.match(/[\u2e80-\uffff]|[^\s\u2e80-\uffff]+|\s+/g) ?? []) {
      const w = /^[\u2e80-\uffff]/.test(token) ? 2 : token.length * LATIN_WIDTH;
      if (/^\s/.test(token)) {
        if (used > 0) used += w;
        continue;
      }
      if (used > 0 && used + w > capacity) {
        lines += 1;
        used = 0;
      }
      // A word wider than the column breaks across lines of its own.
      const extra = Math.ceil(w / capacity) - 1;
      lines += extra;
      used += w - extra * capacity;
    }
  }
  return lines;
}

/**
 * Rows whose cells wrap are made tall enough for their lines: spreadsheet applications keep
 * the height a file gives (LibreOffice does not re-fit rows it loads), so it is set here.
 */
function fitRowHeight(sheet: ExcelJS.Worksheet, row: number, cells: readonly { text: string; column: number }[]): number {
  const lines = Math.max(1, ...cells.map((c) => wrappedLines(c.text, sheet.getColumn(c.column).width ?? MIN_WIDTH)));
  if (lines > 1) sheet.getRow(row).height = Math.max(sheet.getRow(row).height ?? 0, lines * LINE_POINTS);
  return lines;
}

/**
 * Writes an Excel table (filter buttons, striped style) at (row, column) with formats per
 * column. With no rows it writes the header and a "no rows" line instead of an empty table,
 * which Excel would reject. Columns are sized to their data and to the longer language of
 * their header, which wraps onto two lines.
 */
export function addTable(sheet: ExcelJS.Worksheet, at: { row: number; column?: number; name: string }, columns: readonly TableColumn[], rows: readonly CellValue[][]): TablePlacement {
  const column = at.column ?? 1;
  const headers = columns.map((c) => both(c.header));
  if (rows.length === 0) {
    headers.forEach((h, i) => {
      const cell = sheet.getCell(at.row, column + i);
      cell.value = h;
      cell.font = { ...BODY_FONT, bold: true };
      cell.alignment = { wrapText: true, vertical: 'middle' };
    });
    sheet.getCell(at.row + 1, column).value = '无数据 No rows';
    fitColumns(sheet, column, columns.map((c) => [headerLine(c.header)]));
    fitRowHeight(sheet, at.row, headers.map((text, i) => ({ text, column: column + i })));
    return { headers, column, headerRow: at.row, firstDataRow: at.row + 1, lastDataRow: at.row, nextRow: at.row + 3 };
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
    header.font = { ...BODY_FONT, bold: true, color: { argb: 'FFFFFFFF' } };
    header.fill = HEADER_FILL;
    header.alignment = { wrapText: true, vertical: 'middle' };
    if (c.wrapAt !== undefined) for (let r = 0; r < rows.length; r++) sheet.getCell(at.row + 1 + r, column + i).alignment = { wrapText: true, vertical: 'top' };
    if (!c.format || c.format === 'text') return;
    for (let r = 0; r < rows.length; r++) sheet.getCell(at.row + 1 + r, column + i).numFmt = NUMBER_FORMATS[c.format];
  });
  const sample = rows.slice(0, 500);
  fitColumns(sheet, column, columns.map((c, i) => [headerLine(c.header), ...sample.map((r) => shown(r[i], c.format))]), columns.map((c) => c.wrapAt));
  fitRowHeight(sheet, at.row, headers.map((text, i) => ({ text, column: column + i })));
  const wrapping = columns.flatMap((c, i) => (c.wrapAt === undefined ? [] : [i]));
  rows.forEach((r, n) => {
    if (wrapping.length === 0 || fitRowHeight(sheet, at.row + 1 + n, wrapping.map((i) => ({ text: shown(r[i], columns[i].format), column: column + i }))) === 1) return;
    // A tall row reads from its top line.
    for (let i = 0; i < columns.length; i++) {
      const cell = sheet.getCell(at.row + 1 + n, column + i);
      cell.alignment = { ...cell.alignment, vertical: 'top' };
    }
  });
  const lastDataRow = at.row + rows.length;
  return { table: at.name, headers, column, headerRow: at.row, firstDataRow: at.row + 1, lastDataRow, nextRow: lastDataRow + 2 };
}

/** A cell's value, or a formula's cached result. */
export function shownValue(cell: ExcelJS.Cell): ExcelJS.CellValue {
  const value = cell.value;
  if (value !== null && typeof value === 'object' && 'formula' in value) return (value.result ?? null) as ExcelJS.CellValue;
  return value;
}

/**
 * A structured reference to a table column's data (`Kpis[本次 This run]`): it names what it
 * adds up, and stays right wherever the table lands on its sheet. `[ ] # '` in a header are
 * escaped with `'`.
 */
export function tableColumnRef(table: string, header: string): string {
  return `${table}[${header.replace(/['#[\]]/g, "'$&")}]`;
}

/**
 * SUM over a table column's data cells (a structured reference), with the sum of the cells
 * (in row order, as a spreadsheet adds them) cached; null for a table without rows.
 */
export function columnSum(sheet: ExcelJS.Worksheet, placement: TablePlacement, column: number): Formula | null {
  if (placement.table === undefined) return null;
  let sum = 0;
  for (let row = placement.firstDataRow; row <= placement.lastDataRow; row++) {
    const value = shownValue(sheet.getCell(row, column));
    if (typeof value === 'number') sum += value;
  }
  return formula(`SUM(${tableColumnRef(placement.table, placement.headers[column - placement.column])})`, sum);
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
