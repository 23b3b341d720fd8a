/**
 * The one result shape every forecaster returns (seasonal naive, ETS, regression,
 * combinations, customer-based), so the backtest, the CLI and the reports never
 * special-case a model. Intervals are 80% and 95% prediction intervals; `fitted` holds
 * one-step-ahead in-sample fits aligned with the input (NaN where a model has none, e.g.
 * the first season of seasonal naive). `notes` says why a model fell back to something
 * simpler or left an input out (never silently).
 */
export interface ForecastResult {
  model: string;
  mean: number[];
  lo80: number[];
  hi80: number[];
  lo95: number[];
  hi95: number[];
  fitted: number[];
  params: Record<string, number>;
  aicc?: number;
  notes?: string[];
}

import { MAX_HORIZON, MAX_SEASON, MAX_SERIES_VALUE } from '../../config/limits';

/** Standard normal quantiles for the central 80% and 95% intervals: Φ⁻¹(0.9), Φ⁻¹(0.975). */
export const Z80 = 1.2815515655446004;
export const Z95 = 1.959963984540054;

/**
 * Standard normal quantile Φ⁻¹(p) for 0 < p < 1 (P. J. Acklam's rational approximation,
 * relative error below 1.15e−9).
 * @example normalQuantile(0.975) // 1.959963984540054 (to 1e−9)
 */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) throw new RangeError(`normalQuantile: p must be in (0, 1), got ${p}`);
  const a = [-39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239];
  const b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
  const c = [-0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const low = 0.02425;
  if (p < low || p > 1 - low) {
    const q = Math.sqrt(-2 * Math.log(p < low ? p : 1 - p));
    const x = (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
    return p < low ? x : -x;
  }
  const q = p - 0.5;
  const r = q * q;
  return ((((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q) / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
}

/**
 * Student-t quantile with `df` degrees of freedom at the probability whose standard normal
 * quantile is z (Cornish–Fisher expansion, Abramowitz & Stegun 26.7.5; error < 1e−3 for
 * df ≥ 3). Used for regression intervals, where σ is estimated from n − p residuals.
 */
export function studentQuantile(z: number, df: number): number {
  if (!(df > 0)) return Number.POSITIVE_INFINITY;
  const z2 = z * z;
  const g1 = (z2 + 1) * z / 4;
  const g2 = ((5 * z2 + 16) * z2 + 3) * z / 96;
  const g3 = (((3 * z2 + 19) * z2 + 17) * z2 - 15) * z / 384;
  const g4 = ((((79 * z2 + 776) * z2 + 1482) * z2 - 1920) * z2 - 945) * z / 92160;
  return z + g1 / df + g2 / df ** 2 + g3 / df ** 3 + g4 / df ** 4;
}

/** Interval bounds for the four quantiles from a mean and a per-step standard deviation. */
export function normalIntervals(
  mean: number[],
  sd: number[],
  z80 = Z80,
  z95 = Z95,
): Pick<ForecastResult, 'lo80' | 'hi80' | 'lo95' | 'hi95'> {
  return {
    lo80: mean.map((m, i) => m - z80 * sd[i]),
    hi80: mean.map((m, i) => m + z80 * sd[i]),
    lo95: mean.map((m, i) => m - z95 * sd[i]),
    hi95: mean.map((m, i) => m + z95 * sd[i]),
  };
}

/**
 * Guard shared by the forecasters: finite values within ±MAX_SERIES_VALUE (beyond it squared
 * errors overflow and intervals come out infinite), a horizon and a season within their limits
 * (config/limits.ts).
 */
export function assertForecastInput(fn: string, y: readonly number[], h: number, m = 1): void {
  if (y.length === 0) throw new Error(`${fn}: the series is empty`);
  const bad = y.findIndex((v) => !Number.isFinite(v) || Math.abs(v) > MAX_SERIES_VALUE);
  if (bad >= 0) throw new RangeError(`${fn}: value ${bad} (${y[bad]}) is not a finite number within ±${MAX_SERIES_VALUE}; rescale the series (thousands, millions)`);
  if (!Number.isInteger(h) || h < 1 || h > MAX_HORIZON.day) throw new RangeError(`${fn}: horizon must be an integer 1–${MAX_HORIZON.day}, got ${h}`);
  if (!Number.isInteger(m) || m < 1 || m > MAX_SEASON) throw new RangeError(`${fn}: season length must be an integer 1–${MAX_SEASON}, got ${m}`);
}

/**
 * The forecast of a measure that cannot be negative (revenue without the negative outlier
 * orders, order and customer counts): the mean and every bound truncated at zero, with a note
 * when anything was below it. Truncation keeps each interval's coverage of a non-negative
 * outcome (none falls below zero) and reports a zero floor instead of an impossible figure.
 * @example truncatedAtZero({ model: 'ets', mean: [3], lo80: [-1], hi80: [7], lo95: [-4], hi95: [9], fitted: [], params: {} }).lo80 // [0]
 */
export function truncatedAtZero(result: ForecastResult): ForecastResult {
  const floor = (values: readonly number[]) => values.map((v) => (v < 0 ? 0 : v));
  const below = [result.mean, result.lo80, result.lo95].reduce((count, values) => count + values.filter((v) => v < 0).length, 0);
  if (below === 0) return result;
  return {
    ...result, mean: floor(result.mean), lo80: floor(result.lo80), hi80: floor(result.hi80), lo95: floor(result.lo95), hi95: floor(result.hi95),
    notes: [...(result.notes ?? []), `${below} forecast value(s) or lower bound(s) below zero truncated at zero: the measure cannot be negative`],
  };
}

/** Root mean square of the finite entries (NaN-free residual scale); 0 when there are none (a caller that needs a scale checks for residuals). */
export function rootMeanSquare(values: readonly number[]): number {
  let sum = 0;
  let count = 0;
  for (const v of values) {
    if (Number.isFinite(v)) {
      sum += v * v;
      count++;
    }
  }
  return count === 0 ? 0 : Math.sqrt(sum / count);
}
