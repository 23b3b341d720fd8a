/**
 * Time series regression (FPP3 ch. 7; R `forecast::tslm` + `forecast.lm`): linear trend,
 * seasonal dummies or Fourier terms, and outside regressors such as holiday shares
 * (holidays.ts), fitted by least squares (ml-matrix QR).
 *
 * Prediction intervals use the residual variance and the leverage of each future row,
 *   ŷ ± t_{n−p} σ̂ √(1 + x₀′(X′X)⁻¹x₀),  σ̂² = SSE/(n − p)   (FPP3 §7.9).
 * A regressor with no variation left once trend and season are in (a fixed-date holiday
 * in monthly data is a month dummy in disguise) is dropped and named in `notes`.
 */
import { inverse, Matrix, QrDecomposition } from 'ml-matrix';
import { assertForecastInput, ForecastResult, normalIntervals, studentQuantile, Z80, Z95 } from './result';

export interface Regressors {
  names: string[];
  /** One row per observation, one column per name. */
  past: number[][];
  /** One row per forecast step. */
  future: number[][];
}

export interface RegressionOptions {
  /** Season length; 1 means no seasonal terms. */
  m?: number;
  /** Seasonal terms: dummies (default for m ≤ 12), Fourier pairs (default above), or none. */
  seasonal?: 'dummies' | 'fourier' | 'none';
  /** Fourier pairs K (default min(⌊m/2⌋, 10)). */
  fourierTerms?: number;
  trend?: boolean;
  regressors?: Regressors;
}

interface Column {
  name: string;
  /** Value at time index t (0-based; t ≥ n are future steps). */
  at: (t: number) => number;
  /** Outside regressors are reported when dropped; structural terms are not. */
  external: boolean;
}

function designColumns(n: number, options: RegressionOptions): Column[] {
  const { m = 1, trend = true, regressors } = options;
  const seasonal = options.seasonal ?? (m <= 1 ? 'none' : m <= 12 ? 'dummies' : 'fourier');
  const columns: Column[] = [{ name: 'intercept', at: () => 1, external: false }];
  // Time scaled to (0, 1] keeps X′X well conditioned; the slope is reported per period.
  if (trend) columns.push({ name: 'trend', at: (t) => (t + 1) / n, external: false });
  if (seasonal === 'dummies' && m > 1) {
    for (let j = 1; j < m; j++) columns.push({ name: `season${j}`, at: (t) => (t % m === j ? 1 : 0), external: false });
  }
  if (seasonal === 'fourier' && m > 1) {
    const pairs = Math.min(options.fourierTerms ?? 10, Math.floor(m / 2));
    for (let k = 1; k <= pairs; k++) {
      const w = (2 * Math.PI * k) / m;
      columns.push({ name: `sin${k}`, at: (t) => Math.sin(w * (t + 1)), external: false });
      // The cosine of k = m/2 equals (−1)^t and its sine is zero: skipped by the rank check.
      columns.push({ name: `cos${k}`, at: (t) => Math.cos(w * (t + 1)), external: false });
    }
  }
  regressors?.names.forEach((name, i) => {
    columns.push({
      name,
      at: (t) => (t < n ? regressors.past[t][i] : regressors.future[t - n][i]),
      external: true,
    });
  });
  return columns;
}

function euclidean(v: Float64Array): number {
  let sum = 0;
  for (const x of v) sum += x * x;
  return Math.sqrt(sum);
}

/**
 * Keeps the columns that add a direction to those before them (modified Gram–Schmidt,
 * relative tolerance 1e−8), so the least-squares problem has full rank.
 */
function independentColumns(columns: Column[], n: number): { kept: Column[]; dropped: Column[] } {
  const basis: Float64Array[] = [];
  const kept: Column[] = [];
  const dropped: Column[] = [];
  for (const column of columns) {
    const v = Float64Array.from({ length: n }, (_, t) => column.at(t));
    const norm = euclidean(v);
    for (const q of basis) {
      let dot = 0;
      for (let t = 0; t < n; t++) dot += q[t] * v[t];
      for (let t = 0; t < n; t++) v[t] -= dot * q[t];
    }
    const rest = euclidean(v);
    if (norm === 0 || rest <= 1e-8 * norm) {
      dropped.push(column);
      continue;
    }
    basis.push(v.map((x) => x / rest));
    kept.push(column);
  }
  return { kept, dropped };
}

/**
 * Fits the regression to y and forecasts h steps.
 * @throws when the regressors' rows do not match y and h.
 */
export function regression(y: readonly number[], h: number, options: RegressionOptions = {}): ForecastResult {
  const { m = 1, regressors } = options;
  assertForecastInput('regression', y, h, m);
  const n = y.length;
  if (regressors && (regressors.past.length !== n || regressors.future.length !== h)) {
    throw new Error(
      `regression: regressors have ${regressors.past.length} past and ${regressors.future.length} future rows; expected ${n} and ${h}`,
    );
  }
  const { kept, dropped } = independentColumns(designColumns(n, options), n);
  const notes = dropped
    .filter((c) => c.external)
    .map((c) => `regression: regressor '${c.name}' dropped: no variation beyond trend and season in the data`);
  const p = kept.length;
  if (n - p < 1) {
    throw new Error(`regression: ${n} observations cannot fit ${p} coefficients; shorten the season terms`);
  }
  const X = new Matrix(Array.from({ length: n }, (_, t) => kept.map((c) => c.at(t))));
  const qr = new QrDecomposition(X);
  const beta = qr.solve(Matrix.columnVector([...y])).getColumn(0);
  const rowValue = (t: number) => kept.reduce((sum, c, i) => sum + beta[i] * c.at(t), 0);
  const fitted = Array.from({ length: n }, (_, t) => rowValue(t));
  const sse = y.reduce((sum, v, t) => sum + (v - fitted[t]) ** 2, 0);
  const df = n - p;
  const sigma = Math.sqrt(sse / df);
  // x₀′(X′X)⁻¹x₀ = ‖R⁻ᵀx₀‖² with X = QR.
  const rInverseT = inverse(qr.upperTriangularMatrix.subMatrix(0, p - 1, 0, p - 1)).transpose();
  const mean: number[] = [];
  const sd: number[] = [];
  for (let step = 0; step < h; step++) {
    const x0 = Matrix.columnVector(kept.map((c) => c.at(n + step)));
    const leverage = rInverseT.mmul(x0).getColumn(0).reduce((a, v) => a + v * v, 0);
    mean.push(rowValue(n + step));
    sd.push(sigma * Math.sqrt(1 + leverage));
  }
  const params: Record<string, number> = { sigma };
  kept.forEach((c, i) => {
    params[c.name] = c.name === 'trend' ? beta[i] / n : beta[i];
  });
  const minus2LogLik = n * (Math.log((2 * Math.PI * Math.max(sse, Number.MIN_VALUE)) / n) + 1);
  const k = p + 1;
  const aicc = minus2LogLik + 2 * k + (2 * k * (k + 1)) / Math.max(n - k - 1, 1);
  const bounds = normalIntervals(mean, sd, studentQuantile(Z80, df), studentQuantile(Z95, df));
  const result: ForecastResult = { model: 'regression', mean, ...bounds, fitted, params, aicc };
  return notes.length ? { ...result, notes } : result;
}
