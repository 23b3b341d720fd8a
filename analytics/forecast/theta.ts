/**
 * The Theta method (Assimakopoulos & Nikolopoulos 2000), in the form shown by Hyndman &
 * Billah (2003) to be simple exponential smoothing with drift, as R `forecast::thetaf`:
 * - seasonal series (m > 1, n ≥ 2m, |r_m| significant at 90% against
 *   √((1 + 2Σ_{k<m} r_k²)/n), or a strong detrended season, see isSeasonal) of positive data
 *   are divided by seasonal factors first. Departure from `thetaf`: the factors are those of
 *   STL on log y (stl.ts; as R `stlm(y, modelfunction = thetaf)` would), not classical
 *   decomposition indices, which cannot follow a season that changes: on the tourism
 *   competition's monthly series Theta's MASE went from 1.751 to 1.540, on M3's from 0.862 to
 *   0.855 (research runs behind `npm run bench:forecast`);
 * - ŷ_{n+h} = SES forecast + (b/2)·(h − 1 + (1 − (1 − α)^n)/α), b the least-squares slope;
 * - intervals are those of SES, i.e. ETS(A,N,N) (HKOS Table 6.1), shifted by the drift
 *   term and reseasonalised.
 */
import type { Forecaster } from './backtest';
import { extendEtsFit, forecastEtsFit, fitEtsModel } from './ets';
import { centredMovingAverage, lineFit } from './etsInit';
import { assertForecastInput, ForecastResult } from './result';
import { drift } from './benchmarks';
import { stl } from './stl';

/** Autocorrelation of y at lag k. */
function autocorrelation(y: readonly number[], k: number): number {
  const n = y.length;
  const mean = y.reduce((a, b) => a + b, 0) / n;
  let num = 0;
  let den = 0;
  for (let t = 0; t < n; t++) {
    den += (y[t] - mean) ** 2;
    if (t >= k) num += (y[t] - mean) * (y[t - k] - mean);
  }
  return den > 0 ? num / den : 0;
}

/** The 90% lag-m autocorrelation test of R `thetaf` (and of the M4 benchmarks). */
export function seasonalAutocorrelation(y: readonly number[], m: number): boolean {
  let sum = 0;
  for (let k = 1; k < m; k++) sum += autocorrelation(y, k) ** 2;
  const limit = 1.6448536269514722 * Math.sqrt((1 + 2 * sum) / y.length);
  return Math.abs(autocorrelation(y, m)) > limit;
}

/**
 * Strength of seasonality F_S = max(0, 1 − Var(R)/Var(S + R)) (Wang, Smith & Hyndman 2006;
 * FPP3 §4.3) of the series detrended by its 2×m centred moving average (classical
 * decomposition, on the log scale for positive data): S is the mean of the detrended values
 * at each season position, R what is left. Near 1 when one calendar pattern repeats.
 */
export function seasonalStrength(y: readonly number[], m: number): number {
  if (m < 2 || y.length < 2 * m + 1) return 0;
  const scaled = y.every((v) => v > 0) ? y.map(Math.log) : [...y];
  const trend = centredMovingAverage(scaled, m);
  const sums = new Array<number>(m).fill(0);
  const counts = new Array<number>(m).fill(0);
  const detrended: [number, number][] = [];
  scaled.forEach((v, t) => {
    if (!Number.isFinite(trend[t])) return;
    detrended.push([t % m, v - trend[t]]);
    sums[t % m] += v - trend[t];
    counts[t % m]++;
  });
  const season = sums.map((s, j) => (counts[j] > 0 ? s / counts[j] : 0));
  const variance = (values: number[]) => {
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    return values.reduce((a, v) => a + (v - mean) ** 2, 0) / values.length;
  };
  const total = variance(detrended.map(([, d]) => d));
  if (!(total > 0)) return 0;
  return Math.max(0, 1 - variance(detrended.map(([j, d]) => d - season[j])) / total);
}

/**
 * Whether Theta deseasonalises: the 90% autocorrelation test of R `thetaf`, or — because
 * that test misses one dominant yearly peak on a three-year series — a strong seasonal
 * pattern in the detrended series (seasonalStrength ≥ STRONG_SEASON).
 */
export function isSeasonal(y: readonly number[], m: number): boolean {
  if (m < 2 || y.length < 2 * m) return false;
  return seasonalAutocorrelation(y, m) || seasonalStrength(y, m) >= STRONG_SEASON;
}

/** Seasonal strength from which a series counts as seasonal (see isSeasonal). */
export const STRONG_SEASON = 0.64;

/**
 * Estimates on `train` (whether to deseasonalise, SES's α and starting level) and returns a
 * forecaster that, given a longer history, recomputes the seasonal factors and the drift
 * and runs the same SES over it without re-estimation (backtest.ts). `seasonal` overrides
 * the seasonality test (isSeasonal) when given.
 */
export function thetaForecaster(train: readonly number[], m = 1, seasonal?: boolean): Forecaster {
  const deseasonalise = (seasonal ?? isSeasonal(train, m)) && m > 1 && train.length >= 2 * m && train.every((v) => v > 0);
  const prepare = (y: readonly number[]) => {
    const n = y.length;
    const use = deseasonalise && y.every((v) => v > 0);
    // Seasonal factors from STL of log y; past n they repeat the last season.
    const logSeason = use ? stl(y.map(Math.log), m).seasonal : [];
    const factor = (t: number) => (use ? Math.exp(logSeason[t < n ? t : n - m + ((t - n) % m)]) : 1);
    return { factor, adjusted: y.map((v, t) => v / factor(t)) };
  };
  const degenerate = train.length < 8 || train.every((v) => v === train[0]);
  const sesFit = degenerate ? undefined : fitEtsModel(prepare(train).adjusted, { error: 'A', trend: 'N', season: 'N' });
  return (y, h) => {
    assertForecastInput('theta', y, h, m);
    const n = y.length;
    if (!sesFit || y.every((v) => v === y[0])) {
      return { ...drift(y, h), notes: [`theta: ${n < 8 ? 'fewer than 8 observations' : 'constant series'}; used drift`] };
    }
    const { factor, adjusted } = prepare(y);
    const ses = forecastEtsFit(extendEtsFit(sesFit, adjusted), h);
    const halfSlope = lineFit(adjusted.map((_, t) => t), adjusted).slope / 2;
    const alpha = Math.max(1e-10, ses.params.alpha);
    const shift = (k: number) => halfSlope * (k + (1 - (1 - alpha) ** n) / alpha);
    const out = (values: number[]) => values.map((v, k) => (v + shift(k)) * factor(n + k));
    return {
      model: 'theta',
      mean: out(ses.mean),
      lo80: out(ses.lo80),
      hi80: out(ses.hi80),
      lo95: out(ses.lo95),
      hi95: out(ses.hi95),
      fitted: ses.fitted.map((v, t) => v * factor(t)),
      params: { alpha, drift: 2 * halfSlope, seasonal: deseasonalise ? 1 : 0, sigma2: ses.params.sigma2 },
    };
  };
}

/** Theta forecast of y, h steps ahead (`seasonal` overrides the seasonality test). */
export function theta(y: readonly number[], h: number, m = 1, seasonal?: boolean): ForecastResult {
  return thetaForecaster(y, m, seasonal)(y, h);
}
