/**
 * BFGS quasi-Newton minimisation with a backtracking (Armijo) line search (Nocedal & Wright,
 * Numerical Optimization, 2nd ed., Algorithm 6.1 with the initial scaling of eq. 6.20). Used to
 * polish a Nelder–Mead answer with an analytic gradient: Nelder–Mead cannot resolve the last
 * digits of a flat likelihood ridge, a gradient method can.
 *
 * Near the optimum the decrease of f falls below its rounding error before the gradient is
 * small (a log-likelihood summed over thousands of ln Γ differences is only good to ~1e-14
 * relative), so a step that keeps f within NOISE and shrinks the gradient is accepted too.
 */

export interface ValueAndGradient {
  value: number;
  gradient: number[];
}

export interface BfgsOptions {
  /** Converged when the Euclidean norm of the gradient falls below this. */
  gradientTolerance: number;
  maxIterations: number;
}

export interface BfgsResult {
  x: number[];
  fx: number;
  gradientNorm: number;
  iterations: number;
  converged: boolean;
}

const ARMIJO = 1e-4;
const MAX_HALVINGS = 60;
const NOISE = 1e-12;

const dot = (u: readonly number[], v: readonly number[]) => u.reduce((s, ui, i) => s + ui * v[i], 0);
const norm = (u: readonly number[]) => Math.sqrt(dot(u, u));

/** Minimises f from x0; never throws on failure, reports `converged` instead. */
export function bfgs(f: (x: number[]) => ValueAndGradient, x0: readonly number[], options: BfgsOptions): BfgsResult {
  const n = x0.length;
  let x = x0.slice();
  let current = f(x);
  let H: number[][] = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 1 : 0)));
  let iterations = 0;
  while (iterations < options.maxIterations && Number.isFinite(current.value) && norm(current.gradient) >= options.gradientTolerance) {
    iterations++;
    const g = current.gradient;
    const direction = H.map((row) => -dot(row, g));
    const slope = dot(g, direction);
    if (!(slope < 0)) break; // not a descent direction: H has lost positive definiteness
    let step = 1;
    let next: ValueAndGradient | undefined;
    let xNext: number[] = x;
    for (let halving = 0; halving < MAX_HALVINGS; halving++, step /= 2) {
      xNext = x.map((xi, i) => xi + step * direction[i]);
      const trial = f(xNext);
      const sufficient = trial.value <= current.value + ARMIJO * step * slope;
      const withinNoise = Math.abs(trial.value - current.value) <= NOISE * Math.abs(current.value) && norm(trial.gradient) < norm(g);
      if (Number.isFinite(trial.value) && (sufficient || withinNoise)) {
        next = trial;
        break;
      }
    }
    if (!next) break;
    const s = xNext.map((xi, i) => xi - x[i]);
    const y = next.gradient.map((gi, i) => gi - g[i]);
    const sy = dot(s, y);
    if (sy > 1e-12 * norm(s) * norm(y)) {
      if (iterations === 1) H = H.map((row) => row.map((h) => (h * sy) / dot(y, y)));
      const Hy = H.map((row) => dot(row, y));
      const yHy = dot(y, Hy);
      H = H.map((row, i) => row.map((h, j) => h + ((sy + yHy) * s[i] * s[j]) / (sy * sy) - (Hy[i] * s[j] + s[i] * Hy[j]) / sy));
    }
    x = xNext;
    current = next;
  }
  const gradientNorm = norm(current.gradient);
  return { x, fx: current.value, gradientNorm, iterations, converged: Number.isFinite(current.value) && gradientNorm < options.gradientTolerance };
}
