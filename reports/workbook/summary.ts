/**
 * Summary sheet: run header, headline KPIs against the previous run, the reconciliation of
 * the KPIs that add up detail rows, warnings, monthly net revenue, the next periods of the
 * total revenue forecasts (time series and customer-based) and their backtest accuracy, and
 * the key charts. The
 * KPIs that are sums of detail rows (net revenue and orders by month, customers by group,
 * rows read and quarantined by source) are formulas over those rows, so finance sees in Excel
 * that the parts add up to the whole; the average order value and the quarantine rate are
 * formulas over the KPIs they divide.
 */
import type ExcelJS from 'exceljs';
import type { KpiKey } from '../kpis';
import { both, TITLES } from '../labels';
import type { Kpi, ReportModel } from '../model';
import { CUSTOMER_BASED_CANDIDATE } from '../../analytics/forecast/customerBased';
import { totalForecastLines } from '../model/forecast';
import { TOTAL_REVENUE_SERIES } from '../figures';
import { addNegativeRed, addTable, columnRange, formula, intervalColumns, NUMBER_FORMATS, tableColumnRef, writeTitle, type CellValue, type Formula, type TableColumn } from './cells';
import { headerCell, numberColumn, PALETTE, textColumn } from './chartData';
import type { ChartDefinition } from './drawingml/chartPart';
import type { PlacedChart } from './drawingml/packageCharts';
import { chartExtent } from './print';

export function runLine(model: ReportModel): string {
  const previous = model.previousRun ? `${model.previousRun.runId}（${model.previousRun.asOf}）` : '无 none';
  return `运行 Run ${model.run.runId} · 截至 As of ${model.run.asOf} (${model.run.timeZone}) · 上次运行 Previous run ${previous}`;
}

/** KPIs that other sheets' detail rows add up to, as formulas over those rows. */
export type DetailKpis = Partial<Record<KpiKey, Formula>>;

const MONTHLY_TABLE = 'MonthlyRevenue';
export const RECONCILIATION_TABLE = 'Reconciliation';
const MONTHLY_COLUMNS: TableColumn[] = [
  { header: { zh: '月份', en: 'Month' } },
  { header: { zh: '净收入', en: 'Net revenue' }, format: 'currency' },
  { header: { zh: '订单数', en: 'Orders' }, format: 'integer' },
  { header: { zh: '有购买客户数', en: 'Customers with orders' }, format: 'integer' },
];

/** Net revenue and orders add up the monthly table below the warnings. */
function monthlyKpis(model: ReportModel): DetailKpis {
  if (model.revenueHistory.length === 0) return {};
  const sum = (column: number, pick: (m: ReportModel['revenueHistory'][number]) => number) =>
    formula(`SUM(${tableColumnRef(MONTHLY_TABLE, both(MONTHLY_COLUMNS[column - 1].header))})`, model.revenueHistory.reduce((s, m) => s + pick(m), 0));
  return { net_revenue: sum(2, (m) => m.revenue), orders: sum(3, (m) => m.orders) };
}

/** Ratios of two KPIs, computed in the sheet from their cells. */
const KPI_RATIOS: Partial<Record<KpiKey, { numerator: KpiKey; denominator: KpiKey }>> = {
  average_order_value: { numerator: 'net_revenue', denominator: 'orders' },
  quarantine_rate: { numerator: 'rows_quarantined', denominator: 'rows_read' },
};

/** A number cell's value or a formula's cached result; null otherwise. */
const resultOf = (cell: CellValue | undefined): number | null => (cell !== null && typeof cell === 'object' && 'formula' in cell ? cell.result : typeof cell === 'number' ? cell : null);

/** The "This run" cell of each KPI: a formula where the sheet can compute it, else the pipeline's value. */
function thisRunCells(kpis: readonly Kpi[], details: DetailKpis, firstRow: number): CellValue[] {
  const rowOf = new Map(kpis.map((k, i) => [k.key, firstRow + i]));
  const cells = new Map<string, CellValue>(kpis.map((k) => [k.key, details[k.key as KpiKey] ?? k.value]));
  for (const [key, ratio] of Object.entries(KPI_RATIOS)) {
    const [n, d] = [resultOf(cells.get(ratio.numerator)), resultOf(cells.get(ratio.denominator))];
    if (!rowOf.has(key) || n === null || d === null || d === 0) continue;
    cells.set(key, formula(`B${rowOf.get(ratio.numerator)}/B${rowOf.get(ratio.denominator)}`, n / d));
  }
  return kpis.map((k) => cells.get(k.key) ?? null);
}

/** Forecast periods of each total revenue series the Summary states. */
const SUMMARY_FORECAST_STEPS = 3;

/**
 * The next periods of the monthly and weekly total revenue forecasts: the time series' figure
 * and 80% interval, the period to date split into observed and to come, and the customer-based
 * figure of all customers (plain values from the forecast tables).
 */
function totalForecastRows(model: ReportModel): (string | number | null)[][] {
  const forecast = model.forecast;
  if (!forecast) return [];
  return [TOTAL_REVENUE_SERIES.month, TOTAL_REVENUE_SERIES.week].flatMap((seriesId) => totalForecastLines(forecast, seriesId, SUMMARY_FORECAST_STEPS).map((l) => [
    seriesId, l.period, l.point.value, l.point.lo80, l.point.hi80, l.toDate?.observed ?? null, l.toDate?.toCome ?? null,
    l.customerBased?.value ?? null, l.customerBased?.lo80 ?? null, l.customerBased?.hi80 ?? null,
  ]));
}

/** The total weekly and monthly revenue series: chosen forecast and its backtest MASE against seasonal naive's and the customer-based forecast's. */
function totalForecastAccuracy(model: ReportModel): (string | number | null)[][] {
  const forecast = model.forecast;
  if (!forecast) return [];
  return forecast.series
    .filter((s) => s.measure === 'revenue' && s.dimension === 'total' && s.chosen)
    .map((s) => {
      const score = (candidate: string) => forecast.scores.find((c) => c.seriesId === s.seriesId && c.candidate === candidate)?.mase ?? null;
      return [s.seriesId, s.chosen, score(s.chosen as string), score('snaive'), score(CUSTOMER_BASED_CANDIDATE)];
    });
}

export interface SummaryInputs {
  details: DetailKpis;
  /** The Forecast sheet's monthly revenue chart (with the forecast); null draws monthly revenue from this sheet. */
  monthlyRevenue: ChartDefinition | null;
  segmentShares: ChartDefinition | null;
}

export function addSummarySheet(sheet: ExcelJS.Worksheet, model: ReportModel, inputs: SummaryInputs): PlacedChart[] {
  let row = writeTitle(sheet, 1, TITLES.report, runLine(model));
  sheet.views = [{ state: 'frozen', ySplit: 2 }];
  const details: DetailKpis = { ...inputs.details, ...monthlyKpis(model) };

  row = writeTitle(sheet, row + 1, TITLES.kpis);
  const firstKpiRow = row + 1;
  const thisRun = thisRunCells(model.kpis, details, firstKpiRow);
  const kpiTable = addTable(sheet, { row, name: 'Kpis' }, [
    { header: { zh: '指标', en: 'KPI' } },
    { header: { zh: '本次', en: 'This run' } },
    { header: { zh: '上次', en: 'Previous run' } },
    { header: { zh: '变化', en: 'Change' } },
    { header: { zh: '变化率', en: 'Change %' }, format: 'percent' },
  ], model.kpis.map((k, i) => {
    const r = firstKpiRow + i;
    const [value, previous] = [resultOf(thisRun[i]), k.previous];
    if (value === null || previous === null) return [both(k.label), thisRun[i], previous, null, null];
    return [both(k.label), thisRun[i], previous, formula(`B${r}-C${r}`, value - previous),
      previous === 0 ? null : formula(`(B${r}-C${r})/C${r}`, (value - previous) / previous)];
  }));
  model.kpis.forEach((k, i) => {
    for (const column of [2, 3, 4]) sheet.getCell(kpiTable.firstDataRow + i, column).numFmt = NUMBER_FORMATS[k.format];
  });
  addNegativeRed(sheet, columnRange(sheet, kpiTable, 5));

  const reconciled = model.kpis.filter((k) => details[k.key as KpiKey] !== undefined);
  row = writeTitle(sheet, kpiTable.nextRow, TITLES.reconciliation, '明细合计为各明细表行之和（公式），流水线值为运行计算并邮件发送的数字；差异应为 0 · detail sums add up the detail sheets’ rows (formulas); pipeline values are the figures the run computed and mailed; differences should be 0');
  const firstReconRow = row + 1;
  const recon = addTable(sheet, { row, name: RECONCILIATION_TABLE }, [
    { header: { zh: '指标', en: 'KPI' } },
    { header: { zh: '明细合计', en: 'Detail sum' } },
    { header: { zh: '流水线值', en: 'Pipeline value' } },
    { header: { zh: '差异', en: 'Difference' } },
  ], reconciled.map((k, i) => {
    const detail = details[k.key as KpiKey]!;
    const r = firstReconRow + i;
    return [both(k.label), detail, k.value, k.value === null ? null : formula(`B${r}-C${r}`, detail.result - k.value)];
  }));
  reconciled.forEach((k, i) => {
    for (const column of [2, 3, 4]) sheet.getCell(recon.firstDataRow + i, column).numFmt = NUMBER_FORMATS[k.format];
  });
  if (reconciled.length > 0) addNegativeRed(sheet, columnRange(sheet, recon, 4));

  row = writeTitle(sheet, recon.nextRow, TITLES.warnings);
  const warnings = model.warnings.length > 0
    ? model.warnings.map((w) => [w.level === 'warning' ? '预警 warning' : '提示 info', w.message.zh, w.message.en])
    : [['提示 info', TITLES.noWarnings.zh, TITLES.noWarnings.en]];
  const warningTable = addTable(sheet, { row, name: 'Warnings' }, [
    { header: { zh: '级别', en: 'Level' } }, { header: { zh: '说明', en: 'Chinese' }, wrapAt: 48 }, { header: { zh: '说明（英文）', en: 'English' }, wrapAt: 48 },
  ], warnings);

  row = writeTitle(sheet, warningTable.nextRow, TITLES.revenueHistory, '本月为截至日的月初至今 · the current month runs to the as-of day');
  const monthly = addTable(sheet, { row, name: MONTHLY_TABLE }, MONTHLY_COLUMNS,
    model.revenueHistory.map((m) => [m.month, m.revenue, m.orders, m.customers]));
  row = monthly.nextRow;
  const next = totalForecastRows(model);
  if (next.length > 0) {
    row = writeTitle(sheet, row, { zh: '总收入预测：接下来的期间', en: 'Total revenue forecast: the next periods' },
      `截至日所在期间 = 截至 ${model.run.asOf} 已实现 + 待实现；基于客户的预测仅含截至日已知客户 · the period holding the as-of day = observed to ${model.run.asOf} + to come; the customer-based forecast covers customers known at the as-of day only (its first period: the days to come)`);
    row = addTable(sheet, { row, name: 'ForecastNext' }, [
      { header: { zh: '序列', en: 'Series' } },
      { header: { zh: '期间', en: 'Period' } },
      { header: { zh: '预测', en: 'Forecast' }, format: 'currency' },
      ...intervalColumns('lo80', 'hi80'),
      { header: { zh: '截至日已实现', en: 'Observed to date' }, format: 'currency' },
      { header: { zh: '待实现（预测）', en: 'To come (forecast)' }, format: 'currency' },
      { header: { zh: '基于客户的预测', en: 'Customer-based' }, format: 'currency' },
      { header: { zh: '基于客户 80%下限', en: 'Customer-based lo 80' }, format: 'currency' },
      { header: { zh: '基于客户 80%上限', en: 'Customer-based hi 80' }, format: 'currency' },
    ], next).nextRow;
  }
  const totals = totalForecastAccuracy(model);
  if (totals.length > 0) {
    row = writeTitle(sheet, row, { zh: '总收入预测的回测准确度', en: 'Backtest accuracy of the total revenue forecast' }, 'MASE 越低越好；季节性朴素 = 去年同期 · Lower MASE is better; seasonal naive = same period last year');
    addTable(sheet, { row, name: 'ForecastAccuracy' }, [
      { header: { zh: '序列', en: 'Series' } },
      { header: { zh: '所选', en: 'Chosen' } },
      { header: { zh: '所选 MASE', en: 'Chosen MASE' }, format: 'decimal' },
      { header: { zh: '季节性朴素 MASE', en: 'Seasonal naive MASE' }, format: 'decimal' },
      { header: { zh: '基于客户 MASE', en: 'Customer-based MASE' }, format: 'decimal' },
    ], totals);
  }

  const revenue = inputs.monthlyRevenue ?? (model.revenueHistory.length > 0 ? {
    title: TITLES.revenueHistory,
    categories: textColumn(sheet, monthly, 1),
    categoryAxisTitle: { zh: '月份', en: 'Month' },
    valueAxisTitle: { zh: '净收入（¥）', en: 'Net revenue (¥)' },
    groups: [{ kind: 'line' as const, series: [{ name: headerCell(sheet, monthly, 2), values: numberColumn(sheet, monthly, 2), color: PALETTE.blue }] }],
  } : null);
  const charts = [
    revenue && { chart: revenue, height: 320 },
    inputs.segmentShares && { chart: inputs.segmentShares, height: 360 },
  ].filter((c) => c !== null);
  let chartRow = 3;
  return charts.map(({ chart, height }) => {
    const placed = { sheet: sheet.name, at: { row: chartRow, column: 7 }, width: 620, height, chart };
    chartRow = chartExtent(sheet, placed).row + 2;
    return placed;
  });
}
