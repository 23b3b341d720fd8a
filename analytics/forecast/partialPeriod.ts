/**
 * The forecast of the period that holds the as-of day (a month or week to date). Models see
 * complete periods only (periodSeries.ts), so their first step forecasts the whole period as
 * if nothing of it were known; part of it is observed. The period's forecast is what is
 * observed to date plus the model's forecast of the rest, the rest being the share of the
 * period that the days after the as-of day held in the same period of earlier seasons (the
 * November of earlier years from the 23rd on, for a November observed to the 22nd). A period
 * never forecast below what it already holds, and a peak that falls in the observed days
 * (11 November) counts at its observed size, not at the model's estimate of it.
 */
import type { ForecastResult } from './result';

/** One earlier period in the same position of the season: its total, and its total over the days up to the as-of's position. */
export interface EarlierPeriod {
  toDate: number;
  total: number;
}

/**
 * The share of a period's total that its first days (as many as are observed now) held in
 * earlier seasons: Σ toDate / Σ total, pooled so a small period weighs little. Undefined
 * when the earlier periods total nothing positive; clamped to [0, 1] (returns can make a
 * to-date figure exceed the period's total).
 * @example shareToDate([{ toDate: 60, total: 100 }, { toDate: 90, total: 200 }]) // 0.5
 */
export function shareToDate(earlier: readonly EarlierPeriod[]): number | undefined {
  const total = earlier.reduce((sum, p) => sum + p.total, 0);
  if (!(total > 0)) return undefined;
  const toDate = earlier.reduce((sum, p) => sum + p.toDate, 0);
  return Math.min(1, Math.max(0, toDate / total));
}

/**
 * The first forecast step replaced by observed + (1 − share) × the model's forecast of the
 * whole period, its bounds likewise (the rest's interval is the whole period's scaled by its
 * share, the share taken as known); later steps unchanged. The model's own figure stays in
 * `notes`.
 * @example completedFirstStep({ model: 'stl', mean: [100, 90], lo80: [80, 70], hi80: [120, 110], lo95: [70, 60], hi95: [130, 120], fitted: [], params: {} }, 70, 0.75, 'observed to 2026-11-22').mean // [95, 90]
 */
export function completedFirstStep(forecast: ForecastResult, observed: number, share: number, observedLabel: string): ForecastResult {
  if (!(share >= 0 && share <= 1)) throw new RangeError(`completedFirstStep: share to date must be in [0, 1], got ${share}`);
  if (forecast.mean.length === 0) return forecast;
  const rest = 1 - share;
  const first = (values: readonly number[]) => [observed + rest * values[0], ...values.slice(1)];
  const note = `first step ${observedLabel}: ${round(observed)} observed + ${(rest * 100).toFixed(1)} % of the model's ${round(forecast.mean[0])} for the days still to come`;
  return {
    ...forecast, mean: first(forecast.mean), lo80: first(forecast.lo80), hi80: first(forecast.hi80), lo95: first(forecast.lo95), hi95: first(forecast.hi95),
    notes: [...(forecast.notes ?? []), note],
  };
}

function round(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(2);
}
