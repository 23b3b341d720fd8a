/**
 * What a native chart references, read back from the sheet cells the builders wrote: a table
 * column's cells (values, or a formula's cached result) with their number format, and the
 * header cell that names a series. Reading the cells — not the model — makes a chart's cached
 * values exactly what its referenced cells hold.
 */
import type ExcelJS from 'exceljs';
import type { CellColumn, NumberColumn } from './drawingml/chartPart';
import { shownValue, type TablePlacement } from './cells';

export class ChartDataError extends Error {
  override name = 'ChartDataError';
}

function rows(placement: TablePlacement): number[] {
  return Array.from({ length: placement.lastDataRow - placement.firstDataRow + 1 }, (_, i) => placement.firstDataRow + i);
}

/** A table column's data cells as numbers (null for empty cells). */
export function numberColumn(sheet: ExcelJS.Worksheet, placement: TablePlacement, column: number, from = placement.firstDataRow, to = placement.lastDataRow): NumberColumn {
  const range = { ...placement, firstDataRow: from, lastDataRow: to };
  const values = rows(range).map((row) => {
    const value = shownValue(sheet.getCell(row, column));
    if (value === null || value === undefined || value === '') return null;
    if (typeof value !== 'number') throw new ChartDataError(`${sheet.name}!${sheet.getCell(row, column).address} holds ${JSON.stringify(value)}, not a number a chart can plot`);
    return value;
  });
  return { sheet: sheet.name, column, firstRow: from, lastRow: to, values, formatCode: sheet.getCell(from, column).numFmt ?? 'General' };
}

/** A table column's data cells as text labels (chart categories). */
export function textColumn(sheet: ExcelJS.Worksheet, placement: TablePlacement, column: number, from = placement.firstDataRow, to = placement.lastDataRow): CellColumn<string> {
  const range = { ...placement, firstDataRow: from, lastDataRow: to };
  const values = rows(range).map((row) => {
    const value = shownValue(sheet.getCell(row, column));
    if (typeof value !== 'string') throw new ChartDataError(`${sheet.name}!${sheet.getCell(row, column).address} holds ${JSON.stringify(value)}, not a text label`);
    return value;
  });
  return { sheet: sheet.name, column, firstRow: from, lastRow: to, values };
}

/** The header cell of a table column: the name of the series drawn from it. */
export function headerCell(sheet: ExcelJS.Worksheet, placement: TablePlacement, column: number): CellColumn<string> {
  const value = shownValue(sheet.getCell(placement.headerRow, column));
  if (typeof value !== 'string') throw new ChartDataError(`${sheet.name}!${sheet.getCell(placement.headerRow, column).address} is no header`);
  return { sheet: sheet.name, column, firstRow: placement.headerRow, lastRow: placement.headerRow, values: [value] };
}

/** Vega's default category colours, so a native chart looks like its picture in the PDF. */
export const PALETTE = { blue: '4C78A8', orange: 'F58518', red: 'E45756', teal: '72B7B2', green: '54A24B' } as const;
