/**
 * Value sheet: the fitted customer-value models, the CLV distribution, CAC per channel and
 * period and per channel over all periods, NPS / CSAT, and segment profitability — as the
 * value stage stored them for the run — with native charts of the CLV distribution, CAC by
 * channel and NPS by month drawn from these tables.
 */
import type ExcelJS from 'exceljs';
import { cacByChannel, clvHistogram, npsByMonth } from '../figures';
import { SHEETS } from '../labels';
import type { ValueSection } from '../model/value';
import { addDataBar, addNegativeRed, addTable, columnRange, formula, tableColumnRef, writeLine, writeTitle, type TablePlacement } from './cells';
import { headerCell, numberColumn, PALETTE, textColumn } from './chartData';
import type { ChartDefinition } from './drawingml/chartPart';
import type { PlacedChart } from './drawingml/packageCharts';

const money = (x: number) => `¥${x.toLocaleString('en-US', { maximumFractionDigits: 2 })}`;

function singleSeriesChart(sheet: ExcelJS.Worksheet, table: TablePlacement, columns: { category: number; value: number }, chart: Omit<ChartDefinition, 'categories' | 'groups'>, kind: 'line' | 'column', rows?: { from: number; to: number }): ChartDefinition {
  const [from, to] = [rows?.from ?? table.firstDataRow, rows?.to ?? table.lastDataRow];
  const series = [{ name: headerCell(sheet, table, columns.value), values: numberColumn(sheet, table, columns.value, from, to), color: PALETTE.blue }];
  return {
    ...chart,
    categories: textColumn(sheet, table, columns.category, from, to),
    groups: [kind === 'line' ? { kind: 'line', series } : { kind: 'bar', direction: 'vertical', series }],
  };
}

export function addValueSheet(sheet: ExcelJS.Worksheet, value: ValueSection): PlacedChart[] {
  let row = writeTitle(sheet, 1, SHEETS.value, '客户终身价值（BG/NBD × Gamma-Gamma 与财务简式）、获客成本、NPS/CSAT、细分盈利 · CLV (BG/NBD × Gamma-Gamma and the finance formula), CAC, NPS/CSAT, segment profitability');
  sheet.views = [{ state: 'frozen', ySplit: 2 }];
  const charts: ChartDefinition[] = [];

  row = writeTitle(sheet, row, { zh: '模型', en: 'Models' });
  const m = value.model;
  if (!m.fitted) row = writeLine(sheet, row, `概率模型未拟合 Probabilistic models not fitted: ${m.skipReason ?? '—'}`, { italic: true, color: { argb: 'FFC00000' } });
  const models = addTable(sheet, { row, name: 'ValueModels' }, [{ header: { zh: '参数', en: 'Parameter' } }, { header: { zh: '值', en: 'Value' }, format: 'decimal' }], [
    ['时间单位 Time unit', null], ['客户 Customers', m.customers], ['复购客户 Repeat customers', m.repeatCustomers],
    ['BG/NBD r', m.bgnbd?.r ?? null], ['BG/NBD α', m.bgnbd?.alpha ?? null], ['BG/NBD a', m.bgnbd?.a ?? null], ['BG/NBD b', m.bgnbd?.b ?? null],
    ['Gamma-Gamma p', m.gammaGamma?.p ?? null], ['Gamma-Gamma q', m.gammaGamma?.q ?? null], ['Gamma-Gamma v', m.gammaGamma?.v ?? null],
    ['频次-金额相关 Frequency–monetary correlation', m.frequencyMonetaryCorrelation],
  ]);
  sheet.getCell(models.firstDataRow, 2).value = m.timeUnit;

  const method = value.clvKind === 'probabilistic' ? 'BG/NBD × Gamma-Gamma' : '财务简式 finance formula';
  row = writeTitle(sheet, models.nextRow, { zh: '客户终身价值分布', en: 'CLV distribution' }, `每位客户的 CLV（${method}）按等宽区间计数 · customers per equal-width CLV bin (${method})`);
  const bins = clvHistogram(value.clv);
  const clv = addTable(sheet, { row, name: 'ClvDistribution' }, [
    { header: { zh: '区间', en: 'Bin' } }, { header: { zh: '下限', en: 'From' }, format: 'currency' },
    { header: { zh: '上限', en: 'To' }, format: 'currency' }, { header: { zh: '客户数', en: 'Customers' }, format: 'integer' },
  ], bins.map((b) => [`${money(b.from)} – ${money(b.to)}`, b.from, b.to, b.count]));
  if (bins.length > 0) {
    charts.push(singleSeriesChart(sheet, clv, { category: 1, value: 4 }, {
      title: { zh: '客户终身价值分布', en: 'CLV distribution' }, categoryAxisTitle: { zh: 'CLV 区间', en: 'CLV bin' }, valueAxisTitle: { zh: '客户数', en: 'Customers' },
    }, 'column'));
  }

  row = writeTitle(sheet, clv.nextRow, { zh: '各渠道获客成本', en: 'CAC per channel and period' }, 'CAC = 投放金额 ÷ 新客数 · marketing spend ÷ new customers');
  const cac = addTable(sheet, { row, name: 'AcquisitionCosts' }, [
    { header: { zh: '渠道', en: 'Channel' } }, { header: { zh: '期间', en: 'Period' } },
    { header: { zh: '投放金额', en: 'Spend' }, format: 'currency' }, { header: { zh: '新客数', en: 'New customers' }, format: 'integer' },
    { header: { zh: '获客成本', en: 'CAC' }, format: 'currency' }, { header: { zh: '标记', en: 'Flag' } },
  ], value.acquisitionCosts.map((c) => [c.channel, c.period, c.spend, c.newCustomers, c.cac, c.flag]));
  addDataBar(sheet, columnRange(sheet, cac, 5), 'FFF4B183');

  row = writeTitle(sheet, cac.nextRow, { zh: '各渠道获客成本（全部期间）', en: 'CAC per channel, all periods' }, '投放金额与新客数为上表各期之和 · spend and new customers add up the periods above');
  const channels = cacByChannel(value.acquisitionCosts);
  // Channels come from the rows of the table above, so it exists whenever there are channels.
  const costs = (column: number) => tableColumnRef(cac.table!, cac.headers[column - 1]);
  const first = row + 1;
  // EXACT, not SUMIF: a channel name from the data is matched as text, never read as a criterion (">0", "a*").
  const byChannel = addTable(sheet, { row, name: 'CacByChannel' }, [
    { header: { zh: '渠道', en: 'Channel' } }, { header: { zh: '投放金额', en: 'Spend' }, format: 'currency' },
    { header: { zh: '新客数', en: 'New customers' }, format: 'integer' }, { header: { zh: '获客成本', en: 'CAC' }, format: 'currency' },
  ], channels.map((c, i) => [
    c.channel,
    formula(`SUMPRODUCT(EXACT(${costs(1)},A${first + i})*${costs(3)})`, c.spend),
    formula(`SUMPRODUCT(EXACT(${costs(1)},A${first + i})*${costs(4)})`, c.newCustomers),
    formula(`B${first + i}/C${first + i}`, c.cac),
  ]));
  if (channels.length > 0) {
    charts.push(singleSeriesChart(sheet, byChannel, { category: 1, value: 4 }, {
      title: { zh: '各渠道获客成本', en: 'CAC by channel' }, categoryAxisTitle: { zh: '渠道', en: 'Channel' }, valueAxisTitle: { zh: '获客成本（¥）', en: 'CAC (¥)' },
    }, 'column'));
  }

  row = writeTitle(sheet, byChannel.nextRow, { zh: 'NPS 与 CSAT', en: 'NPS and CSAT' }, 'NPS = 推荐者% − 贬损者%；CSAT = 4–5 分占比 · NPS = % promoters − % detractors; CSAT = share of 4–5');
  // Grouped then in key order, so the monthly rows the NPS chart draws are one block.
  const scores = [...value.surveyScores].sort((a, b) => (a.grouping < b.grouping ? -1 : a.grouping > b.grouping ? 1 : a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const surveys = addTable(sheet, { row, name: 'SurveyScores' }, [
    { header: { zh: '分组', en: 'Grouping' } }, { header: { zh: '键', en: 'Key' } },
    { header: { zh: 'NPS 回复', en: 'NPS responses' }, format: 'integer' }, { header: { zh: 'NPS', en: 'NPS' }, format: 'decimal' },
    { header: { zh: 'CSAT 回复', en: 'CSAT responses' }, format: 'integer' }, { header: { zh: 'CSAT（%）', en: 'CSAT (%)' }, format: 'decimal' },
    { header: { zh: '样本偏小', en: 'Small sample' } },
  ], scores.map((s) => [s.grouping, s.key, s.npsResponses, s.nps, s.csatResponses, s.csat, s.npsSmallSample || s.csatSmallSample ? '⚠' : '']));
  addNegativeRed(sheet, columnRange(sheet, surveys, 4));
  if (npsByMonth(scores).length > 0) {
    const months = scores.flatMap((s, i) => (s.grouping === 'month' ? [surveys.firstDataRow + i] : []));
    charts.push(singleSeriesChart(sheet, surveys, { category: 2, value: 4 }, {
      title: { zh: '月度 NPS', en: 'NPS by month' }, categoryAxisTitle: { zh: '月份', en: 'Month' }, valueAxisTitle: { zh: 'NPS', en: 'NPS' },
    }, 'line', { from: months[0], to: months[months.length - 1] }));
  }

  row = writeTitle(sheet, surveys.nextRow, { zh: '细分盈利', en: 'Segment profitability' }, '净利润 = 交易数 × 单笔平均利润 − 营销成本 · net profit = transactions × average profit per transaction − marketing cost');
  const profit = addTable(sheet, { row, name: 'SegmentProfitability' }, [
    { header: { zh: '分组', en: 'Grouping' } }, { header: { zh: '细分', en: 'Segment' } },
    { header: { zh: '交易数', en: 'Transactions' }, format: 'integer' }, { header: { zh: '单笔平均利润', en: 'Avg profit / transaction' }, format: 'currency' },
    { header: { zh: '营销成本', en: 'Marketing cost' }, format: 'currency' }, { header: { zh: '毛利', en: 'Gross profit' }, format: 'currency' },
    { header: { zh: '净利润', en: 'Net profit' }, format: 'currency' }, { header: { zh: '营销ROI', en: 'Marketing ROI' }, format: 'percent' },
  ], value.profitability.map((p) => [p.grouping, p.segment, p.transactions, p.averageProfitPerTransaction, p.marketingCost, p.grossProfit, p.netProfit, p.marketingRoi]));
  addNegativeRed(sheet, columnRange(sheet, profit, 7));
  return charts.map((chart, i) => ({ sheet: sheet.name, at: { row: 3 + i * 15, column: 11 }, width: 560, height: 280, chart }));
}
