/**
 * STL: Seasonal-Trend decomposition using Loess (Cleveland, Cleveland, McRae & Terpenning
 * 1990, "STL: A seasonal-trend decomposition procedure based on loess", J. Official
 * Statistics 6(1)), the inner loop of §2 with the defaults of R `stats::stl`:
 *   1. detrend: y − T;
 *   2. cycle-subseries smoothing: each of the m subseries (every m-th value) is smoothed by
 *      loess with n_s neighbours and degree 0, and extended one value at either end → C;
 *   3. low-pass filter of C: moving averages of lengths m, m, 3, then loess (n_l, degree 1) → L;
 *   4. seasonal S = C − L (the middle n values);
 *   5. deseasonalise: y − S;
 *   6. trend T = loess (n_t, degree 1) of y − S.
 * Two inner passes, no robustness iterations (R's `robust = FALSE`, as `forecast::stlf` uses).
 *
 * No maintained npm package implements STL (the registry has loess smoothers only), so it
 * is written here; the tests check it against R's `stl` (AirPassengers, to 1e−4; R's
 * `jump` interpolation off) and against exact properties (components add up, a pure
 * periodic input comes back as the season).
 */

export interface StlOptions {
  /** Seasonal smoothing span n_s (odd, ≥ 7); R `mstl`'s default for one season is 11. */
  seasonalWindow?: number;
  /** Trend span n_t (odd); default the smallest odd ≥ 1.5m / (1 − 1.5/n_s). */
  trendWindow?: number;
  /** Inner loop passes (R: 2 without robustness). */
  passes?: number;
}

export interface StlDecomposition {
  seasonal: number[];
  trend: number[];
  remainder: number[];
}

const nextOdd = (v: number) => {
  const c = Math.ceil(v);
  return c % 2 === 0 ? c + 1 : c;
};

/**
 * Loess fit at position x of the points (i, values[i]), i = 0..n−1, using the q nearest
 * (Cleveland 1979: tricube weights on distance / λ_q, λ_q scaled by q/n when q > n).
 */
function loessAt(values: ArrayLike<number>, n: number, x: number, q: number, degree: 0 | 1): number {
  let lo: number;
  let hi: number;
  if (q >= n) {
    lo = 0;
    hi = n - 1;
  } else {
    lo = Math.max(0, Math.min(n - q, Math.round(x) - Math.floor(q / 2)));
    // Slide the window while the point past its right end is nearer than its left end.
    while (lo > 0 && x - (lo - 1) < lo + q - 1 - x) lo--;
    while (lo + q < n && lo + q - x < x - lo) lo++;
    hi = lo + q - 1;
  }
  let reach = Math.max(x - lo, hi - x);
  if (q > n) reach += Math.floor((q - n) / 2);
  const h = Math.max(reach, 1e-12) * 1.000001;
  let sw = 0;
  let swx = 0;
  let swy = 0;
  let swxx = 0;
  let swxy = 0;
  for (let i = lo; i <= hi; i++) {
    const r = (i > x ? i - x : x - i) / h;
    if (r >= 1) continue;
    const u = 1 - r * r * r;
    const w = u * u * u;
    const v = values[i];
    sw += w;
    swx += w * i;
    swy += w * v;
    swxx += w * i * i;
    swxy += w * i * v;
  }
  if (sw <= 0) return Number.NaN;
  const meanX = swx / sw;
  const meanY = swy / sw;
  if (degree === 0) return meanY;
  const sxx = swxx / sw - meanX * meanX;
  // As R's stlest: a local line only when the weighted spread of positions exceeds 0.001 (n − 1).
  if (!(sxx > 0 && Math.sqrt(sxx) > 0.001 * (n - 1))) return meanY;
  const slope = (swxy / sw - meanX * meanY) / sxx;
  return meanY + slope * (x - meanX);
}

/** Loess smooth of a whole series at its own positions. */
function loessSmooth(values: ArrayLike<number>, q: number, degree: 0 | 1): number[] {
  const n = values.length;
  return Array.from({ length: n }, (_, i) => loessAt(values, n, i, q, degree));
}

/** Moving average of length k (output n − k + 1 values). */
function movingAverage(values: readonly number[], k: number): number[] {
  const out: number[] = [];
  let sum = 0;
  for (let i = 0; i < values.length; i++) {
    sum += values[i];
    if (i >= k) sum -= values[i - k];
    if (i >= k - 1) out.push(sum / k);
  }
  return out;
}

/**
 * Decomposes y (no missing values, at least two full seasons) into seasonal + trend +
 * remainder with season length m.
 * @example stl(Array.from({ length: 48 }, (_, t) => [1, -1, 2, -2][t % 4] + t), 4).seasonal.slice(0, 4) // ≈ [1, −1, 2, −2]
 */
export function stl(y: readonly number[], m: number, options: StlOptions = {}): StlDecomposition {
  const n = y.length;
  if (!Number.isInteger(m) || m < 2) throw new Error(`stl: season length must be an integer ≥ 2, got ${m}`);
  if (n < 2 * m) throw new Error(`stl: needs at least two seasons (${2 * m} observations), has ${n}`);
  const bad = y.findIndex((v) => !Number.isFinite(v));
  if (bad >= 0) throw new Error(`stl: value ${bad} is not a finite number (${y[bad]})`);
  const ns = nextOdd(Math.max(7, options.seasonalWindow ?? 11));
  const nl = nextOdd(m);
  const nt = nextOdd(options.trendWindow ?? (1.5 * m) / (1 - 1.5 / ns));
  const passes = options.passes ?? 2;
  let trend = new Array<number>(n).fill(0);
  let seasonal = new Array<number>(n).fill(0);
  for (let pass = 0; pass < passes; pass++) {
    // Steps 1–2: cycle-subseries of the detrended series, each smoothed and extended by one at both ends.
    const cycle = new Array<number>(n + 2 * m).fill(0);
    for (let j = 0; j < m; j++) {
      const sub: number[] = [];
      for (let t = j; t < n; t += m) sub.push(y[t] - trend[t]);
      const k = sub.length;
      const smooth = [loessAt(sub, k, -1, ns, 0), ...loessSmooth(sub, ns, 0), loessAt(sub, k, k, ns, 0)];
      // Extended subseries value i sits at time j + (i − 1)m; cycle is offset by m.
      smooth.forEach((v, i) => {
        const t = j + i * m;
        if (t < n + 2 * m) cycle[t] = v;
      });
    }
    // Step 3: low-pass filter of the cycle-subseries.
    const low = loessSmooth(movingAverage(movingAverage(movingAverage(cycle, m), m), 3), nl, 1);
    // Step 4: seasonal = the middle n values of C minus the low-pass.
    seasonal = Array.from({ length: n }, (_, t) => cycle[t + m] - low[t]);
    // Steps 5–6: trend of the deseasonalised series.
    trend = loessSmooth(
      y.map((v, t) => v - seasonal[t]),
      nt,
      1,
    );
  }
  return { seasonal, trend, remainder: y.map((v, t) => v - seasonal[t] - trend[t]) };
}
