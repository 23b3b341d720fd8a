/**
 * The finance workbook in real spreadsheet applications. LibreOffice Calc (headless; installed
 * from Debian's packages by this file when it is missing and the test runs as root with apt)
 * opens it and saves it again: every chart is kept, and a forecast edited in the file before
 * opening reaches the charts that draw it — through the formulas LibreOffice recalculates,
 * which otherwise all give the value the workbook cached, the reconciliation a zero
 * difference. Printed by LibreOffice, every page of a sheet is one page wide and the customer
 * list repeats its header on each. openpyxl (installed into .tools/venv) loads the file
 * without a warning and reads every chart, formula and print setup. Where LibreOffice or
 * openpyxl cannot be had, the tests that need it are skipped, saying why.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import { loadConfig } from '../../infra/config';
import { SHEETS } from '../../reports/labels';
import { buildWorkbook, sheetName } from '../../reports/workbook/build';
import { sheetParts } from '../../reports/workbook/drawingml/packageCharts';
import { RECONCILIATION_TABLE } from '../../reports/workbook/summary';
import { convertWithLibreOffice, findOrInstallLibreOffice } from '../../scripts/lib/libreOffice';
import { findOrInstallOpenpyxl, loadWithOpenpyxl } from '../../scripts/lib/openpyxl';
import { chartParts, formulaCells, printedPages, recalculatedFormulas, reconciliationDifferences, sameResult, tableHeaders, tablesSplitAcrossPages } from '../../scripts/lib/workbookCheck';
import { fullModel, readBack } from '../unit/reports/tinyModel';

const libreOffice = findOrInstallLibreOffice();
const openpyxl = findOrInstallOpenpyxl(loadConfig().projectRoot);
if (!libreOffice.soffice) console.warn(`LibreOffice tests skipped: ${libreOffice.reason}`);
if (!openpyxl.python) console.warn(`openpyxl test skipped: ${openpyxl.reason}`);
const withLibreOffice = libreOffice.soffice ? it : it.skip;
const withOpenpyxl = openpyxl.python ? it : it.skip;

/** Customers beyond the model's first: enough for the list to print on several pages. */
const CUSTOMERS = 300;
const EDITED_FORECAST = 9999;

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'workbook-office-'));
let original: string;
let xlsx: Buffer;

/** The same package with one cell's stored number replaced, as a user's edit would leave it. */
async function withNumber(file: Buffer, sheet: string, address: string, value: number): Promise<Buffer> {
  const zip = await JSZip.loadAsync(file);
  const part = (await sheetParts(zip)).get(sheet)!;
  const xml = await zip.files[part].async('string');
  const edited = xml.replace(new RegExp(`(<c r="${address}"[^>]*>)<v>[^<]*</v>`), `$1<v>${value}</v>`);
  expect(edited).not.toBe(xml);
  zip.file(part, edited);
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

beforeAll(async () => {
  xlsx = await buildWorkbook(fullModel(CUSTOMERS));
  original = path.join(dir, 'original.xlsx');
  fs.writeFileSync(original, xlsx);
});

describe('the workbook in LibreOffice', () => {
  withLibreOffice('keeps every chart, and a forecast edited before opening reaches the charts that draw it', async () => {
    const forecast = (await readBack(xlsx)).getWorksheet(sheetName(SHEETS.forecast))!;
    // The forecasts table's row of the monthly total's first forecast (December, 700).
    let row = 0;
    forecast.eachRow((r, n) => { if (!row && r.getCell(1).value === 'month:total' && r.getCell(2).value === '2024-12' && r.getCell(5).value === 700) row = n; });
    expect(row).toBeGreaterThan(0);
    const edited = path.join(dir, 'edited.xlsx');
    fs.writeFileSync(edited, await withNumber(xlsx, forecast.name, `E${row}`, EDITED_FORECAST));

    const before = await chartParts(xlsx);
    const after = await chartParts(fs.readFileSync(convertWithLibreOffice(libreOffice.soffice!, edited, 'xlsx', path.join(dir, 'edited-out'))));
    expect(after).toHaveLength(before.length);
    expect(after.map((c) => c.refs.length)).toEqual(before.map((c) => c.refs.length));
    // The charts with the monthly forecast line (Summary and Forecast; their actual line starts at October's modelled 600):
    // 700 before, the edited value after.
    const monthly = (charts: typeof before) => charts.filter((c) => c.values.some((v) => v.length === 4 && v.includes(600)) && c.values.some((v) => v.includes(700) || v.includes(EDITED_FORECAST)));
    expect(monthly(before)).toHaveLength(2);
    for (const chart of monthly(before)) expect(chart.values.flat()).not.toContain(EDITED_FORECAST);
    expect(monthly(after)).toHaveLength(2);
    for (const chart of monthly(after)) expect(chart.values.flat()).toContain(EDITED_FORECAST);
  });

  withLibreOffice('recalculates every formula to the value the workbook cached, and the reconciliation to zero differences', async () => {
    const recalculated = fs.readFileSync(convertWithLibreOffice(libreOffice.soffice!, original, 'xlsx', path.join(dir, 'recalculated')));
    const formulas = await recalculatedFormulas(xlsx, recalculated);
    expect(formulas.length).toBe((await formulaCells(xlsx)).length);
    expect(formulas.length).toBeGreaterThan(20);
    expect(formulas.filter((f) => !sameResult(f.result, f.recalculated))).toEqual([]);
    const differences = await reconciliationDifferences(recalculated, sheetName(SHEETS.summary), RECONCILIATION_TABLE);
    expect(differences).toHaveLength(6);
    expect(differences.map((d) => d.difference)).toEqual([0, 0, 0, 0, 0, 0]);
  });

  withLibreOffice('prints every table one page wide, and the customer list with its header on every page', async () => {
    const names = Object.values(SHEETS).map(sheetName);
    const pages = await printedPages(convertWithLibreOffice(libreOffice.soffice!, original, 'pdf', path.join(dir, 'pdf')), names);
    expect(pages.every((p) => p.sheet !== undefined)).toBe(true);
    expect(new Set(pages.map((p) => p.sheet))).toEqual(new Set(names));
    expect(tablesSplitAcrossPages(await tableHeaders(xlsx), pages)).toEqual([]);
    const customers = pages.filter((p) => p.sheet === sheetName(SHEETS.customers));
    expect(customers.length).toBeGreaterThan(1);
    for (const page of customers) {
      expect(page.text).toContain('客户编号CustomerID');
      expect(page.text).toContain('流失风险Churnrisk');
      expect(page.text).toContain('run-2024-12-31');
    }
  });
});

describe('the workbook in openpyxl', () => {
  withOpenpyxl('loads without a warning, with every chart, formula and print setup', async () => {
    const sheets = loadWithOpenpyxl(openpyxl.python!, original);
    const workbook = await readBack(xlsx);
    expect(sheets.map((s) => s.name)).toEqual(workbook.worksheets.map((s) => s.name));
    expect(sheets.map((s) => s.charts)).toEqual([2, 2, 1, 0, 0, 3, 0, 0, 0]);
    const formulas = await formulaCells(xlsx);
    expect(sheets.map((s) => s.formulas)).toEqual(sheets.map((s) => formulas.filter((f) => f.sheet === s.name).length));
    for (const sheet of sheets) {
      expect({ name: sheet.name, fitToWidth: sheet.fitToWidth, fitToHeight: sheet.fitToHeight }).toEqual({ name: sheet.name, fitToWidth: 1, fitToHeight: 0 });
      expect(sheet.printTitleRows).toMatch(/^\$1:\$[23]$/);
      expect(sheet.printArea).toMatch(new RegExp(`^'${sheet.name}'!\\$A\\$1:\\$[A-Z]+\\$\\d+$`));
    }
  });
});

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
