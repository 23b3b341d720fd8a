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
