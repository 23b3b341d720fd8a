/**
 * The ETS state space model of Hyndman, Koehler, Ord & Snyder (2008), "Forecasting with
 * Exponential Smoothing: The State Space Approach" (HKOS), Tables 2.2–2.3, written as
 * R `forecast::ets` does in its C core (`etscalc`, `update`, `forecast` in etscalc.c):
 * the state update is the same for additive and multiplicative errors; the error type
 * only changes the one-step error and the likelihood.
 *
 * Seasonal states live in a circular buffer in chronological order: `season[t % m]` is
 * the index that applies to observation t (0-based), and is replaced by s_t once y_t is seen.
 */
export type ErrorType = 'A' | 'M';
export type TrendType = 'N' | 'A' | 'Ad';
export type SeasonType = 'N' | 'A' | 'M';

export interface EtsSpec {
  error: ErrorType;
  trend: TrendType;
  season: SeasonType;
}

/** Smoothing parameters; β, γ are 0 and φ is 1 where the component is absent. */
export interface EtsParams {
  alpha: number;
  beta: number;
  gamma: number;
  phi: number;
}

/** ℓ, b and the m seasonal indices (chronological, see file comment). */
export interface EtsState {
  level: number;
  trend: number;
  season: number[];
}

export interface EtsFilterResult {
  /** −2 log L with σ² concentrated out (HKOS eq. 5.3, full constants). */
  minus2LogLik: number;
  /** Innovations ε_t: y − μ (additive error) or (y − μ)/μ (multiplicative error). */
  errors: number[];
  fitted: number[];
  /** State after the last observation, ready for forecasting from time n. */
  final: EtsState;
}

/** R-style name, e.g. `ETS(M,Ad,M)`. */
export function etsName(spec: EtsSpec): string {
  return `ETS(${spec.error},${spec.trend},${spec.season})`;
}

/** φb (b undamped, 0 without trend). */
function dampedTrend(spec: EtsSpec, p: EtsParams, b: number): number {
  return spec.trend === 'N' ? 0 : spec.trend === 'Ad' ? p.phi * b : b;
}

/** Level-plus-trend q combined with the seasonal index s (added, multiplied or ignored). */
function combine(spec: EtsSpec, q: number, s: number): number {
  return spec.season === 'A' ? q + s : spec.season === 'M' ? q * s : q;
}

/** The one-step forecast μ_t = (ℓ + φb) ∘ s from the state at time t, without updating it. */
export function etsMean(spec: EtsSpec, p: EtsParams, state: EtsState, t: number): number {
  const m = state.season.length;
  return combine(spec, state.level + dampedTrend(spec, p, state.trend), m > 0 ? state.season[t % m] : 0);
}

/**
 * One step of the recursions at time t (R `forecast` + `update` in etscalc.c): returns the
 * one-step forecast μ_t = (ℓ + φb) ∘ s and moves `state` to time t + 1 given y_t. In the
 * error-correction form ℓ_t = q + α(y_t ⊘ s − q), b_t = φb + (β/α)(ℓ_t − ℓ − φb),
 * s_t = s + γ(y_t ⊘ q − s) with q = ℓ + φb, which is HKOS Table 2.3 for either error type.
 */
export function etsStep(spec: EtsSpec, p: EtsParams, state: EtsState, t: number, yt: number): number {
  const { season } = state;
  const m = season.length;
  const l = state.level;
  const phib = dampedTrend(spec, p, state.trend);
  const q = l + phib;
  const j = m > 0 ? t % m : 0;
  const st = m > 0 ? season[j] : 0;
  const mu = combine(spec, q, st);
  const adjusted = spec.season === 'A' ? yt - st : spec.season === 'M' ? yt / st : yt;
  const level = q + p.alpha * (adjusted - q);
  if (spec.trend !== 'N') state.trend = phib + (p.beta / p.alpha) * (level - l - phib);
  if (spec.season !== 'N') season[j] = st + p.gamma * ((spec.season === 'A' ? yt - q : yt / q) - st);
  state.level = level;
  return mu;
}

/**
 * Runs the model through y from `init` (R `etscalc`). Returns `minus2LogLik = Infinity`
 * when a one-step forecast is not finite, or not positive under multiplicative error.
 * Pass `keep = false` while optimising to skip the fitted/errors arrays.
 */
export function etsFilter(
  y: readonly number[],
  spec: EtsSpec,
  p: EtsParams,
  init: EtsState,
  keep = true,
): EtsFilterResult {
  const n = y.length;
  const state: EtsState = { level: init.level, trend: init.trend, season: init.season.slice() };
  let sse = 0;
  let sumLogMu = 0;
  const errors: number[] = keep ? new Array<number>(n) : [];
  const fitted: number[] = keep ? new Array<number>(n) : [];
  for (let t = 0; t < n; t++) {
    const yt = y[t];
    const mu = etsStep(spec, p, state, t, yt);
    if (!Number.isFinite(mu) || (spec.error === 'M' && mu <= 0)) {
      return { minus2LogLik: Number.POSITIVE_INFINITY, errors, fitted, final: state };
    }
    const e = spec.error === 'A' ? yt - mu : (yt - mu) / mu;
    sse += e * e;
    if (spec.error === 'M') sumLogMu += Math.log(mu);
    if (keep) {
      errors[t] = e;
      fitted[t] = mu;
    }
  }
  // A perfect fit (noiseless input) keeps a finite likelihood: σ² is floored, not 0.
  const sigma2 = Math.max(sse / n, Number.MIN_VALUE);
  const minus2LogLik = n * (Math.log(2 * Math.PI * sigma2) + 1) + 2 * sumLogMu;
  return { minus2LogLik, errors, fitted, final: state };
}

/**
 * Point forecasts h steps ahead from a state at time n (R `forecast` in etscalc.c):
 * μ_{n+k} = (ℓ + φ_k b) ∘ s, φ_k = φ + … + φ^k (k when undamped). `n` places the season.
 */
export function etsPointForecast(spec: EtsSpec, p: EtsParams, state: EtsState, n: number, h: number): number[] {
  const m = state.season.length;
  const out = new Array<number>(h);
  let phiSum = 0;
  let phiPower = 1;
  for (let k = 0; k < h; k++) {
    phiPower *= spec.trend === 'Ad' ? p.phi : 1;
    phiSum += phiPower;
    const base = state.level + (spec.trend === 'N' ? 0 : phiSum * state.trend);
    out[k] = combine(spec, base, m > 0 ? state.season[(n + k) % m] : 0);
  }
  return out;
}

/** Usual bounds of R `forecast::ets` (lower 1e−4, upper 0.9999; φ in [0.8, 0.98]; β < α, γ < 1 − α). */
export const PARAM_BOUNDS = { lower: 1e-4, upper: 0.9999, phiLower: 0.8, phiUpper: 0.98 };

export function withinUsualBounds(spec: EtsSpec, p: EtsParams): boolean {
  const { lower, upper, phiLower, phiUpper } = PARAM_BOUNDS;
  if (p.alpha < lower || p.alpha > upper) return false;
  if (spec.trend !== 'N' && (p.beta < lower || p.beta > p.alpha)) return false;
  if (spec.season !== 'N' && (p.gamma < lower || p.gamma > 1 - p.alpha)) return false;
  if (spec.trend === 'Ad' && (p.phi < phiLower || p.phi > phiUpper)) return false;
  return true;
}

/**
 * Admissible region (HKOS §10.2; R `admissible` in etsfit.R): the parameters for which
 * the model is forecastable, i.e. the discount matrix F − g w′ has its eigenvalues inside
 * the unit circle. For seasonal models the characteristic polynomial is tested with the
 * Schur–Cohn recursion instead of R's `polyroot`.
 */
export function admissible(spec: EtsSpec, p: EtsParams, m: number): boolean {
  const phi = spec.trend === 'Ad' ? p.phi : 1;
  const beta = spec.trend === 'N' ? 0 : p.beta;
  const { alpha } = p;
  if (phi < 0 || phi > 1 + 1e-8) return false;
  if (spec.season === 'N' || m <= 1) {
    if (alpha < 1 - 1 / phi || alpha > 1 + 1 / phi) return false;
    return spec.trend === 'N' || (beta >= alpha * (phi - 1) && beta <= (1 + phi) * (2 - alpha));
  }
  const { gamma } = p;
  if (gamma < Math.max(1 - 1 / phi - alpha, 0) || gamma > 1 + 1 / phi - alpha) return false;
  if (alpha < 1 - 1 / phi - (gamma * (1 - m + phi + phi * m)) / (2 * phi * m)) return false;
  if (beta < -(1 - phi) * (gamma / m + alpha)) return false;
  const c = alpha + beta - alpha * phi;
  // Characteristic polynomial, increasing degree. Roots on the circle are allowed (R:
  // max |root| ≤ 1 + 1e−10; A,N,A always has one at z = 1), so P((1 + ε)z) is tested.
  const size = m + 2;
  const poly = schurBuffers(size)[0];
  poly[0] = phi * (1 - alpha - gamma);
  poly[1] = c + gamma - 1;
  for (let k = 2; k < m; k++) poly[k] = c;
  poly[m] = alpha + beta - phi;
  poly[m + 1] = 1;
  let scale = 1;
  for (let k = 0; k < size; k++, scale *= 1 + ROOT_TOLERANCE) poly[k] *= scale;
  return rootsInsideUnitCircle(poly, size);
}

const ROOT_TOLERANCE = 1e-6;

/** Two buffers reused by every Schur–Cohn test: it runs once per likelihood evaluation. */
let buffers: [Float64Array, Float64Array] = [new Float64Array(64), new Float64Array(64)];
function schurBuffers(size: number): [Float64Array, Float64Array] {
  if (buffers[0].length < size) buffers = [new Float64Array(size), new Float64Array(size)];
  return buffers;
}

/**
 * Schur–Cohn test: true when every root of Σ a_k z^k (the first `length` coefficients,
 * by increasing degree) lies strictly inside the unit circle. Each step needs
 * |a₀| < |a_n| and recurses on (a_n p(z) − a₀ p*(z))/z, one degree lower.
 */
export function rootsInsideUnitCircle(coefficients: ArrayLike<number>, length = coefficients.length): boolean {
  let [a, next] = schurBuffers(length);
  if (coefficients !== a) for (let k = 0; k < length; k++) a[k] = coefficients[k];
  let n = length - 1;
  while (n > 0 && a[n] === 0) n--;
  for (; n > 0; n--) {
    const lead = a[n];
    const constant = a[0];
    if (Math.abs(constant) >= Math.abs(lead)) return false;
    const norm = lead * lead;
    for (let k = 0; k < n; k++) next[k] = (lead * a[k + 1] - constant * a[n - 1 - k]) / norm;
    const previous = a;
    a = next;
    next = previous;
  }
  return true;
}
