/**
 * Forecast stage: weekly and monthly revenue series of the run (total, per channel, per
 * customer group; series.ts), cut at the last complete period before
 * the as-of day (the week or month to date is stored on the series row, not modelled) and
 * after the data's first day (a first period the data cover only in part is left out).
 * Each series long enough gets the automatic choice — rolling-origin backtest of the
 * default candidates, the best model refitted (analytics/forecast/autoForecast.ts) — with
 * Chinese holiday regressors for the regression. Settings: the config's `forecast` section
 * (config/forecast.ts). Writes the run's series, scores, points and track record.
 */
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { autoForecast, type AutoForecast } from '../../analytics/forecast/autoForecast';
import { holidayTable } from '../../analytics/forecast/holidays';
import { completeSeries, firstCompletePeriod, lastCompletePeriod } from '../../analytics/forecast/periodSeries';
import type { ForecastStageResult, TotalSeriesAccuracy } from '../../contract/results';
import { STEPS, type StageInput } from '../../contract/stages';
import { CopyWriter } from '../../infra/copy';
import { defineStage } from '../stage';
import { forecastSeriesRows, POINT_COLUMNS, SCORE_COLUMNS, SERIES_COLUMNS, type ForecastSeriesRows } from './rows';
import { firstOrderDay, loadPeriodTotals } from './series';
import { scoreEarlierForecasts } from './trackRecord';

/** The chosen model's and seasonal naive's backtest MASE on a total series. */
function totalAccuracy(forecast: AutoForecast): TotalSeriesAccuracy {
  const score = (name: string) => forecast.backtest.scores.find((s) => s.name === name)?.mase;
  const orNull = (v: number | undefined) => (v !== undefined && Number.isFinite(v) ? v : null);
  return { chosen: forecast.backtest.chosen, mase: orNull(score(forecast.backtest.chosen)), snaiveMase: orNull(score('snaive')) };
}

export const forecastStage = defineStage<StageInput, Omit<ForecastStageResult, 'ms'>>({
  step: () => STEPS.forecast,
  async run({ context: { runId, asOf, timeZone, cutoff, config: { forecast: settings } }, client, db, progress }) {
    const all = await loadPeriodTotals(db, runId, cutoff, timeZone);
    const dataStart = await firstOrderDay(db, runId, cutoff, timeZone);
    const rows: ForecastSeriesRows[] = [];
    const models: Record<string, number> = {};
    const totals: ForecastStageResult['total'] = {};
    let forecast = 0;
    for (const [index, entry] of all.entries()) {
      const { horizon, season } = entry.frequency === 'week' ? settings.weekly : settings.monthly;
      const first = dataStart === null ? undefined : firstCompletePeriod(dataStart, entry.frequency);
      const complete = completeSeries(entry.totals, lastCompletePeriod(asOf, entry.frequency), first);
      if (!complete) continue; // sales only in the incomplete period: nothing to model yet
      const n = complete.series.values.length;
      const notes: string[] = [];
      let auto: AutoForecast | undefined;
      if (n < settings.minPeriods) {
        notes.push(`${n} complete period(s), fewer than the ${settings.minPeriods} needed to forecast`);
      } else {
        const regressors = settings.holidays ? holidayTable(complete.series, horizon) : undefined;
        auto = autoForecast(complete.series.values, { h: horizon, m: season, origins: settings.origins, regressors, seed: settings.seed });
        forecast++;
        models[auto.backtest.chosen] = (models[auto.backtest.chosen] ?? 0) + 1;
        if (entry.dimension === 'total') totals[entry.frequency] = totalAccuracy(auto);
      }
      rows.push(forecastSeriesRows({ ...entry, runId, season, horizon, complete, auto, notes }));
      progress({ series: all.length, done: index + 1 });
      await yieldToEventLoop(); // lets the heartbeat timer fire between CPU-bound series
    }
    const seriesWriter = new CopyWriter(client, 'forecast_series', SERIES_COLUMNS);
    const scoreWriter = new CopyWriter(client, 'forecast_scores', SCORE_COLUMNS);
    const pointWriter = new CopyWriter(client, 'forecast_points', POINT_COLUMNS);
    for (const r of rows) {
      await seriesWriter.write(r.series);
      for (const s of r.scores) await scoreWriter.write(s);
      for (const p of r.points) await pointWriter.write(p);
    }
    for (const writer of [seriesWriter, scoreWriter, pointWriter]) await writer.flush();
    const trackRecord = await scoreEarlierForecasts(client, runId);
    return { series: rows.length, forecast, models, total: totals, trackRecord };
  },
  rows: (result) => result.series,
});
