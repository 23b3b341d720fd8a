/**
 * Checks of a finance workbook as a spreadsheet application sees it, shared by
 * `npm run check:workbook` and the workbook integration test: its chart parts and the cells
 * they reference, its formulas against LibreOffice's recalculation, and its pages printed by
 * LibreOffice (which sheet each page belongs to — read from the page header — and whether
 * any table was split across pages column-wise).
 */
import fs from 'node:fs';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { sheetParts } from '../../reports/workbook/drawingml/packageCharts';

export interface ChartPart {
  part: string;
  /** Every `<c:f>` reference of the chart, as written. */
  refs: string[];
  /** Cached values of every series' `<c:val>`, in order (null for a missing point). */
  values: (number | null)[][];
}

const unescape = (text: string) => text.replace(/&apos;/g, "'").replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

/** The chart parts of an .xlsx package with their references and cached series values. */
export async function chartParts(xlsx: Buffer): Promise<ChartPart[]> {
  const zip = await JSZip.loadAsync(xlsx);
  const names = Object.keys(zip.files).filter((n) => /^xl\/charts\/chart\d+\.xml$/.test(n)).sort((a, b) => Number(a.match(/\d+/)![0]) - Number(b.match(/\d+/)![0]));
  return Promise.all(names.map(async (part) => {
    const xml = await zip.files[part].async('string');
    const refs = [...xml.matchAll(/<c:f>([^<]*)<\/c:f>/g)].map((m) => unescape(m[1]));
    const values = [...xml.matchAll(/<c:val>([\s\S]*?)<\/c:val>/g)].map((m) => {
      const count = Number(/<c:ptCount val="(\d+)"\/>/.exec(m[1])?.[1] ?? 0);
      const points: (number | null)[] = new Array(count).fill(null);
      for (const pt of m[1].matchAll(/<c:pt idx="(\d+)"[^>]*>\s*<c:v>([^<]*)<\/c:v>/g)) points[Number(pt[1])] = Number(pt[2]);
      return points;
    });
    return { part, refs, values };
  }));
}

/** A cell's value as the file stores it: a number, text, or an error (`#DIV/0!`). */
export type StoredValue = number | string | null;

/** A formula cell and the result cached with it. */
export interface FormulaCell {
  sheet: string;
  address: string;
  formula: string;
  result: StoredValue;
}

interface StoredCell {
  address: string;
  formula?: string;
  value: StoredValue;
}

/**
 * Every cell with a formula or a value, read from the sheet parts themselves: exceljs drops
 * a cached result of 0 when it loads a file, which would hide a difference.
 */
async function storedCells(xlsx: Buffer): Promise<Map<string, StoredCell[]>> {
  const zip = await JSZip.loadAsync(xlsx);
  const sheets = new Map<string, StoredCell[]>();
  for (const [sheet, part] of await sheetParts(zip)) {
    const xml = await zip.files[part].async('string');
    const cells: StoredCell[] = [];
    for (const [, address, attributes, inner] of xml.matchAll(/<c r="([A-Z]+\d+)"([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
      const formula = /<f\b[^>]*>([^<]*)<\/f>/.exec(inner ?? '')?.[1];
      const raw = /<v>([^<]*)<\/v>/.exec(inner ?? '')?.[1];
      const type = /\bt="([^"]*)"/.exec(attributes)?.[1] ?? 'n';
      const value = raw === undefined ? null : type === 'n' ? Number(raw) : unescape(raw);
      cells.push({ address, formula: formula === undefined ? undefined : unescape(formula), value });
    }
    sheets.set(sheet, cells);
  }
  return sheets;
}

export async function formulaCells(xlsx: Buffer): Promise<FormulaCell[]> {
  return [...(await storedCells(xlsx))].flatMap(([sheet, cells]) => cells.flatMap((c) => (c.formula === undefined ? [] : [{ sheet, address: c.address, formula: c.formula, result: c.value }])));
}

/** Two numbers equal up to rounding (relative 1e-9); anything else compared as is. */
export function sameResult(a: StoredValue | undefined, b: StoredValue | undefined): boolean {
  if (typeof a === 'number' && typeof b === 'number') return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
  return a === b;
}

/** Every formula of `original` with the value its recalculated copy holds in the same cell. */
export async function recalculatedFormulas(original: Buffer, recalculated: Buffer): Promise<Array<FormulaCell & { recalculated: StoredValue | undefined }>> {
  const after = new Map([...(await storedCells(recalculated))].flatMap(([sheet, cells]) => cells.map((c) => [`${sheet}!${c.address}`, c.value] as const)));
  return (await formulaCells(original)).map((c) => ({ ...c, recalculated: after.get(`${c.sheet}!${c.address}`) }));
}

export interface PrintedPage {
  /** The sheet named in the page header; undefined when no sheet name was found. */
  sheet?: string;
  /** The page's text without white space (pdf.js splits CJK runs into single characters). */
  text: string;
  /** Median height of the page's text, in points: how small the sheet was scaled to fit. */
  textSize: number;
}

const squeeze = (text: string) => text.replace(/\s+/g, '');

/** The pages of a PDF printed from the workbook, each attributed to the sheet its header names. */
export async function printedPages(pdfFile: string, sheetNames: readonly string[]): Promise<PrintedPage[]> {
  // The legacy build runs in Node without a DOM; it is CommonJS.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const pdfjs = require('pdfjs-dist/legacy/build/pdf.js') as typeof import('pdfjs-dist');
  const pdf = await pdfjs.getDocument({ data: new Uint8Array(fs.readFileSync(pdfFile)), useSystemFonts: false }).promise;
  const names = sheetNames.map((name) => ({ name, squeezed: squeeze(name) }));
  const pages: PrintedPage[] = [];
  for (let n = 1; n <= pdf.numPages; n++) {
    const items = (await (await pdf.getPage(n)).getTextContent()).items.flatMap((item) => ('str' in item ? [item] : []));
    const text = squeeze(items.map((item) => item.str).join(''));
    // The header comes first: the sheet named earliest on the page is the page's.
    const found = names.map((s) => ({ name: s.name, at: text.indexOf(s.squeezed) })).filter((s) => s.at >= 0).sort((a, b) => a.at - b.at)[0];
    const sizes = items.filter((item) => item.str.trim() !== '').map((item) => Math.hypot(item.transform[2], item.transform[3])).sort((a, b) => a - b);
    pages.push({ sheet: found?.name, text, textSize: sizes[Math.floor(sizes.length / 2)] ?? 0 });
  }
  return pages;
}

export interface TableHeaders {
  sheet: string;
  table: string;
  first: string;
  last: string;
}

/** Every Excel table of the workbook with its first and last column header. */
export async function tableHeaders(xlsx: Buffer): Promise<TableHeaders[]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(xlsx as unknown as ExcelJS.Buffer);
  return workbook.worksheets.flatMap((sheet) => sheet.getTables().map((entry) => {
    const table = (entry as unknown as { table: { name: string; columns: { name: string }[] } }).table;
    return { sheet: sheet.name, table: table.name, first: table.columns[0].name, last: table.columns[table.columns.length - 1].name };
  }));
}

/** Tables whose first and last column headers are on no printed page together: split column-wise. */
export function tablesSplitAcrossPages(tables: readonly TableHeaders[], pages: readonly PrintedPage[]): TableHeaders[] {
  return tables.filter((t) => !pages.some((p) => p.sheet === t.sheet && p.text.includes(squeeze(t.first)) && p.text.includes(squeeze(t.last))));
}

/** The Summary's reconciliation block as a workbook holds it: per KPI, detail sum − pipeline value. */
export async function reconciliationDifferences(xlsx: Buffer, summarySheet: string, table: string): Promise<Array<{ kpi: string; difference: StoredValue }>> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(xlsx as unknown as ExcelJS.Buffer);
  const sheet = workbook.getWorksheet(summarySheet);
  const model = (sheet?.getTables().map((t) => (t as unknown as { table: { name: string; tableRef: string } }).table) ?? []).find((t) => t.name === table);
  if (!sheet || !model) return [];
  const stored = new Map(((await storedCells(xlsx)).get(summarySheet) ?? []).map((c) => [c.address, c.value]));
  const [start, end] = model.tableRef.split(':');
  const column = Number(sheet.getCell(start).col);
  const rows: Array<{ kpi: string; difference: StoredValue }> = [];
  for (let row = Number(sheet.getCell(start).row) + 1; row <= Number(sheet.getCell(end).row); row++) {
    rows.push({ kpi: sheet.getCell(row, column).text, difference: stored.get(sheet.getCell(row, column + 3).address) ?? null });
  }
  return rows;
}
