/**
 * Benchmark forecasters: seasonal naive (the baseline every model must beat), naive and
 * random walk with drift. Point forecasts and interval variances follow Hyndman &
 * Athanasopoulos, Forecasting: Principles and Practice (3rd ed.), §5.2 and Table 5.2,
 * as in R `forecast::snaive`, `naive`, `rwf(drift = TRUE)`; σ is the root mean square of
 * the in-sample one-step residuals.
 */
import { assertForecastInput, ForecastResult, normalIntervals, rootMeanSquare } from './result';

/**
 * σ from the one-step residuals. Without any (a single observation) the width is unknown, not
 * zero: the intervals are NaN (stored as NULL, refused by the CLI) and a note says why.
 */
function benchmarkResult(
  model: string,
  y: readonly number[],
  mean: number[],
  fitted: number[],
  varianceFactor: (h: number) => number,
  params: Record<string, number>,
): ForecastResult {
  const residuals = y.map((v, i) => v - fitted[i]);
  const estimable = residuals.some(Number.isFinite);
  const sigma = estimable ? rootMeanSquare(residuals) : Number.NaN;
  const sd = mean.map((_, i) => sigma * Math.sqrt(varianceFactor(i + 1)));
  const notes = estimable ? undefined : [`${model}: no residual to estimate the interval width from (${y.length} observation); intervals left out`];
  return { model, mean, ...normalIntervals(mean, sd), fitted, params: { ...params, sigma }, ...(notes ? { notes } : {}) };
}

/**
 * Seasonal naive: ŷ_{T+h} = y_{T+h−m(k+1)} with k = ⌊(h−1)/m⌋, variance σ²(k+1).
 * A series shorter than one season falls back to naive, with a note.
 * @example seasonalNaive([1, 2, 3, 4, 5, 6], 3, 3).mean // [4, 5, 6]
 */
export function seasonalNaive(y: readonly number[], h: number, m: number): ForecastResult {
  assertForecastInput('seasonalNaive', y, h, m);
  if (m === 1) return naive(y, h);
  const n = y.length;
  if (n < m) {
    const fallback = naive(y, h);
    return { ...fallback, notes: [`seasonalNaive: ${n} observations are fewer than one season (${m}); used naive`, ...(fallback.notes ?? [])] };
  }
  const mean = Array.from({ length: h }, (_, i) => y[n - m + (i % m)]);
  const fitted = y.map((_, t) => (t >= m ? y[t - m] : Number.NaN));
  return benchmarkResult('snaive', y, mean, fitted, (step) => Math.floor((step - 1) / m) + 1, { m });
}

/** Naive (random walk): ŷ_{T+h} = y_T, variance σ²h. */
export function naive(y: readonly number[], h: number): ForecastResult {
  assertForecastInput('naive', y, h);
  const last = y[y.length - 1];
  const mean = new Array<number>(h).fill(last);
  const fitted = y.map((_, t) => (t >= 1 ? y[t - 1] : Number.NaN));
  return benchmarkResult('naive', y, mean, fitted, (step) => step, {});
}

/**
 * Random walk with drift: ŷ_{T+h} = y_T + h(y_T − y_1)/(T−1), variance σ²h(1 + h/T)
 * (FPP3 Table 5.2). One observation has no drift to estimate and falls back to naive.
 */
export function drift(y: readonly number[], h: number): ForecastResult {
  assertForecastInput('drift', y, h);
  const n = y.length;
  if (n < 2) {
    const fallback = naive(y, h);
    return { ...fallback, notes: ['drift: one observation, no drift to estimate; used naive', ...(fallback.notes ?? [])] };
  }
  const slope = (y[n - 1] - y[0]) / (n - 1);
  const mean = Array.from({ length: h }, (_, i) => y[n - 1] + (i + 1) * slope);
  const fitted = y.map((_, t) => (t >= 1 ? y[t - 1] + slope : Number.NaN));
  return benchmarkResult('drift', y, mean, fitted, (step) => step * (1 + step / n), { drift: slope });
}
