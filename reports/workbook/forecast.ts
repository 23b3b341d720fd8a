/**
 * Forecast sheet: per series the chosen model and its backtest accuracy, the forecasts with
 * 80% / 95% intervals, every candidate's backtest scores, and the track record (earlier runs'
 * forecasts against what happened).
 */
import type ExcelJS from 'exceljs';
import { SHEETS } from '../labels';
import type { ReportModel } from '../model';
import type { ForecastSection } from '../model/forecast';
import type { RenderedChart } from '../charts/render';
import { addDataBar, addTable, columnRange, placeImage, writeTitle } from './cells';

function chosenScore(forecast: ForecastSection, seriesId: string) {
  return forecast.scores.find((s) => s.seriesId === seriesId && s.chosen);
}

export function addForecastSheet(workbook: ExcelJS.Workbook, sheet: ExcelJS.Worksheet, model: ReportModel, forecast: ForecastSection, charts: readonly RenderedChart[]): void {
  let row = writeTitle(sheet, 1, SHEETS.forecast, '净收入预测：按周/按月，合计/渠道/客户分组；区间为 80% 与 95% 预测区间 · Net revenue forecasts by week and month, total, channel and customer group; 80% and 95% prediction intervals');
  sheet.views = [{ state: 'frozen', ySplit: 2 }];
  const chart = charts.find((c) => c.key === 'revenue_history');
  if (chart) placeImage(workbook, sheet, chart.image, { row: 3, column: 12 }, 620);

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
    { header: { zh: '80%下限', en: 'Lo 80' }, format: 'currency' },
    { header: { zh: '80%上限', en: 'Hi 80' }, format: 'currency' },
    { header: { zh: '95%下限', en: 'Lo 95' }, format: 'currency' },
    { header: { zh: '95%上限', en: 'Hi 95' }, format: 'currency' },
  ], points.map((p) => [p.seriesId, p.period, new Date(`${p.periodStart}T00:00:00Z`), p.step, p.value, p.lo80, p.hi80, p.lo95, p.hi95]));
  addDataBar(sheet, columnRange(sheet, table, 5));

  row = writeTitle(sheet, table.nextRow, { zh: '回测得分（全部候选模型）', en: 'Backtest scores (every candidate)' });
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
}
