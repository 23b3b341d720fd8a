/** The forecast stage's series, points, scores and track record: the forecast section of the report model. */

export interface ForecastSeries {
  seriesId: string;
  frequency: string;
  /** revenue, orders or active_customers. */
  measure: string;
  dimension: string;
  member: string;
  periods: number;
  lastPeriod: string;
  /** Picked candidate and its fitted model; null when the series was too short to forecast. */
  chosen: string | null;
  model: string | null;
  /** Why this forecast (the pooled candidates and their backtest MASE against seasonal naive's). */
  reason: string | null;
  backtestOrigins: number;
  notes: string[];
}

export interface ForecastPoint {
  seriesId: string;
  period: string;
  /** YYYY-MM-DD. */
  periodStart: string;
  kind: 'actual' | 'forecast';
  step: number | null;
  value: number;
  lo80: number | null;
  hi80: number | null;
  lo95: number | null;
  hi95: number | null;
  /** Actuals only: the outlier orders left out of `value` (the modelled figure) and what they add to it; null on forecasts. */
  outlierOrders: number | null;
  outlierValue: number | null;
}

export interface ForecastScore {
  seriesId: string;
  candidate: string;
  chosen: boolean;
  mase: number | null;
  smape: number | null;
  bias: number | null;
  coverage80: number | null;
  coverage95: number | null;
}

export interface TrackRecordRow {
  forecastRunId: string;
  seriesId: string;
  period: string;
  step: number;
  forecast: number;
  actual: number;
  error: number;
  inside80: boolean;
  inside95: boolean;
}

export interface ForecastSection {
  series: ForecastSeries[];
  points: ForecastPoint[];
  scores: ForecastScore[];
  trackRecord: TrackRecordRow[];
}
