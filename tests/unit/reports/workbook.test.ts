/**
 * The workbook builder on a tiny hand-made model: every sheet present, headers frozen, tables
 * with filter buttons and number formats, source text that looks like a formula kept as text,
 * sections of missing stages saying so, and the same model rendering to the same bytes.
 */
import ExcelJS from 'exceljs';
import { buildKpis, KPI_DEFINITIONS, type KpiValues } from '../../../reports/kpis';
import { SHEETS } from '../../../reports/labels';
import type { ReportModel } from '../../../reports/model';
import { buildWorkbook, sheetName } from '../../../reports/workbook/build';

const FORMULA_LIKE = '=HYPERLINK("http://x.test","click")';

function tinyModel(): ReportModel {
  const kpis = Object.fromEntries(Object.keys(KPI_DEFINITIONS).map((k) => [k, 1])) as KpiValues;
  return {
    run: { runId: 'run-2024-12-31', asOf: '2024-12-31', status: 'running', timeZone: 'Asia/Shanghai' },
    previousRun: null,
    kpis: buildKpis({ ...kpis, net_revenue: 2100 }, null),
    warnings: [],
    segments: [{ segment: 'new', name: { zh: '新客户', en: 'New' }, customers: 1, customerShare: 1, revenue: 300, revenueShare: 1, medianRecencyDays: 11, medianFrequency: 1, medianMonetary: 300 }],
    personas: [],
    crossTabs: [],
    customers: [{
      customerId: FORMULA_LIKE, rfmSegment: { zh: '新客户', en: 'New' }, r: 5, f: 1, m: 3, group: { zh: '增长潜力', en: 'Growth potential' },
      lifecycle: { zh: '新客', en: 'New' }, valueTier: { zh: '低价值', en: 'Low value' }, tags: ['new'], recencyDays: 11, frequency: 1,
      monetary: 300, averageOrderValue: 300, firstOrderDate: '2024-12-20', lastOrderDate: '2024-12-20', topChannel: 'app', topCategory: '+SUM(1,2)', city: '深圳', ageBand: 'unknown', clv: 1234.5, pAlive: 0.8, churnRisk: 'low',
    }],
    customersTotal: 1,
    customersLimit: 5000,
    rfmGrid: [{ r: 5, f: 1, customers: 1, revenue: 300 }],
    dataQuality: { sources: [], rules: [], quarantineTotal: 0, quarantineSample: [] },
    revenueHistory: [],
    forecast: null,
    value: null,
    notComputed: ['forecast', 'value', 'voice'],
  };
}

async function readBack(buffer: Buffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(buffer as unknown as ExcelJS.Buffer);
  return workbook;
}

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
