/**
 * Every sheet's print setup: A4, landscape where the printed width is wider than a portrait
 * page, scaled to one page wide (as many pages down as it takes — no table is ever split
 * column-wise), the frozen title rows repeated on every page, the print area covering the
 * cells and the charts, and a header and footer naming the report, the sheet, the run, its
 * as-of date and the page.
 */
import type ExcelJS from 'exceljs';
import { TITLES } from '../labels';
import type { RunInfo } from '../model';
import type { PlacedChart } from './drawingml/packageCharts';
import { columnLetters } from './drawingml/xml';

/** Excel's default column width (characters) and row height (points). */
const DEFAULT_COLUMN_WIDTH = 8.43;
const DEFAULT_ROW_POINTS = 15;
/** Pixels per character of column width and per point of row height, at 96 dpi with an 11 pt body font. */
const PIXELS_PER_CHARACTER = 7;
const PIXELS_PER_POINT = 96 / 72;
/** Characters that fit across A4 portrait at 100 % within the margins below. */
const PORTRAIT_WIDTH_CHARACTERS = 100;
const A4 = 9;

/** `&` starts a header code: a literal one is doubled. */
const headerText = (text: string) => text.replace(/&/g, '&&');

/** The last column and row a chart anchored on the sheet covers. */
export function chartExtent(sheet: ExcelJS.Worksheet, chart: PlacedChart): { column: number; row: number } {
  let column = chart.at.column;
  for (let pixels = 0; ; column++) {
    pixels += (sheet.getColumn(column).width ?? DEFAULT_COLUMN_WIDTH) * PIXELS_PER_CHARACTER;
    if (pixels >= chart.width) break;
  }
  let row = chart.at.row;
  for (let pixels = 0; ; row++) {
    pixels += (sheet.getRow(row).height ?? DEFAULT_ROW_POINTS) * PIXELS_PER_POINT;
    if (pixels >= chart.height) break;
  }
  return { column, row };
}

/** Printed width in characters of columns 1…last. */
function printedWidth(sheet: ExcelJS.Worksheet, lastColumn: number): number {
  let width = 0;
  for (let column = 1; column <= lastColumn; column++) width += sheet.getColumn(column).width ?? DEFAULT_COLUMN_WIDTH;
  return width;
}

export function setPrintSetup(sheet: ExcelJS.Worksheet, run: RunInfo, charts: readonly PlacedChart[]): void {
  const titleRows = sheet.views[0]?.state === 'frozen' ? (sheet.views[0].ySplit ?? 0) : 0;
  const extents = charts.filter((c) => c.sheet === sheet.name).map((c) => chartExtent(sheet, c));
  const lastColumn = Math.max(sheet.actualColumnCount, sheet.columnCount, ...extents.map((e) => e.column), 1);
  const lastRow = Math.max(sheet.rowCount, ...extents.map((e) => e.row), 1);
  sheet.pageSetup = {
    ...sheet.pageSetup,
    paperSize: A4,
    orientation: printedWidth(sheet, lastColumn) > PORTRAIT_WIDTH_CHARACTERS ? 'landscape' : 'portrait',
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    horizontalCentered: false,
    margins: { left: 0.4, right: 0.4, top: 0.6, bottom: 0.6, header: 0.25, footer: 0.25 },
    printArea: `A1:${columnLetters(lastColumn)}${lastRow}`,
    ...(titleRows > 0 ? { printTitlesRow: `1:${titleRows}` } : {}),
  };
  const report = headerText(`${TITLES.report.zh} ${TITLES.report.en}`);
  sheet.headerFooter = {
    ...sheet.headerFooter,
    oddHeader: `&L${report}&C&A&R${headerText(`${run.runId} · 截至 As of ${run.asOf}`)}`,
    oddFooter: '&C第 &P / &N 页 · Page &P of &N',
  };
}
