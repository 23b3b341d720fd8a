/**
 * ETS prediction intervals. Linear homoscedastic models (class 1 of HKOS ch. 6: additive
 * error, no multiplicative component) get the exact h-step variance
 *   v_h = σ² [1 + Σ_{j=1}^{h−1} c_j²],  c_j = α + β φ_j + γ d_{j,m}
 * (HKOS Table 6.1; φ_j = φ + … + φ^j, d_{j,m} = 1 when m divides j), as R
 * `forecast:::class1`. Multiplicative-error models (class 3: M,N,M / M,A,M / M,Ad,M) get
 * simulated sample paths (HKOS §6.1; R `simulate.ets`) from a seeded generator, so the
 * same input always yields the same bounds.
 */
import { EtsParams, EtsSpec, EtsState, etsMean, etsStep } from './etsModel';
import { mulberry32, normalSampler } from '../random';
import { ForecastResult, normalIntervals } from './result';

type Bounds = Pick<ForecastResult, 'lo80' | 'hi80' | 'lo95' | 'hi95'>;

/** Class 1 intervals around `mean` (normal, exact variance). */
export function linearEtsIntervals(spec: EtsSpec, p: EtsParams, m: number, sigma2: number, mean: number[]): Bounds {
  const h = mean.length;
  const sd = new Array<number>(h);
  let sumSq = 0;
  let phiSum = 0;
  let phiPower = 1;
  for (let step = 1; step <= h; step++) {
    sd[step - 1] = Math.sqrt(sigma2 * (1 + sumSq));
    // c_j for j = step, used by the next horizon.
    phiPower *= spec.trend === 'Ad' ? p.phi : 1;
    phiSum += phiPower;
    const trendPart = spec.trend === 'N' ? 0 : p.beta * phiSum;
    const seasonPart = spec.season !== 'N' && step % m === 0 ? p.gamma : 0;
    const c = p.alpha + trendPart + seasonPart;
    sumSq += c * c;
  }
  return normalIntervals(mean, sd);
}

/** Type-7 quantile of an ascending-sorted array. */
function sortedQuantile(sorted: Float64Array, prob: number): number {
  const pos = (sorted.length - 1) * prob;
  const lo = Math.floor(pos);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
}

/**
 * One sample path of h values from the state at time n (HKOS §6.1; R `simulate.ets`):
 * each step draws ε ~ N(0, σ²) and y = μ(1 + ε) (multiplicative error) or μ + ε.
 * The state is advanced in place.
 */
export function simulateEts(
  spec: EtsSpec,
  p: EtsParams,
  state: EtsState,
  n: number,
  h: number,
  sigma: number,
  normal: () => number,
): number[] {
  const path = new Array<number>(h);
  for (let k = 0; k < h; k++) {
    const mu = etsMean(spec, p, state, n + k);
    const e = sigma * normal();
    path[k] = spec.error === 'M' ? mu * (1 + e) : mu + e;
    etsStep(spec, p, state, n + k, path[k]);
  }
  return path;
}

/** Simulated intervals: quantiles of `paths` seeded sample paths. */
export function simulatedEtsIntervals(
  spec: EtsSpec,
  p: EtsParams,
  state: EtsState,
  n: number,
  h: number,
  sigma2: number,
  paths: number,
  seed: number,
): Bounds {
  const normal = normalSampler(mulberry32(seed));
  const samples = Array.from({ length: h }, () => new Float64Array(paths));
  for (let path = 0; path < paths; path++) {
    const start: EtsState = { level: state.level, trend: state.trend, season: state.season.slice() };
    simulateEts(spec, p, start, n, h, Math.sqrt(sigma2), normal).forEach((v, k) => {
      samples[k][path] = v;
    });
  }
  const bounds: Bounds = { lo80: [], hi80: [], lo95: [], hi95: [] };
  for (const column of samples) {
    column.sort();
    bounds.lo95.push(sortedQuantile(column, 0.025));
    bounds.lo80.push(sortedQuantile(column, 0.1));
    bounds.hi80.push(sortedQuantile(column, 0.9));
    bounds.hi95.push(sortedQuantile(column, 0.975));
  }
  return bounds;
}
