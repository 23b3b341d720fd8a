/**
 * Interval calibration by the backtest (empirical prediction intervals: Williams & Goodman
 * 1971; Lee & Scholtes 2014). Model intervals assume the model is right; on real data they
 * are often too narrow (ETS and Theta cover about 75 % / 90 % of M3's holdout for nominal
 * 80 % / 95 %). The backtest shows how wide they should have been: for every origin and
 * step, the error's size relative to the interval's half-width on its side. The factor that
 * would have covered 80 % (95 %) of those errors is shrunk half-way toward 1 — a dozen
 * overlapping origins give a noisy quantile — and never goes below 1: a model's own interval
 * is the floor, so calibration only ever widens.
 */
import type { ForecastResult } from './result';

export interface IntervalFactors {
  k80: number;
  k95: number;
}

/** Type-7 quantile of unsorted values (1 when there are none). */
function quantile(values: number[], prob: number): number {
  if (values.length === 0) return 1;
  const sorted = [...values].sort((a, b) => a - b);
  const pos = (sorted.length - 1) * prob;
  const lo = Math.floor(pos);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
}

/**
 * Widening factors from backtest forecasts and the actuals they are scored against (same
 * origin order; each actual array may be shorter than the forecast).
 * @example calibrationFactors([{ mean: [10], lo80: [9], hi80: [11], lo95: [8], hi95: [12], … }], [[13]]) // { k80: 2, k95: 1.25 }
 */
export function calibrationFactors(forecasts: readonly ForecastResult[], actuals: readonly (readonly number[])[]): IntervalFactors {
  const ratios80: number[] = [];
  const ratios95: number[] = [];
  forecasts.forEach((f, o) => {
    actuals[o].forEach((a, i) => {
      const m = f.mean[i];
      const w80 = a >= m ? f.hi80[i] - m : m - f.lo80[i];
      const w95 = a >= m ? f.hi95[i] - m : m - f.lo95[i];
      if (w80 > 0) ratios80.push(Math.abs(a - m) / w80);
      if (w95 > 0) ratios95.push(Math.abs(a - m) / w95);
    });
  });
  const shrink = (q: number) => Math.max(1, 1 + (q - 1) / 2);
  return { k80: shrink(quantile(ratios80, 0.8)), k95: shrink(quantile(ratios95, 0.95)) };
}

/** The forecast with each interval's half-widths (either side of the mean) multiplied by its factor. */
export function widenIntervals(f: ForecastResult, { k80, k95 }: IntervalFactors): ForecastResult {
  if (k80 === 1 && k95 === 1) return f;
  const lower = (bound: number[], k: number) => bound.map((b, i) => f.mean[i] - k * (f.mean[i] - b));
  const upper = (bound: number[], k: number) => bound.map((b, i) => f.mean[i] + k * (b - f.mean[i]));
  const lo80 = lower(f.lo80, k80);
  const hi80 = upper(f.hi80, k80);
  // The 95 % interval stays at least as wide as the widened 80 % one.
  const lo95 = lower(f.lo95, k95).map((v, i) => Math.min(v, lo80[i]));
  const hi95 = upper(f.hi95, k95).map((v, i) => Math.max(v, hi80[i]));
  return { ...f, lo80, hi80, lo95, hi95, params: { ...f.params, intervalFactor80: k80, intervalFactor95: k95 } };
}
