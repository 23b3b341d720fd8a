/**
 * The Theta method (Assimakopoulos & Nikolopoulos 2000), in the form shown by Hyndman &
 * Billah (2003) to be simple exponential smoothing with drift, as R `forecast::thetaf`:
 * - seasonal series (m > 1, n ≥ 2m, |r_m| significant at 90% against
 *   √((1 + 2Σ_{k<m} r_k²)/n)) of positive data are divided by classical multiplicative
 *   seasonal indices first;
 * - ŷ_{n+h} = SES forecast + (b/2)·(h − 1 + (1 − (1 − α)^n)/α), b the least-squares slope;
 * - intervals are those of SES, i.e. ETS(A,N,N) (HKOS Table 6.1), shifted by the drift
 *   term and reseasonalised.
 */
import { forecastEtsFit, fitEtsModel } from './ets';
import { seasonalIndices } from './etsInit';
import { assertForecastInput, ForecastResult } from './result';
import { drift } from './benchmarks';

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

/** The 90% seasonality test of R `thetaf` (and of the M4 benchmarks). */
export function isSeasonal(y: readonly number[], m: number): boolean {
  if (m < 2 || y.length < 2 * m) return false;
  let sum = 0;
  for (let k = 1; k < m; k++) sum += autocorrelation(y, k) ** 2;
  const limit = 1.6448536269514722 * Math.sqrt((1 + 2 * sum) / y.length);
  return Math.abs(autocorrelation(y, m)) > limit;
}

export function theta(y: readonly number[], h: number, m = 1): ForecastResult {
  assertForecastInput('theta', y, h, m);
  const n = y.length;
  if (n < 8 || y.every((v) => v === y[0])) {
    return { ...drift(y, h), notes: [`theta: ${n < 8 ? 'fewer than 8 observations' : 'constant series'}; used drift`] };
  }
  const seasonal = isSeasonal(y, m) && y.every((v) => v > 0);
  const index = seasonal ? seasonalIndices(y, m, 'M') : [];
  const factor = (t: number) => (seasonal ? index[t % m] : 1);
  const adjusted = y.map((v, t) => v / factor(t));
  const ses = forecastEtsFit(fitEtsModel(adjusted, { error: 'A', trend: 'N', season: 'N' }), h);
  const tMean = (n - 1) / 2;
  const aMean = adjusted.reduce((a, b) => a + b, 0) / n;
  let sxy = 0;
  let sxx = 0;
  adjusted.forEach((v, t) => {
    sxy += (t - tMean) * (v - aMean);
    sxx += (t - tMean) ** 2;
  });
  const halfSlope = sxy / sxx / 2;
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
    params: { alpha, drift: 2 * halfSlope, seasonal: seasonal ? 1 : 0, sigma2: ses.params.sigma2 },
  };
}
