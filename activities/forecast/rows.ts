/**
 * The stored rows of one forecast series, in the column order of the forecast tables
 * (sql/migrations/20261127_004_forecast.ts): its `forecast_series` row, every candidate's
 * `forecast_scores` and its `forecast_points` — the complete periods' actuals (modelled, with
 * what the outlier orders left out add) with the chosen model's one-step fits, then the
 * forecasts with their 80%/95% intervals.
 */
import type { SeriesChoice } from './forecastTask';
import { CUSTOMER_BASED_CANDIDATE } from '../../analytics/forecast/customerBased';
import type { CustomerBacktest } from '../../analytics/forecast/customerBacktest';
import { periodAt } from '../../analytics/forecast/gaps';
import type { CompleteSeries } from '../../analytics/forecast/periodSeries';
import { formatDay, formatPeriod, periodDays } from '../../analytics/calendar';
import type { CopyValue } from '../../infra/copy';
import type { LeftOut, SeriesKey } from './series';

export const SERIES_COLUMNS = ['run_id', 'series_id', 'frequency', 'dimension', 'member', 'season', 'horizon', 'periods', 'first_period', 'last_period',
  'partial_period', 'partial_value', 'chosen', 'model', 'backtest_origins', 'backtest_horizon', 'combination_members', 'notes', 'reason', 'measure',
  'partial_outlier_orders', 'partial_outlier_value'] as const;
export const SCORE_COLUMNS = ['run_id', 'series_id', 'candidate', 'chosen', 'evaluated', 'mase', 'smape', 'mape', 'bias', 'mae', 'coverage80', 'coverage95'] as const;
export const POINT_COLUMNS = ['run_id', 'series_id', 'period', 'period_start', 'kind', 'step', 'value', 'fitted', 'lo80', 'hi80', 'lo95', 'hi95',
  'outlier_orders', 'outlier_value'] as const;

export interface ForecastSeriesInput extends SeriesKey {
  runId: string;
  seriesId: string;
  season: number;
  horizon: number;
  complete: CompleteSeries;
  /** Per period start, what the outlier orders left out of the series add (series.ts). */
  outliers: ReadonlyMap<string, LeftOut>;
  /** Undefined when the series was too short to forecast (`notes` says so). */
  auto?: SeriesChoice;
  notes: string[];
}

export interface ForecastSeriesRows {
  series: CopyValue[];
  scores: CopyValue[][];
  points: CopyValue[][];
}

/** A finite number, else NULL (NaN MASE of a flat series, an unbounded interval). */
function finite(value: number | undefined): number | null {
  return value !== undefined && Number.isFinite(value) ? value : null;
}

/** The customer-based forecast's backtest (analytics/forecast/customerBacktest.ts) as a `forecast_scores` row beside the series' candidates; never chosen. */
export function customerBasedScoreRow(runId: string, seriesId: string, s: CustomerBacktest): CopyValue[] {
  return [runId, seriesId, CUSTOMER_BASED_CANDIDATE, false, s.evaluated, finite(s.mase), finite(s.smape), finite(s.mape), finite(s.bias), finite(s.mae), finite(s.coverage80), finite(s.coverage95)];
}

export function forecastSeriesRows(input: ForecastSeriesInput): ForecastSeriesRows {
  const { runId, seriesId, complete: { series, partial }, auto } = input;
  const n = series.values.length;
  const labelAt = (k: number) => formatPeriod(periodAt(series, k));
  const startAt = (k: number) => formatDay(periodDays(periodAt(series, k)).start);
  const forecast = auto?.forecast;
  const leftOut = (k: number): [number, number] => {
    const o = input.outliers.get(startAt(k));
    return [o?.orders ?? 0, o?.value ?? 0];
  };
  const seriesRow: CopyValue[] = [runId, seriesId, input.frequency, input.dimension, input.member, input.season, input.horizon, n, labelAt(0), labelAt(n - 1),
    partial?.period ?? null, partial?.value ?? null, auto?.chosen ?? null, forecast?.model ?? null,
    auto?.backtest.origins.length ?? 0, auto?.backtest.horizon ?? 0, JSON.stringify(auto?.members ?? []),
    JSON.stringify([...input.notes, ...(auto?.notes ?? []), ...(forecast?.notes ?? [])]), auto?.reason ?? null, input.measure,
    ...(partial ? leftOut(n) : [null, null])];
  const scores = (auto?.backtest.scores ?? []).map((s): CopyValue[] => [runId, seriesId, s.name, s.name === auto?.chosen, s.evaluated,
    finite(s.mase), finite(s.smape), finite(s.mape), finite(s.bias), finite(s.mae), finite(s.coverage80), finite(s.coverage95)]);
  const points: CopyValue[][] = series.values.map((value, k) => [runId, seriesId, labelAt(k), startAt(k), 'actual', null, value, finite(forecast?.fitted[k]), null, null, null, null, ...leftOut(k)]);
  forecast?.mean.forEach((mean, i) => {
    points.push([runId, seriesId, labelAt(n + i), startAt(n + i), 'forecast', i + 1, mean, null,
      finite(forecast.lo80[i]), finite(forecast.hi80[i]), finite(forecast.lo95[i]), finite(forecast.hi95[i]), null, null]);
  });
  return { series: seriesRow, scores, points };
}
