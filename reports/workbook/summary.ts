/** Summary sheet: run header, headline KPIs against the previous run, warnings, key charts. */
import type ExcelJS from 'exceljs';
import { relativeChange } from '../kpis';
import { both, TITLES } from '../labels';
import type { Kpi, ReportModel } from '../model';
import type { RenderedChart } from '../charts/render';
import { addNegativeRed, addTable, columnRange, NUMBER_FORMATS, placeImage, writeTitle } from './cells';

export function runLine(model: ReportModel): string {
  const previous = model.previousRun ? `${model.previousRun.runId}（${model.previousRun.asOf}）` : '无 none';
  return `运行 Run ${model.run.runId} · 截至 As of ${model.run.asOf} (${model.run.timeZone}) · 上次运行 Previous run ${previous}`;
}

function change(kpi: Kpi): { absolute: number | null; relative: number | null } {
  const absolute = kpi.value === null || kpi.previous === null ? null : kpi.value - kpi.previous;
  return { absolute, relative: relativeChange(kpi.value, kpi.previous) };
}

/** The total weekly and monthly series: chosen forecast and its backtest MASE against seasonal naive's. */
function totalForecastAccuracy(model: ReportModel): (string | number | null)[][] {
  const forecast = model.forecast;
  if (!forecast) return [];
  return forecast.series
    .filter((s) => s.measure === 'revenue' && s.dimension === 'total' && s.chosen)
    .map((s) => {
      const score = (candidate: string) => forecast.scores.find((c) => c.seriesId === s.seriesId && c.candidate === candidate)?.mase ?? null;
      return [s.seriesId, s.chosen, score(s.chosen as string), score('snaive')];
    });
}

export function addSummarySheet(workbook: ExcelJS.Workbook, sheet: ExcelJS.Worksheet, model: ReportModel, charts: readonly RenderedChart[]): void {
  let row = writeTitle(sheet, 1, TITLES.report, runLine(model));
  sheet.views = [{ state: 'frozen', ySplit: 2 }];
  row = writeTitle(sheet, row + 1, TITLES.kpis);
  const kpiTable = addTable(sheet, { row, name: 'Kpis' }, [
    { header: { zh: '指标', en: 'KPI' } },
    { header: { zh: '本次', en: 'This run' } },
    { header: { zh: '上次', en: 'Previous run' } },
    { header: { zh: '变化', en: 'Change' } },
    { header: { zh: '变化率', en: 'Change %' }, format: 'percent' },
  ], model.kpis.map((k) => {
    const { absolute, relative } = change(k);
    return [both(k.label), k.value, k.previous, absolute, relative];
  }));
  model.kpis.forEach((k, i) => {
    for (const column of [2, 3, 4]) sheet.getCell(kpiTable.firstDataRow + i, column).numFmt = NUMBER_FORMATS[k.format];
  });
  addNegativeRed(sheet, columnRange(sheet, kpiTable, 5));
  row = writeTitle(sheet, kpiTable.nextRow, TITLES.warnings);
  const warnings = model.warnings.length > 0
    ? model.warnings.map((w) => [w.level === 'warning' ? '预警 warning' : '提示 info', w.message.zh, w.message.en])
    : [['提示 info', TITLES.noWarnings.zh, TITLES.noWarnings.en]];
  const warningTable = addTable(sheet, { row, name: 'Warnings' }, [
    { header: { zh: '级别', en: 'Level' } }, { header: { zh: '说明', en: 'Chinese' } }, { header: { zh: '说明（英文）', en: 'English' } },
  ], warnings);
  const totals = totalForecastAccuracy(model);
  if (totals.length > 0) {
    row = writeTitle(sheet, warningTable.nextRow, { zh: '总收入预测的回测准确度', en: 'Backtest accuracy of the total revenue forecast' }, 'MASE 越低越好；季节性朴素 = 去年同期 · Lower MASE is better; seasonal naive = same period last year');
    addTable(sheet, { row, name: 'ForecastAccuracy' }, [
      { header: { zh: '序列', en: 'Series' } },
      { header: { zh: '所选', en: 'Chosen' } },
      { header: { zh: '所选 MASE', en: 'Chosen MASE' }, format: 'decimal' },
      { header: { zh: '季节性朴素 MASE', en: 'Seasonal naive MASE' }, format: 'decimal' },
    ], totals);
  }
  let imageRow = 3;
  for (const chart of charts.filter((c) => c.key === 'revenue_history' || c.key === 'segments')) {
    placeImage(workbook, sheet, chart.image, { row: imageRow, column: 7 }, 560);
    imageRow += Math.ceil(((560 * chart.image.height) / chart.image.width) / 20) + 1;
  }
}
