/**
 * The workbook builder on hand-made models: every sheet present, headers frozen, tables with
 * filter buttons and number formats, source text that looks like a formula kept as text on
 * every sheet that shows some, sections of missing stages saying so, the same model rendering
 * to the same bytes; on the full model, the KPIs that add up detail rows as formulas with the
 * hand-computed values cached and a reconciliation without differences, native charts whose
 * references hold the values they cache, and every sheet's print setup.
 */
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { KPI_DEFINITIONS, type KpiKey } from '../../../reports/kpis';
import { both, SHEETS, TITLES } from '../../../reports/labels';
import { wrappedLines } from '../../../reports/workbook/cells';
import { buildPdf } from '../../../reports/pdf/build';
import { buildWorkbook, sheetName } from '../../../reports/workbook/build';
import { opaquePng } from '../../../reports/charts/png';
import type { RenderedChart } from '../../../reports/charts/render';
import { pdfPages, pdfText } from '../../support/pdfText';
import { chartParts, formulaCells } from '../../../scripts/lib/workbookCheck';
import { FORMULA_LIKE, FORMULA_LIKE_CHANNEL, FORMULA_LIKE_KEYWORD, fullModel, readBack, tinyModel } from './tinyModel';

describe('buildWorkbook', () => {
  it('writes every sheet in order with frozen headers', async () => {
    const workbook = await readBack(await buildWorkbook(tinyModel()));
    expect(workbook.worksheets.map((s) => s.name)).toEqual(
      [SHEETS.summary, SHEETS.forecast, SHEETS.segments, SHEETS.customers, SHEETS.rfm, SHEETS.value, SHEETS.voice, SHEETS.dataQuality, SHEETS.notes].map(sheetName));
    const customers = workbook.getWorksheet(sheetName(SHEETS.customers))!;
    expect(customers.views[0]).toMatchObject({ state: 'frozen', ySplit: 3, xSplit: 1 });
  });

  it('keeps formula-looking source text as text and formats numbers', async () => {
    const customers = (await readBack(await buildWorkbook(tinyModel()))).getWorksheet(sheetName(SHEETS.customers))!;
    const id = customers.getCell(4, 1);
    expect(id.value).toBe(FORMULA_LIKE);
    expect(id.type).toBe(ExcelJS.ValueType.String);
    expect(customers.getCell(4, 17).type).toBe(ExcelJS.ValueType.String); // top category '+SUM(1,2)'
    expect(customers.getCell(4, 12)).toMatchObject({ value: 300, numFmt: '"¥"#,##0.00' });
    expect(customers.getCell(4, 14).numFmt).toBe('yyyy-mm-dd');
    expect(customers.getCell(3, 1).value).toBe('客户编号 Customer ID');
  });

  it('says "not computed in this run" for stages without results, with no numbers', async () => {
    const workbook = await readBack(await buildWorkbook(tinyModel()));
    const forecast = workbook.getWorksheet(sheetName(SHEETS.forecast))!;
    expect(forecast.getCell(3, 1).value).toBe('销售预测：本次运行未计算 — Sales forecast: not computed in this run');
    forecast.eachRow((row) => row.eachCell((cell) => expect(typeof cell.value).not.toBe('number')));
  });

  it('renders the same model to the same bytes', async () => {
    const [a, b] = [await buildWorkbook(tinyModel()), await buildWorkbook(tinyModel())];
    expect(a.equals(b)).toBe(true);
    expect((await buildWorkbook(fullModel())).equals(await buildWorkbook(fullModel()))).toBe(true);
  });
});

/** A cell's value, or the result cached with its formula. */
const shown = (cell: ExcelJS.Cell) => (cell.formula ? cell.result : cell.value);

/** The sheet's rows whose first cell is `label`, in order (a KPI's row in the KPI table, then in the reconciliation). */
function rowsLabelled(sheet: ExcelJS.Worksheet, label: string): ExcelJS.Row[] {
  const rows: ExcelJS.Row[] = [];
  sheet.eachRow((row) => { if (row.getCell(1).value === label) rows.push(row); });
  return rows;
}

describe('live totals', () => {
  it('writes the KPIs that add up detail rows as formulas over those rows, with the hand-computed values cached', async () => {
    const xlsx = await buildWorkbook(fullModel());
    const summary = (await readBack(xlsx)).getWorksheet(sheetName(SHEETS.summary))!;
    const formulas = new Map((await formulaCells(xlsx)).filter((f) => f.sheet === summary.name).map((f) => [f.address, f]));
    const kpi = (key: KpiKey) => rowsLabelled(summary, both(KPI_DEFINITIONS[key].label))[0];
    const thisRun = (key: KpiKey) => formulas.get(kpi(key).getCell(2).address);
    // Three months: 1,000 + 700 + 400 = 2,100 in 2 + 1 + 2 = 5 orders; groups 2 + 1 + 1 = 4 customers, 1 at churn risk; sources 4 + 7 rows read, 0 + 1 quarantined.
    expect(thisRun('net_revenue')).toMatchObject({ formula: 'SUM(MonthlyRevenue[净收入 Net revenue])', result: 2100 });
    expect(thisRun('orders')).toMatchObject({ formula: 'SUM(MonthlyRevenue[订单数 Orders])', result: 5 });
    expect(thisRun('customers')).toMatchObject({ formula: 'SUM(CustomerGroups[客户数 Customers])', result: 4 });
    expect(thisRun('churn_risk_customers')).toMatchObject({ formula: 'SUMIF(CustomerGroups[客户分组 Group],"流失风险 Churn risk",CustomerGroups[客户数 Customers])', result: 1 });
    expect(thisRun('rows_read')).toMatchObject({ formula: 'SUM(SourceAccounting[读取 Read])', result: 11 });
    expect(thisRun('rows_quarantined')).toMatchObject({ formula: 'SUM(SourceAccounting[隔离 Quarantined])', result: 1 });
    expect(thisRun('average_order_value')).toMatchObject({ formula: `B${kpi('net_revenue').number}/B${kpi('orders').number}`, result: 420 });
    expect(thisRun('quarantine_rate')).toMatchObject({ formula: `B${kpi('rows_quarantined').number}/B${kpi('rows_read').number}`, result: 1 / 11 });
    // Figures with no detail rows in the workbook stay the pipeline's values.
    expect([thisRun('revenue_28d'), kpi('revenue_28d').getCell(2).value]).toEqual([undefined, 400]);
    // Against the previous run (1,600): +500, +31.25 %.
    const r = kpi('net_revenue').number;
    expect([formulas.get(`D${r}`), formulas.get(`E${r}`)]).toMatchObject([{ formula: `B${r}-C${r}`, result: 500 }, { formula: `(B${r}-C${r})/C${r}`, result: 0.3125 }]);
  });

  it('reconciles every detail sum with the pipeline\'s value: no difference', async () => {
    const xlsx = await buildWorkbook(fullModel());
    const summary = (await readBack(xlsx)).getWorksheet(sheetName(SHEETS.summary))!;
    const formulas = new Map((await formulaCells(xlsx)).filter((f) => f.sheet === summary.name).map((f) => [f.address, f]));
    const reconciled: KpiKey[] = ['net_revenue', 'orders', 'customers', 'churn_risk_customers', 'rows_read', 'rows_quarantined'];
    for (const key of reconciled) {
      const [kpiRow, reconciliationRow] = rowsLabelled(summary, both(KPI_DEFINITIONS[key].label));
      const r = reconciliationRow.number;
      expect(formulas.get(`B${r}`)!.formula).toBe(formulas.get(kpiRow.getCell(2).address)!.formula);
      expect(formulas.get(`D${r}`)).toMatchObject({ formula: `B${r}-C${r}`, result: 0 });
      expect(reconciliationRow.getCell(3).value).toBe(fullModel().kpis.find((k) => k.key === key)!.value);
    }
  });

  it('reconciles the Forecast sheet\'s modelled actuals with net revenue: modelled + outliers = all orders', async () => {
    const xlsx = await buildWorkbook(fullModel());
    const forecastSheet = (await readBack(xlsx)).getWorksheet(sheetName(SHEETS.forecast))!;
    const formulas = new Map((await formulaCells(xlsx)).filter((f) => f.sheet === forecastSheet.name).map((f) => [f.address, f]));
    const header = rowsLabelled(forecastSheet, '月份 Month')[0];
    expect([11, 12, 13].map((c) => header.getCell(c).value)).toEqual(['异常订单数 Outlier orders', '异常订单金额（未建模） Outliers (not modelled)', '净收入（全部订单） Net revenue (all orders)']);
    // October: modelled 600 + one outlier order of 400 = the Summary's net revenue of 1,000; November: 700, no outliers.
    const [october, november] = [rowsLabelled(forecastSheet, '2024-10'), rowsLabelled(forecastSheet, '2024-11')].map((rows) => rows.at(-1)!);
    expect([october.getCell(2).value, october.getCell(11).value, october.getCell(12).value]).toEqual([600, 1, 400]);
    expect(formulas.get(`M${october.number}`)).toMatchObject({ formula: `B${october.number}+L${october.number}`, result: 1000 });
    expect(formulas.get(`M${november.number}`)).toMatchObject({ formula: `B${november.number}+L${november.number}`, result: 700 });
    expect(fullModel().revenueHistory.slice(0, 2).map((m) => m.revenue)).toEqual([1000, 700]);
  });

  it('shows the period to date and the customer-based forecast as the forecast tables hold them, as plain values', async () => {
    const xlsx = await buildWorkbook(fullModel());
    const workbook = await readBack(xlsx);
    const forecastSheet = workbook.getWorksheet(sheetName(SHEETS.forecast))!;
    const summary = workbook.getWorksheet(sheetName(SHEETS.summary))!;
    const values = (row: ExcelJS.Row, from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => row.getCell(from + i).value);
    // December: 400 observed to the as-of day (forecast_series.partial_value) + 300 to come = the first forecast point's 700.
    const [toDate] = rowsLabelled(forecastSheet, 'month:total').filter((r) => r.getCell(2).value === '2024-12' && r.getCell(3).value === 400);
    expect(values(toDate, 1, 5)).toEqual(['month:total', '2024-12', 400, 300, 700]);
    expect(values(forecastSheet.getRow(toDate.number - 1), 3, 5)).toEqual(['截至日已实现 Observed to date', '待实现（预测） To come (forecast)', '全期预测 Period forecast']);
    // The customer-based table: all customers, then the group, each with its 80% and 95% bounds.
    const customerBased = rowsLabelled(forecastSheet, 'month').filter((r) => r.getCell(6).value !== null);
    expect(customerBased.map((r) => [r.getCell(2).value, r.getCell(3).value, ...values(r, 5, 13)])).toEqual([
      ['全部客户 all customers', '2024-12', 1, 4, 2.5, 100, 250, 200, 300, 150, 350],
      ['全部客户 all customers', '2025-01', 2, 4, 6.5, 100, 650, 530, 770, 410, 890],
      ['growth_potential', '2024-12', 1, 2, 2, 100, 200, 160, 240, 120, 280],
      ['growth_potential', '2025-01', 2, 2, 5, 100, 500, 400, 600, 300, 700],
    ]);
    expect(forecastSheet.getRow(customerBased[0].number - 2).getCell(1).value).toContain('customers known at 2024-12-31 only');
    // The Summary's next periods: time series with its 80% interval, December's split, the customer-based figure of all customers.
    const next = rowsLabelled(summary, 'month:total').filter((r) => r.getCell(3).value !== null && typeof r.getCell(2).value === 'string' && r.getCell(2).value !== 'naive');
    expect(next.map((r) => values(r, 2, 10))).toEqual([
      ['2024-12', 700, 600, 800, 400, 300, 250, 200, 300],
      ['2025-01', 700, 550, 850, null, null, 650, 530, 770],
    ]);
    // The accuracy table: the chosen forecast's backtest MASE beside the customer-based forecast's (no seasonal naive in this model).
    const accuracy = rowsLabelled(summary, 'month:total').find((r) => r.getCell(2).value === 'naive')!;
    expect(values(accuracy, 2, 5)).toEqual(['naive', 0.9, null, 1.2]);
    expect(summary.getRow(accuracy.number - 1).getCell(5).value).toBe('基于客户 MASE Customer-based MASE');
    const formulas = (await formulaCells(xlsx)).filter((f) => f.sheet === summary.name || f.sheet === forecastSheet.name);
    for (const row of [toDate, ...customerBased]) expect(formulas.filter((f) => f.sheet === forecastSheet.name && Number(f.address.replace(/^[A-Z]+/, '')) === row.number)).toEqual([]);
    for (const row of next) expect(formulas.filter((f) => f.sheet === summary.name && Number(f.address.replace(/^[A-Z]+/, '')) === row.number)).toEqual([]);
  });

  it('states the month to date and the customer-based forecast in the PDF\'s forecast lines', async () => {
    const text = await pdfText(await buildPdf(fullModel(), []));
    expect(text).toContain('2024-12: ¥700.00 (80%: ¥600.00 – ¥800.00) · 已实现 observed ¥400.00 + 待实现 to come ¥300.00 · 基于客户 customer-based ¥250.00 (80%: ¥200.00 – ¥300.00)');
    expect(text).toContain('2025-01: ¥700.00 (80%: ¥550.00 – ¥850.00) · 基于客户 customer-based ¥650.00 (80%: ¥530.00 – ¥770.00)');
    expect(text).toContain('customers known at 2024-12-31 only; its first month counts the days to come');
  });

  it('keeps a PDF heading on the page of the chart it introduces', async () => {
    // A white image of the given pixel size: the revenue chart fills most of page 2, so the
    // segments chart cannot follow it there, and its heading must move to the next page with it.
    const blank = (key: RenderedChart['key'], width: number, height: number): RenderedChart =>
      ({ key, title: { zh: key, en: key }, image: { png: opaquePng(new Uint8Array(width * height * 4), width, height), width, height } });
    const pages = await pdfPages(await buildPdf(fullModel(), [blank('revenue_history', 100, 85), blank('segments', 100, 60)]));
    const segments = pages.findIndex((text) => text.includes(both(TITLES.segments)));
    expect(segments).toBeGreaterThan(pages.findIndex((text) => text.includes(both(TITLES.revenueHistory))));
    // Every page carries text: a page holding only an image would be a chart cut off from its heading.
    expect(pages.filter((text) => text.trim() === '')).toEqual([]);
    expect(pages[segments + 1]).toContain(both(TITLES.personas));
  });

  it('sums the CAC per channel from the period table by exact channel name, a formula-looking one included', async () => {
    const xlsx = await buildWorkbook(fullModel());
    const value = (await readBack(xlsx)).getWorksheet(sheetName(SHEETS.value))!;
    const [row] = rowsLabelled(value, FORMULA_LIKE_CHANNEL).slice(-1);
    const formulas = new Map((await formulaCells(xlsx)).filter((f) => f.sheet === value.name).map((f) => [f.address, f]));
    expect(row.getCell(1).type).toBe(ExcelJS.ValueType.String);
    expect(formulas.get(`B${row.number}`)).toMatchObject({ formula: `SUMPRODUCT(EXACT(AcquisitionCosts[渠道 Channel],A${row.number})*AcquisitionCosts[投放金额 Spend])`, result: 30 });
    expect(formulas.get(`D${row.number}`)).toMatchObject({ formula: `B${row.number}/C${row.number}`, result: 10 });
  });
});

/** The forms of the report's own formulas; anything else in a cell would have come from somewhere else. */
const REPORT_FORMULAS = [
  /^SUM\(\w+\[[^\]]+\]\)$/, /^SUMIF\(\w+\[[^\]]+\],"[^"]*",\w+\[[^\]]+\]\)$/, /^SUMPRODUCT\(EXACT\(\w+\[[^\]]+\],A\d+\)\*\w+\[[^\]]+\]\)$/,
  /^B\d+\/[BC]\d+$/, /^B\d+-C\d+$/, /^\(B\d+-C\d+\)\/C\d+$/, /^[E-I]\d+$/, /^[E-G]\d+-[D-F]\d+$/, /^B\d+\+L\d+$/,
];

describe('source text stays text', () => {
  it('keeps formula-looking channel names, keywords and raw values as text, and every formula is one of the report\'s own', async () => {
    const xlsx = await buildWorkbook(fullModel());
    const workbook = await readBack(xlsx);
    const cellsHolding = (text: string) => workbook.worksheets.flatMap((sheet) => {
      const found: ExcelJS.Cell[] = [];
      sheet.eachRow((row) => row.eachCell((cell) => { if (typeof cell.value === 'string' && cell.value.startsWith(text)) found.push(cell); }));
      return found;
    });
    // The channel on the period table and on the per-channel table; the keyword in its month's row.
    expect(cellsHolding(FORMULA_LIKE_CHANNEL).map((c) => `${c.worksheet.name}:${c.type}`)).toEqual([sheetName(SHEETS.value), sheetName(SHEETS.value)].map((s) => `${s}:${ExcelJS.ValueType.String}`));
    expect(cellsHolding(FORMULA_LIKE_KEYWORD).map((c) => [c.worksheet.name, c.value])).toEqual([[sheetName(SHEETS.voice), `${FORMULA_LIKE_KEYWORD} (1)`]]);
    expect(cellsHolding('{"customer_id":"=HYPERLINK').map((c) => c.worksheet.name)).toEqual([sheetName(SHEETS.dataQuality)]);
    expect(cellsHolding(FORMULA_LIKE).map((c) => c.worksheet.name)).toEqual([sheetName(SHEETS.customers)]);
    const formulas = await formulaCells(xlsx);
    expect(new Set(formulas.map((f) => f.sheet))).toEqual(new Set([SHEETS.summary, SHEETS.forecast, SHEETS.value].map(sheetName)));
    for (const f of formulas) expect(REPORT_FORMULAS.some((form) => form.test(f.formula)) ? f.formula : `${f.sheet}!${f.address} =${f.formula}`).toBe(f.formula);
  });
});

describe('native charts', () => {
  it('draws every chart from cells of the workbook holding the values the chart caches, and leaves no picture', async () => {
    const xlsx = await buildWorkbook(fullModel());
    const workbook = await readBack(xlsx);
    const charts = await chartParts(xlsx);
    // Summary: revenue with forecast, segment shares; Forecast: monthly, weekly; Segments: shares; Value: CLV, CAC, NPS.
    expect(charts).toHaveLength(8);
    expect(Object.keys((await JSZip.loadAsync(xlsx)).files).filter((n) => n.startsWith('xl/media/'))).toEqual([]);
    const cells = (ref: string) => {
      const [, sheet, from, to] = /^'((?:[^']|'')+)'!\$([A-Z]+\$\d+)(?::\$([A-Z]+\$\d+))?$/.exec(ref)!;
      const worksheet = workbook.getWorksheet(sheet.replace(/''/g, "'"))!;
      const [start, end] = [worksheet.getCell(from.replace('$', '')), worksheet.getCell((to ?? from).replace('$', ''))];
      const found: unknown[] = [];
      for (let row = Number(start.row); row <= Number(end.row); row++) found.push(shown(worksheet.getCell(row, Number(start.col))) ?? null);
      return found;
    };
    for (const chart of charts) {
      const valueRefs = chart.refs.filter((_, i) => i % 3 === 2);
      expect(valueRefs.map((ref) => cells(ref))).toEqual(chart.values);
    }
    // The monthly revenue chart's forecast line is the Forecast sheet's monthly total column, on both sheets that show it.
    const forecastLines = charts.filter((c) => c.refs.some((r) => r.startsWith("'销售预测 Forecast'!$C$")));
    expect(forecastLines.length).toBe(3);
  });
});

describe('print setup', () => {
  it('prints every sheet on A4 one page wide, repeating its frozen rows, with the run in the header and page numbers in the footer', async () => {
    const workbook = await readBack(await buildWorkbook(fullModel(300)));
    for (const sheet of workbook.worksheets) {
      const view = sheet.views[0];
      const frozen = view?.state === 'frozen' ? view.ySplit : undefined;
      expect({ sheet: sheet.name, ...sheet.pageSetup }).toMatchObject({ sheet: sheet.name, paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0, ...(frozen ? { printTitlesRow: `1:${frozen}` } : {}) });
      expect(sheet.headerFooter.oddHeader).toContain('run-2024-12-31 · 截至 As of 2024-12-31');
      expect(sheet.headerFooter.oddHeader).toContain('&A');
      expect(sheet.headerFooter.oddFooter).toContain('Page &P of &N');
    }
    const customers = workbook.getWorksheet(sheetName(SHEETS.customers))!;
    expect(customers.pageSetup).toMatchObject({ orientation: 'landscape', printTitlesRow: '1:3', printArea: 'A1:V304' });
    expect(workbook.getWorksheet(sheetName(SHEETS.rfm))!.pageSetup.orientation).toBe('portrait');
    // The Value sheet's print area reaches past its tables to the charts on their right.
    expect(workbook.getWorksheet(sheetName(SHEETS.value))!.pageSetup.printArea).toMatch(/^A1:[M-Z]\d+$/);
  });

  it('estimates how many lines a wrapping cell takes: words whole, CJK characters one by one', () => {
    expect(wrappedLines('Net revenue', 20)).toBe(1);
    expect(wrappedLines('变化率 Change %', 10)).toBe(2);
    expect(wrappedLines('中文中文中文', 6)).toBe(3);
    // 21 letters × 0.9 digit widths = 18.9 in lines of 5: four lines.
    expect(wrappedLines('a'.repeat(21), 6)).toBe(4);
    expect(wrappedLines('first\nsecond', 40)).toBe(2);
  });
});
