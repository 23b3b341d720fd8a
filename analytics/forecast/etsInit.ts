/**
 * Starting states for ETS, following R `forecast:::initstate` (etsfit.R): seasonal
 * indices from a classical decomposition (R `decompose`) when there are at least three
 * seasons, else from a trend + first-harmonic regression; level and trend from a straight
 * line fitted to the first max(10, 2m) seasonally adjusted values.
 *
 * Unlike R, the optimiser later refines ℓ₀ and b₀ but keeps these seasonal indices (see
 * ets.ts), which is what makes long seasons and 1,000-series runs cheap.
 */
import type { EtsState, SeasonType, TrendType } from './etsModel';

/** Least-squares line through (x_i, v_i). */
export function lineFit(x: readonly number[], v: readonly number[]): { intercept: number; slope: number } {
  const n = x.length;
  const mx = x.reduce((a, b) => a + b, 0) / n;
  const mv = v.reduce((a, b) => a + b, 0) / n;
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < n; i++) {
    sxy += (x[i] - mx) * (v[i] - mv);
    sxx += (x[i] - mx) ** 2;
  }
  const slope = sxx > 0 ? sxy / sxx : 0;
  return { intercept: mv - slope * mx, slope };
}

/** Centred moving average of order m (2×m when m is even), NaN at the ends (R `decompose`). */
export function centredMovingAverage(y: readonly number[], m: number): number[] {
  const n = y.length;
  const half = Math.floor(m / 2);
  const out = new Array<number>(n).fill(Number.NaN);
  for (let t = half; t < n - half; t++) {
    let sum = 0;
    if (m % 2 === 1) {
      for (let k = -half; k <= half; k++) sum += y[t + k];
      out[t] = sum / m;
    } else {
      for (let k = -half + 1; k < half; k++) sum += y[t + k];
      out[t] = (sum + 0.5 * (y[t - half] + y[t + half])) / m;
    }
  }
  return out;
}

/**
 * Seasonal index per position 0..m−1 (position of the first observation is 0), summing to
 * 0 (additive) or averaging 1 (multiplicative). Also used to deseasonalise for Theta.
 */
export function seasonalIndices(y: readonly number[], m: number, season: 'A' | 'M'): number[] {
  const n = y.length;
  const multiplicative = season === 'M';
  let detrended: number[];
  if (n >= 3 * m) {
    const trend = centredMovingAverage(y, m);
    detrended = y.map((v, t) => (multiplicative ? v / trend[t] : v - trend[t]));
  } else {
    // Below three seasons R removes a regression trend (fitted with one Fourier pair); a line here.
    const t = y.map((_, i) => i + 1);
    const { intercept, slope } = lineFit(t, y);
    detrended = y.map((v, i) => (multiplicative ? v / (intercept + slope * t[i]) : v - intercept - slope * t[i]));
  }
  const sums = new Array<number>(m).fill(0);
  const counts = new Array<number>(m).fill(0);
  detrended.forEach((v, t) => {
    if (Number.isFinite(v)) {
      sums[t % m] += v;
      counts[t % m]++;
    }
  });
  const raw = sums.map((s, j) => (counts[j] > 0 ? s / counts[j] : multiplicative ? 1 : 0));
  const centre = raw.reduce((a, b) => a + b, 0) / m;
  if (!multiplicative) return raw.map((v) => v - centre);
  // Multiplicative indices: positive and averaging one (R floors them at 0.01).
  const floored = raw.map((v) => Math.max(v / centre, 1e-2));
  const mean = floored.reduce((a, b) => a + b, 0) / m;
  return floored.map((v) => v / mean);
}

/** Initial ℓ₀, b₀ and seasonal indices for the given components. */
export function initialEtsState(y: readonly number[], m: number, trend: TrendType, season: SeasonType): EtsState {
  const seasonal = season === 'N' ? [] : seasonalIndices(y, m, season);
  const adjusted = y.map((v, t) =>
    season === 'A' ? v - seasonal[t % m] : season === 'M' ? v / seasonal[t % m] : v,
  );
  const count = Math.min(Math.max(10, 2 * (season === 'N' ? 1 : m)), y.length);
  const head = adjusted.slice(0, count);
  if (trend === 'N') {
    return { level: head.reduce((a, b) => a + b, 0) / count, trend: 0, season: seasonal };
  }
  const { intercept, slope } = lineFit(
    head.map((_, i) => i + 1),
    head,
  );
  // R perturbs ℓ₀ + b₀ away from 0 so that multiplicative errors stay defined.
  const nudge = Math.abs(intercept + slope) < 1e-8 ? 1 + 1e-3 : 1;
  return { level: intercept * nudge, trend: slope * nudge, season: seasonal };
}
