/**
 * Value sheet: the fitted customer-value models, CAC per channel and period, NPS / CSAT, and
 * segment profitability — as the value stage stored them for the run.
 */
import type ExcelJS from 'exceljs';
import { SHEETS } from '../labels';
import type { ValueSection } from '../model/value';
import type { RenderedChart } from '../charts/render';
import { addDataBar, addNegativeRed, addTable, columnRange, placeImage, writeLine, writeTitle } from './cells';

export function addValueSheet(workbook: ExcelJS.Workbook, sheet: ExcelJS.Worksheet, value: ValueSection, charts: readonly RenderedChart[]): void {
  let row = writeTitle(sheet, 1, SHEETS.value, '客户终身价值（BG/NBD × Gamma-Gamma 与财务简式）、获客成本、NPS/CSAT、细分盈利 · CLV (BG/NBD × Gamma-Gamma and the finance formula), CAC, NPS/CSAT, segment profitability');
  sheet.views = [{ state: 'frozen', ySplit: 2 }];
  let imageRow = 3;
  for (const key of ['clv_distribution', 'cac_by_channel', 'nps_trend'] as const) {
    const chart = charts.find((c) => c.key === key);
    if (!chart) continue;
    placeImage(workbook, sheet, chart.image, { row: imageRow, column: 11 }, 520);
    imageRow += Math.ceil(((520 * chart.image.height) / chart.image.width) / 20) + 1;
  }

  row = writeTitle(sheet, row, { zh: '模型', en: 'Models' });
  const m = value.model;
  if (!m.fitted) row = writeLine(sheet, row, `概率模型未拟合 Probabilistic models not fitted: ${m.skipReason ?? '—'}`, { italic: true, color: { argb: 'FFC00000' } });
  const models = addTable(sheet, { row, name: 'ValueModels' }, [{ header: { zh: '参数', en: 'Parameter' } }, { header: { zh: '值', en: 'Value' }, format: 'decimal' }], [
    ['时间单位 Time unit', null], ['客户 Customers', m.customers], ['复购客户 Repeat customers', m.repeatCustomers],
    ['BG/NBD r', m.bgnbd.r], ['BG/NBD α', m.bgnbd.alpha], ['BG/NBD a', m.bgnbd.a], ['BG/NBD b', m.bgnbd.b],
    ['Gamma-Gamma p', m.gammaGamma.p], ['Gamma-Gamma q', m.gammaGamma.q], ['Gamma-Gamma v', m.gammaGamma.v],
    ['频次-金额相关 Frequency–monetary correlation', m.frequencyMonetaryCorrelation],
  ]);
  sheet.getCell(models.firstDataRow, 2).value = m.timeUnit;

  row = writeTitle(sheet, models.nextRow, { zh: '各渠道获客成本', en: 'CAC per channel and period' }, 'CAC = 投放金额 ÷ 新客数 · marketing spend ÷ new customers');
  const cac = addTable(sheet, { row, name: 'AcquisitionCosts' }, [
    { header: { zh: '渠道', en: 'Channel' } }, { header: { zh: '期间', en: 'Period' } },
    { header: { zh: '投放金额', en: 'Spend' }, format: 'currency' }, { header: { zh: '新客数', en: 'New customers' }, format: 'integer' },
    { header: { zh: '获客成本', en: 'CAC' }, format: 'currency' }, { header: { zh: '标记', en: 'Flag' } },
  ], value.acquisitionCosts.map((c) => [c.channel, c.period, c.spend, c.newCustomers, c.cac, c.flag]));
  addDataBar(sheet, columnRange(sheet, cac, 5), 'FFF4B183');

  row = writeTitle(sheet, cac.nextRow, { zh: 'NPS 与 CSAT', en: 'NPS and CSAT' }, 'NPS = 推荐者% − 贬损者%；CSAT = 4–5 分占比 · NPS = % promoters − % detractors; CSAT = share of 4–5');
  const surveys = addTable(sheet, { row, name: 'SurveyScores' }, [
    { header: { zh: '分组', en: 'Grouping' } }, { header: { zh: '键', en: 'Key' } },
    { header: { zh: 'NPS 回复', en: 'NPS responses' }, format: 'integer' }, { header: { zh: 'NPS', en: 'NPS' }, format: 'decimal' },
    { header: { zh: 'CSAT 回复', en: 'CSAT responses' }, format: 'integer' }, { header: { zh: 'CSAT（%）', en: 'CSAT (%)' }, format: 'decimal' },
    { header: { zh: '样本偏小', en: 'Small sample' } },
  ], value.surveyScores.map((s) => [s.grouping, s.key, s.npsResponses, s.nps, s.csatResponses, s.csat, s.npsSmallSample || s.csatSmallSample ? '⚠' : '']));
  addNegativeRed(sheet, columnRange(sheet, surveys, 4));

  row = writeTitle(sheet, surveys.nextRow, { zh: '细分盈利', en: 'Segment profitability' }, '净利润 = 交易数 × 单笔平均利润 − 营销成本 · net profit = transactions × average profit per transaction − marketing cost');
  const profit = addTable(sheet, { row, name: 'SegmentProfitability' }, [
    { header: { zh: '分组', en: 'Grouping' } }, { header: { zh: '细分', en: 'Segment' } },
    { header: { zh: '交易数', en: 'Transactions' }, format: 'integer' }, { header: { zh: '单笔平均利润', en: 'Avg profit / transaction' }, format: 'currency' },
    { header: { zh: '营销成本', en: 'Marketing cost' }, format: 'currency' }, { header: { zh: '毛利', en: 'Gross profit' }, format: 'currency' },
    { header: { zh: '净利润', en: 'Net profit' }, format: 'currency' }, { header: { zh: '营销ROI', en: 'Marketing ROI' }, format: 'percent' },
  ], value.profitability.map((p) => [p.grouping, p.segment, p.transactions, p.averageProfitPerTransaction, p.marketingCost, p.grossProfit, p.netProfit, p.marketingRoi]));
  addNegativeRed(sheet, columnRange(sheet, profit, 7));
}
