/**
 * Forecast sheet: per series the chosen model and its backtest accuracy, the forecasts with
 * 80% / 95% intervals, the period holding the as-of day split into what it holds to date and
 * the forecast of its days to come, the monthly and weekly totals (actuals and forecasts) the
 * revenue charts draw, the customer-based forecast (customers known at the as-of day), every
 * candidate's backtest scores, and the track record (earlier runs' forecasts against what
 * happened).
 */
import type ExcelJS from 'exceljs';
import { TOTAL_REVENUE_SERIES } from '../figures';
import { SHEETS } from '../labels';
import type { ReportModel } from '../model';
import { periodsToDate, type ForecastPoint, type ForecastSection } from '../model/forecast';
import { addDataBar, addTable, columnRange, formula, intervalColumns, writeTitle, type CellValue, type TablePlacement } from './cells';
import { headerCell, numberColumn, PALETTE, textColumn } from './chartData';
import type { ChartDefinition } from './drawingml/chartPart';
import type { PlacedChart } from './drawingml/packageCharts';
import { columnLetters } from './drawingml/xml';

function chosenScore(forecast: ForecastSection, seriesId: string) {
  return forecast.scores.find((s) => s.seriesId === seriesId && s.chosen);
}

/** Columns of the forecasts table a total table's cells refer to. */
const POINT_COLUMNS = { value: 5, lo80: 6, hi80: 7, lo95: 8, hi95: 9 } as const;
/** Columns of a total table. */
const TOTAL_COLUMNS = { period: 1, actual: 2, value: 3, lo95: 4, lo80: 5, hi80: 6, hi95: 7, band95: 8, band80: 9, band95Upper: 10, outlierOrders: 11, outlierValue: 12, allOrders: 13 } as const;

/**
 * A total series' actuals and forecasts as the revenue chart draws them. The forecast and its
 * bounds refer to the forecasts table (one place to edit a forecast); the three band columns
 * are the differences a stacked area draws the 80% and 95% bands from (the 95% lower bound is
 * the invisible base). The actuals are the modelled figures (outlier orders left out, SPEC §2);
 * the last three columns reconcile them with the source: the outlier orders, what they add,
 * and their sum with the actual (a formula), the period's net revenue over all orders.
 */
function addTotalTable(sheet: ExcelJS.Worksheet, row: number, name: string, points: readonly ForecastPoint[], pointRows: ReadonlyMap<ForecastPoint, number>, periodLabel: { zh: string; en: string }): TablePlacement {
  const ref = (point: ForecastPoint, key: keyof typeof POINT_COLUMNS): CellValue => {
    const value = point[key];
    const at = pointRows.get(point);
    return value === null || at === undefined ? null : formula(`${columnLetters(POINT_COLUMNS[key])}${at}`, value);
  };
  const first = row + 1;
  return addTable(sheet, { row, name }, [
    { header: periodLabel },
    { header: { zh: '实际（不含异常订单）', en: 'Actual, outliers left out' }, format: 'currency' },
    { header: { zh: '预测', en: 'Forecast' }, format: 'currency' },
    ...intervalColumns('lo95', 'lo80', 'hi80', 'hi95'),
    { header: { zh: '95%区间', en: '95% interval' }, format: 'currency' },
    { header: { zh: '80%区间', en: '80% interval' }, format: 'currency' },
    { header: { zh: '95%区间（上段）', en: '95% interval (upper part)' }, format: 'currency' },
    { header: { zh: '异常订单数', en: 'Outlier orders' }, format: 'integer' },
    { header: { zh: '异常订单金额（未建模）', en: 'Outliers (not modelled)' }, format: 'currency' },
    { header: { zh: '净收入（全部订单）', en: 'Net revenue (all orders)' }, format: 'currency' },
  ], points.map((p, i) => {
    const r = first + i;
    const band = (upper: 'lo80' | 'hi80' | 'hi95', lower: 'lo95' | 'lo80' | 'hi80'): CellValue => {
      const [hi, lo] = [p[upper], p[lower]];
      if (p.kind === 'actual' || hi === null || lo === null) return null;
      return formula(`${columnLetters(TOTAL_COLUMNS[upper])}${r}-${columnLetters(TOTAL_COLUMNS[lower])}${r}`, hi - lo);
    };
    return [
      p.period, p.kind === 'actual' ? p.value : null,
      ...(p.kind === 'actual' ? [null, null, null, null, null] : [ref(p, 'value'), ref(p, 'lo95'), ref(p, 'lo80'), ref(p, 'hi80'), ref(p, 'hi95')]),
      band('lo80', 'lo95'), band('hi80', 'lo80'), band('hi95', 'hi80'),
      ...(p.kind === 'actual'
        ? [p.outlierOrders ?? 0, p.outlierValue ?? 0, formula(`${columnLetters(TOTAL_COLUMNS.actual)}${r}+${columnLetters(TOTAL_COLUMNS.outlierValue)}${r}`, p.value + (p.outlierValue ?? 0))]
        : [null, null, null]),
    ];
  }));
}

/** Actuals and forecast as lines over the 95% and 80% bands (stacked areas on an invisible base). */
function revenueChart(sheet: ExcelJS.Worksheet, table: TablePlacement, title: { zh: string; en: string }, periodLabel: { zh: string; en: string }): ChartDefinition {
  const series = (column: number, color: string, extra: { opacity?: number; dashed?: boolean; hiddenFromLegend?: boolean } = {}) => ({
    name: headerCell(sheet, table, column), values: numberColumn(sheet, table, column), color, ...extra,
  });
  const c = TOTAL_COLUMNS;
  const lines = { kind: 'line' as const, series: [series(c.actual, PALETTE.blue), series(c.value, PALETTE.orange, { dashed: true })] };
  const hasForecast = numberColumn(sheet, table, c.value).values.some((v) => v !== null);
  return {
    title,
    categories: textColumn(sheet, table, c.period),
    categoryAxisTitle: periodLabel,
    valueAxisTitle: { zh: '净收入（¥）', en: 'Net revenue (¥)' },
    groups: hasForecast
      ? [{ kind: 'stackedArea', series: [
        series(c.lo95, PALETTE.orange, { opacity: 0, hiddenFromLegend: true }),
        series(c.band95, PALETTE.orange, { opacity: 0.15 }),
        series(c.band80, PALETTE.orange, { opacity: 0.35 }),
        series(c.band95Upper, PALETTE.orange, { opacity: 0.15, hiddenFromLegend: true }),
      ] }, lines]
      : [lines],
  };
}

export interface ForecastSheet {
  /** Monthly net revenue with the forecast and its bands; null without a monthly total forecast. */
  monthlyRevenue: ChartDefinition | null;
  charts: PlacedChart[];
}

const MONTH = { zh: '月份', en: 'Month' };
const WEEK = { zh: '周', en: 'Week' };
/** The customer-based forecast's member '' (all customers). */
const ALL_CUSTOMERS = '全部客户 all customers';

export function addForecastSheet(sheet: ExcelJS.Worksheet, model: ReportModel, forecast: ForecastSection): ForecastSheet {
  let row = writeTitle(sheet, 1, SHEETS.forecast, '净收入预测：按周/按月，合计/渠道/客户分组；区间为 80% 与 95% 预测区间 · Net revenue forecasts by week and month, total, channel and customer group; 80% and 95% prediction intervals');
  sheet.views = [{ state: 'frozen', ySplit: 2 }];

  row = writeTitle(sheet, row, { zh: '序列与所选模型', en: 'Series and chosen model' }, `截至 As of ${model.run.asOf}; MASE < 1 表示优于季节性朴素法 · MASE < 1 beats the seasonal naive benchmark`);
  const series = addTable(sheet, { row, name: 'ForecastSeries' }, [
    { header: { zh: '序列', en: 'Series' } },
    { header: { zh: '频率', en: 'Frequency' } },
    { header: { zh: '维度', en: 'Dimension' } },
    { header: { zh: '成员', en: 'Member' } },
    { header: { zh: '所选模型', en: 'Chosen' } },
    { header: { zh: '模型', en: 'Model' } },
    { header: { zh: '期数', en: 'Periods' }, format: 'integer' },
    { header: { zh: 'MASE', en: 'MASE' }, format: 'decimal' },
    { header: { zh: 'sMAPE', en: 'sMAPE' }, format: 'decimal' },
    { header: { zh: '80%覆盖率', en: '80% coverage' }, format: 'percent' },
    { header: { zh: '95%覆盖率', en: '95% coverage' }, format: 'percent' },
    { header: { zh: '季节性朴素 MASE', en: 'Seasonal naive MASE' }, format: 'decimal' },
    { header: { zh: '选择理由', en: 'Why this forecast' } },
  ], forecast.series.map((s) => {
    const score = chosenScore(forecast, s.seriesId);
    const snaive = forecast.scores.find((c) => c.seriesId === s.seriesId && c.candidate === 'snaive');
    return [s.seriesId, s.frequency, s.dimension, s.member || 'total', s.chosen ?? '未预测 not forecast', s.model, s.periods,
      score?.mase ?? null, score?.smape ?? null, score?.coverage80 ?? null, score?.coverage95 ?? null, snaive?.mase ?? null, s.reason ?? s.notes.join('; ')];
  }));

  row = writeTitle(sheet, series.nextRow, { zh: '预测值与区间', en: 'Forecasts and intervals' });
  const points = forecast.points.filter((p) => p.kind === 'forecast');
  const table = addTable(sheet, { row, name: 'ForecastPoints' }, [
    { header: { zh: '序列', en: 'Series' } },
    { header: { zh: '期间', en: 'Period' } },
    { header: { zh: '起始日', en: 'Start' }, format: 'date' },
    { header: { zh: '步长', en: 'Step' }, format: 'integer' },
    { header: { zh: '预测', en: 'Forecast' }, format: 'currency' },
    ...intervalColumns('lo80', 'hi80', 'lo95', 'hi95'),
  ], points.map((p) => [p.seriesId, p.period, new Date(`${p.periodStart}T00:00:00Z`), p.step, p.value, p.lo80, p.hi80, p.lo95, p.hi95]));
  addDataBar(sheet, columnRange(sheet, table, 5));
  const pointRows = new Map(points.map((p, i) => [p, table.firstDataRow + i]));

  row = table.nextRow;
  const toDate = periodsToDate(forecast);
  if (toDate.length > 0) {
    row = writeTitle(sheet, row, { zh: '截至日所在期间：已实现与待实现', en: 'The period holding the as-of day: to date and to come' },
      `截至 ${model.run.asOf} 的实际值（不建模）加上模型对其余天数的预测 = 该期预测 · observed to ${model.run.asOf} (not modelled) plus the model’s forecast of the days still to come = the period’s forecast`);
    row = addTable(sheet, { row, name: 'ForecastPeriodToDate' }, [
      { header: { zh: '序列', en: 'Series' } },
      { header: { zh: '期间', en: 'Period' } },
      { header: { zh: '截至日已实现', en: 'Observed to date' }, format: 'currency' },
      { header: { zh: '待实现（预测）', en: 'To come (forecast)' }, format: 'currency' },
      { header: { zh: '全期预测', en: 'Period forecast' }, format: 'currency' },
    ], toDate.map((p) => [p.seriesId, p.period, p.observed, p.toCome, p.forecast])).nextRow;
  }

  const charts: PlacedChart[] = [];
  let monthlyRevenue: ChartDefinition | null = null;
  for (const [frequency, seriesId] of [['month', TOTAL_REVENUE_SERIES.month], ['week', TOTAL_REVENUE_SERIES.week]] as const) {
    const totals = forecast.points.filter((p) => p.seriesId === seriesId);
    if (totals.length === 0) continue;
    const label = frequency === 'month' ? MONTH : WEEK;
    const title = frequency === 'month'
      ? { zh: '月度净收入与预测（80% / 95% 区间）', en: 'Monthly net revenue and forecast (80% / 95% intervals)' }
      : { zh: '每周净收入与预测（80% / 95% 区间）', en: 'Weekly net revenue and forecast (80% / 95% intervals)' };
    row = writeTitle(sheet, row, frequency === 'month' ? { zh: '月度合计：实际与预测', en: 'Monthly total: actuals and forecast' } : { zh: '每周合计：实际与预测', en: 'Weekly total: actuals and forecast' },
      '实际值不含异常订单（不参与建模），末列 = 实际 + 异常订单金额 = 全部订单净收入；预测与区间引用上表；区间列为图中色带的宽度 · actuals leave outlier orders out (they are not modelled); the last column, actual + outliers, is net revenue over all orders; forecasts and bounds refer to the table above; the interval columns are the widths of the chart’s bands');
    const totalTable = addTotalTable(sheet, row, frequency === 'month' ? 'MonthlyTotal' : 'WeeklyTotal', totals, pointRows, label);
    const chart = revenueChart(sheet, totalTable, title, label);
    if (frequency === 'month' && totals.some((p) => p.kind === 'forecast')) monthlyRevenue = chart;
    charts.push({ sheet: sheet.name, at: { row: 3 + charts.length * 17, column: 15 }, width: 640, height: 320, chart });
    row = totalTable.nextRow;
  }

  if (forecast.customerBased.length > 0) {
    row = writeTitle(sheet, row, { zh: '基于客户的预测（BG/NBD × Gamma-Gamma）', en: 'Customer-based forecast (BG/NBD × Gamma-Gamma)' },
      `仅含截至 ${model.run.asOf} 已知的客户，新客户的购买不在其中；截至日所在期间只计其余天数 · customers known at ${model.run.asOf} only: purchases of customers not yet acquired are not in it; the period holding the as-of day counts its days to come only`);
    row = addTable(sheet, { row, name: 'ForecastCustomerBased' }, [
      { header: { zh: '频率', en: 'Frequency' } },
      { header: { zh: '客户分组', en: 'Customer group' } },
      { header: { zh: '期间', en: 'Period' } },
      { header: { zh: '起始日', en: 'Start' }, format: 'date' },
      { header: { zh: '步长', en: 'Step' }, format: 'integer' },
      { header: { zh: '客户数', en: 'Customers' }, format: 'integer' },
      { header: { zh: '预期购买次数', en: 'Expected purchases' }, format: 'decimal' },
      { header: { zh: '每次购买金额', en: 'Spend per purchase' }, format: 'currency' },
      { header: { zh: '预测', en: 'Forecast' }, format: 'currency' },
      ...intervalColumns('lo80', 'hi80', 'lo95', 'hi95'),
    ], forecast.customerBased.map((c) => [c.frequency, c.member || ALL_CUSTOMERS, c.period, new Date(`${c.periodStart}T00:00:00Z`), c.step, c.customers,
      c.expectedPurchases, c.spendPerPurchase, c.value, c.lo80, c.hi80, c.lo95, c.hi95])).nextRow;
  }

  row = writeTitle(sheet, row, { zh: '回测得分（全部候选模型）', en: 'Backtest scores (every candidate)' });
  const scores = addTable(sheet, { row, name: 'ForecastScores' }, [
    { header: { zh: '序列', en: 'Series' } },
    { header: { zh: '候选', en: 'Candidate' } },
    { header: { zh: '已选', en: 'Chosen' } },
    { header: { zh: 'MASE', en: 'MASE' }, format: 'decimal' },
    { header: { zh: 'sMAPE', en: 'sMAPE' }, format: 'decimal' },
    { header: { zh: '偏差', en: 'Bias' }, format: 'decimal' },
    { header: { zh: '80%覆盖率', en: '80% coverage' }, format: 'percent' },
    { header: { zh: '95%覆盖率', en: '95% coverage' }, format: 'percent' },
  ], forecast.scores.map((s) => [s.seriesId, s.candidate, s.chosen ? '✓' : '', s.mase, s.smape, s.bias, s.coverage80, s.coverage95]));

  row = writeTitle(sheet, scores.nextRow, { zh: '预测追踪记录', en: 'Track record' }, '以往运行的预测与本次实际值对比 · Earlier runs’ forecasts against this run’s actuals');
  addTable(sheet, { row, name: 'ForecastTrackRecord' }, [
    { header: { zh: '预测运行', en: 'Forecast run' } },
    { header: { zh: '序列', en: 'Series' } },
    { header: { zh: '期间', en: 'Period' } },
    { header: { zh: '步长', en: 'Step' }, format: 'integer' },
    { header: { zh: '预测', en: 'Forecast' }, format: 'currency' },
    { header: { zh: '实际', en: 'Actual' }, format: 'currency' },
    { header: { zh: '误差', en: 'Error' }, format: 'currency' },
    { header: { zh: '在80%区间内', en: 'Inside 80%' } },
    { header: { zh: '在95%区间内', en: 'Inside 95%' } },
  ], forecast.trackRecord.map((t) => [t.forecastRunId, t.seriesId, t.period, t.step, t.forecast, t.actual, t.error, t.inside80 ? '✓' : '✗', t.inside95 ? '✓' : '✗']));
  return { monthlyRevenue, charts };
}
