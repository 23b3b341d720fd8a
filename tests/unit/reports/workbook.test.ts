/**
 * The workbook builder on a tiny hand-made model: every sheet present, headers frozen, tables
 * with filter buttons and number formats, source text that looks like a formula kept as text,
 * sections of missing stages saying so, and the same model rendering to the same bytes.
 */
import ExcelJS from 'exceljs';
import { SHEETS } from '../../../reports/labels';
import { buildWorkbook, sheetName } from '../../../reports/workbook/build';
import { FORMULA_LIKE, readBack, tinyModel } from './tinyModel';

describe('buildWorkbook', () => {
  it('writes every sheet in order with frozen headers', async () => {
    const workbook = await readBack(await buildWorkbook(tinyModel(), []));
    expect(workbook.worksheets.map((s) => s.name)).toEqual(
      [SHEETS.summary, SHEETS.forecast, SHEETS.segments, SHEETS.customers, SHEETS.rfm, SHEETS.value, SHEETS.voice, SHEETS.dataQuality, SHEETS.notes].map(sheetName));
    const customers = workbook.getWorksheet(sheetName(SHEETS.customers))!;
    expect(customers.views[0]).toMatchObject({ state: 'frozen', ySplit: 3, xSplit: 1 });
  });

  it('keeps formula-looking source text as text and formats numbers', async () => {
    const customers = (await readBack(await buildWorkbook(tinyModel(), []))).getWorksheet(sheetName(SHEETS.customers))!;
    const id = customers.getCell(4, 1);
    expect(id.value).toBe(FORMULA_LIKE);
    expect(id.type).toBe(ExcelJS.ValueType.String);
    expect(customers.getCell(4, 17).type).toBe(ExcelJS.ValueType.String); // top category '+SUM(1,2)'
    expect(customers.getCell(4, 12)).toMatchObject({ value: 300, numFmt: '"¥"#,##0.00' });
    expect(customers.getCell(4, 14).numFmt).toBe('yyyy-mm-dd');
    expect(customers.getCell(3, 1).value).toBe('客户编号 Customer ID');
  });

  it('says "not computed in this run" for stages without results, with no numbers', async () => {
    const workbook = await readBack(await buildWorkbook(tinyModel(), []));
    const forecast = workbook.getWorksheet(sheetName(SHEETS.forecast))!;
    expect(forecast.getCell(3, 1).value).toBe('销售预测：本次运行未计算 — Sales forecast: not computed in this run');
    forecast.eachRow((row) => row.eachCell((cell) => expect(typeof cell.value).not.toBe('number')));
  });

  it('renders the same model to the same bytes', async () => {
    const [a, b] = [await buildWorkbook(tinyModel(), []), await buildWorkbook(tinyModel(), [])];
    expect(a.equals(b)).toBe(true);
  });
});
