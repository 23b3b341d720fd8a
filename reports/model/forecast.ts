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
  /** The period holding the as-of day (not modelled) and what it holds to date; null when the last period is complete. */
  partialPeriod: string | null;
  partialValue: number | null;
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

/**
 * One period of the customer-based forecast (forecast_customer_based): the revenue the value
 * stage's BG/NBD + Gamma-Gamma models expect from the customers known at the as-of day, for
 * all customers (member '') or one customer group. The period holding the as-of day counts
 * its days to come only.
 */
export interface CustomerBasedPoint {
  frequency: string;
  member: string;
  period: string;
  /** YYYY-MM-DD. */
  periodStart: string;
  step: number;
  customers: number;
  expectedPurchases: number;
  spendPerPurchase: number;
  value: number;
  lo80: number;
  hi80: number;
  lo95: number;
  hi95: number;
}

/** The period holding the as-of day of one forecast series: observed to date, the forecast of its days to come, and their sum. */
export interface PeriodToDate {
  seriesId: string;
  period: string;
  observed: number;
  toCome: number;
  forecast: number;
}

export interface ForecastSection {
  series: ForecastSeries[];
  points: ForecastPoint[];
  scores: ForecastScore[];
  trackRecord: TrackRecordRow[];
  customerBased: CustomerBasedPoint[];
}

/**
 * The periods to date of the forecast series: what forecast_series holds to date and the
 * first forecast point (observed + the days to come, analytics/forecast/partialPeriod.ts).
 */
export function periodsToDate(forecast: ForecastSection): PeriodToDate[] {
  return forecast.series.flatMap((s) => {
    const first = forecast.points.find((p) => p.seriesId === s.seriesId && p.kind === 'forecast' && p.step === 1);
    if (s.partialPeriod === null || s.partialValue === null || first?.period !== s.partialPeriod) return [];
    return [{ seriesId: s.seriesId, period: s.partialPeriod, observed: s.partialValue, toCome: first.value - s.partialValue, forecast: first.value }];
  });
}

/** One forecast period of a total revenue series, as the Summary and the PDF state it. */
export interface TotalForecastLine {
  period: string;
  point: ForecastPoint;
  /** Set on the period holding the as-of day. */
  toDate: PeriodToDate | undefined;
  /** The customer-based forecast of all customers for the same period, when there is one. */
  customerBased: CustomerBasedPoint | undefined;
}

/** The first `steps` forecast periods of a total revenue series (`month:total`, `week:total`) beside the customer-based forecast of all customers. */
export function totalForecastLines(forecast: ForecastSection, seriesId: string, steps: number): TotalForecastLine[] {
  const series = forecast.series.find((s) => s.seriesId === seriesId);
  if (!series) return [];
  const toDate = periodsToDate(forecast).find((p) => p.seriesId === seriesId);
  return forecast.points.filter((p) => p.seriesId === seriesId && p.kind === 'forecast').slice(0, steps).map((point) => ({
    period: point.period,
    point,
    toDate: toDate?.period === point.period ? toDate : undefined,
    customerBased: forecast.customerBased.find((c) => c.frequency === series.frequency && c.member === '' && c.period === point.period),
  }));
}
