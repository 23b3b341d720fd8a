/**
 * Observed information and standard errors of maximum-likelihood estimates
 * (the inverse of the negative Hessian of the log-likelihood at the optimum; e.g.
 * Casella & Berger, Statistical Inference, §10.1.3). The Hessian is taken numerically by
 * central differences with a relative step of 1e-4 (≈ ε^{1/4}, the optimal order for a
 * second difference in double precision).
 */
import { Matrix, inverse } from 'ml-matrix';

const RELATIVE_STEP = 1e-4;

/** Central-difference Hessian of f at x. */
export function numericalHessian(f: (x: number[]) => number, x: readonly number[]): number[][] {
  const n = x.length;
  const h = x.map((v) => RELATIVE_STEP * Math.max(Math.abs(v), 1e-3));
  const at = (shifts: [number, number][]) => {
    const p = x.slice();
    for (const [i, s] of shifts) p[i] += s * h[i];
    return f(p);
  };
  const f0 = f(x.slice());
  const H: number[][] = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i++) {
    H[i][i] = (at([[i, 1]]) - 2 * f0 + at([[i, -1]])) / (h[i] * h[i]);
    for (let j = 0; j < i; j++) {
      const d = at([[i, 1], [j, 1]]) - at([[i, 1], [j, -1]]) - at([[i, -1], [j, 1]]) + at([[i, -1], [j, -1]]);
      H[i][j] = H[j][i] = d / (4 * h[i] * h[j]);
    }
  }
  return H;
}

/**
 * Standard errors sqrt(diag(I⁻¹)) with I = −∇² ln L at `estimate`, where `logLikelihood` is
 * the TOTAL log-likelihood over the natural parameters. NaN for a parameter whose variance
 * comes out non-positive (the information matrix is not positive definite there, i.e. the
 * point is not a proper maximum).
 */
export function standardErrors(logLikelihood: (theta: number[]) => number, estimate: readonly number[]): number[] {
  const information = new Matrix(numericalHessian(logLikelihood, estimate)).mul(-1);
  const covariance = inverse(information);
  return estimate.map((_, i) => {
    const variance = covariance.get(i, i);
    return variance > 0 ? Math.sqrt(variance) : Number.NaN;
  });
}
