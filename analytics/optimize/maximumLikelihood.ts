/**
 * Maximum likelihood over strictly positive parameters, shared by the BG/NBD and Gamma-Gamma
 * fitters. Works in u = ln θ, so every point is admissible:
 *
 * 1. the project's Nelder–Mead (nelderMead.ts) from several starts, to a
 *    coarse optimum each — derivative-free, so robust to poor starts and NaN regions;
 * 2. BFGS with the analytic gradient (bfgs.ts) from the best of them, to full precision;
 * 3. if BFGS does not converge, Nelder–Mead restarts from the best point so far with tight
 *    tolerances (a restart resets a collapsed simplex) — the "retry with another optimizer"
 *    that users of lifetimes needed (CamDavidsonPilon/lifetimes#419, #258, #396).
 * Never throws on non-convergence: it reports `converged`, `iterations` and the gradient norm.
 *
 * Objective (as lifetimes': a mean, so tolerances do not depend on the sample size):
 *   f(u) = −ln L(θ) / N + λ Σ θ²,   θ = e^u,  λ = `penalty`,
 *   ∂f/∂uᵢ = −θᵢ (∂ ln L/∂θᵢ) / N + 2λ θᵢ².
 */
import { bfgs, type ValueAndGradient } from './bfgs';
import { nelderMead, type MinimizeResult } from './nelderMead';

export interface LikelihoodModel {
  /** Total log-likelihood at θ (NaN when inadmissible). */
  logLikelihood(theta: number[]): number;
  /** Total log-likelihood and its gradient with respect to θ. */
  logLikelihoodGradient(theta: number[]): ValueAndGradient;
}

export interface MaximumLikelihoodOptions {
  /** Starting points in the natural (positive) parameters. */
  starts: readonly (readonly number[])[];
  /** L2 penalty coefficient λ on the natural parameters; 0 = plain maximum likelihood. */
  penalty: number;
  /** Iteration budget per optimizer run. */
  maxIterations: number;
}

/** How a fit went; fitters return these next to their parameters. */
export interface FitDiagnostics {
  /** Total (unpenalised) log-likelihood at the estimates. */
  logLikelihood: number;
  /** ‖∇f‖ < GRADIENT_TOLERANCE at the answer. */
  converged: boolean;
  /** Optimizer iterations over all starts and stages. */
  iterations: number;
  /** Number of starting points tried. */
  starts: number;
  /** Euclidean norm of ∇f(u) at the answer. */
  gradientNorm: number;
}

export interface MaximumLikelihoodResult extends FitDiagnostics {
  /** Estimates in the natural parameters. */
  theta: number[];
}

/** ‖∇f‖ (per-customer mean, log-parameters) below this counts as converged. */
export const GRADIENT_TOLERANCE = 1e-6;
/** BFGS aims well below GRADIENT_TOLERANCE, to resolve flat ridges (Gamma-Gamma's p–γ ridge on CDNOW). */
const BFGS_TOLERANCE = 1e-9;
/** BFGS from a coarse optimum takes 10–30 iterations in 3–4 dimensions; more means it is stuck. */
const BFGS_MAX_ITERATIONS = 200;
const COARSE = { fTolerance: 1e-4, xTolerance: 1e-2, initialStep: 0.5 };
const FINE = { fTolerance: 1e-15, xTolerance: 1e-10, initialStep: 0.02 };
const MAX_RESTARTS = 5;

/**
 * Maximises the model's likelihood (total over `customers`) as described above.
 * @throws only on invalid options (no start, a non-positive start value, a negative penalty).
 */
export function maximizeLikelihood(
  caller: string,
  model: LikelihoodModel,
  customers: number,
  options: MaximumLikelihoodOptions,
): MaximumLikelihoodResult {
  const { starts, penalty, maxIterations } = options;
  if (starts.length === 0) throw new RangeError(`${caller}: at least one starting point is needed`);
  if (!(penalty >= 0)) throw new RangeError(`${caller}: penalty must be ≥ 0, got ${penalty}`);
  const objective = (u: number[]) => {
    const theta = u.map(Math.exp);
    return -model.logLikelihood(theta) / customers + penalty * theta.reduce((s, v) => s + v * v, 0);
  };
  const objectiveGradient = (u: number[]): ValueAndGradient => {
    const theta = u.map(Math.exp);
    const { value, gradient } = model.logLikelihoodGradient(theta);
    return {
      value: -value / customers + penalty * theta.reduce((s, v) => s + v * v, 0),
      gradient: theta.map((t, i) => (-t * gradient[i]) / customers + 2 * penalty * t * t),
    };
  };

  let iterations = 0;
  let best: MinimizeResult | undefined;
  for (const start of starts) {
    if (start.some((v) => !(v > 0))) throw new RangeError(`${caller}: starting values must be positive, got [${start.join(', ')}]`);
    const run = nelderMead(objective, start.map(Math.log), { ...COARSE, maxIterations });
    iterations += run.iterations;
    if (!best || run.fx < best.fx) best = run;
  }
  let current = best as MinimizeResult;
  const polished = bfgs(objectiveGradient, current.x, { gradientTolerance: BFGS_TOLERANCE, maxIterations: BFGS_MAX_ITERATIONS });
  iterations += polished.iterations;
  if (polished.fx <= current.fx) current = { ...current, x: polished.x, fx: polished.fx };
  if (!polished.converged) {
    for (let restart = 0; restart < MAX_RESTARTS; restart++) {
      const run = nelderMead(objective, current.x, { ...FINE, maxIterations });
      iterations += run.iterations;
      const improved = run.fx < current.fx - FINE.fTolerance * Math.abs(current.fx);
      if (run.fx <= current.fx) current = run;
      if (!improved) break;
    }
  }
  const gradient = objectiveGradient(current.x).gradient;
  const gradientNorm = Math.sqrt(gradient.reduce((s, g) => s + g * g, 0));
  const theta = current.x.map(Math.exp);
  return {
    theta,
    logLikelihood: model.logLikelihood(theta),
    converged: Number.isFinite(current.fx) && gradientNorm < GRADIENT_TOLERANCE,
    iterations,
    starts: starts.length,
    gradientNorm,
  };
}
