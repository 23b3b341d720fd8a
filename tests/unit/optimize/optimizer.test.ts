/**
 * The fitting machinery on problems with closed-form answers: BFGS on Rosenbrock, maximum
 * likelihood with standard errors for the exponential distribution, where λ̂ = n / Σ yᵢ and
 * SE(λ̂) = λ̂ / √n (the inverse Fisher information; Casella & Berger, Example 10.1.13-style).
 */
import { bfgs } from '../../../analytics/optimize/bfgs';
import { standardErrors } from '../../../analytics/optimize/hessian';
import { maximizeLikelihood, type LikelihoodModel } from '../../../analytics/optimize/maximumLikelihood';

const sample = [0.2, 1.7, 0.9, 3.1, 0.4, 2.2, 0.05, 1.3]; // Σ = 9.85, n = 8
const n = sample.length;
const total = sample.reduce((s, y) => s + y, 0);
/** Exponential log-likelihood n ln λ − λ Σy and its derivative n/λ − Σy. */
const exponential: LikelihoodModel = {
  logLikelihood: ([lambda]) => (lambda > 0 ? n * Math.log(lambda) - lambda * total : Number.NaN),
  logLikelihoodGradient: ([lambda]) => ({ value: n * Math.log(lambda) - lambda * total, gradient: [n / lambda - total] }),
};

describe('bfgs', () => {
  it('finds the minimum of the Rosenbrock function at (1, 1)', () => {
    const rosenbrock = ([x, y]: number[]) => ({
      value: 100 * (y - x * x) ** 2 + (1 - x) ** 2,
      gradient: [-400 * x * (y - x * x) - 2 * (1 - x), 200 * (y - x * x)],
    });
    const result = bfgs(rosenbrock, [-1.2, 1], { gradientTolerance: 1e-10, maxIterations: 500 });
    expect(result.converged).toBe(true);
    expect(result.x[0]).toBeCloseTo(1, 8);
    expect(result.x[1]).toBeCloseTo(1, 8);
  });

  it('reports non-convergence instead of throwing', () => {
    const result = bfgs(([x]) => ({ value: x * x, gradient: [2 * x] }), [5], { gradientTolerance: 1e-12, maxIterations: 0 });
    expect(result).toMatchObject({ converged: false, iterations: 0, fx: 25 });
  });
});

describe('maximizeLikelihood', () => {
  it('finds λ̂ = n / Σy from every start and reports convergence', () => {
    const result = maximizeLikelihood('test', exponential, n, { starts: [[0.01], [1], [50]], penalty: 0, maxIterations: 1000 });
    expect(result.theta[0]).toBeCloseTo(n / total, 9); // 8 / 9.85 = 0.812183
    expect(result).toMatchObject({ converged: true, starts: 3 });
    expect(result.logLikelihood).toBeCloseTo(n * Math.log(n / total) - n, 10);
  });

  it('falls back to Nelder–Mead when the gradient method fails', () => {
    const wrongGradient: LikelihoodModel = { ...exponential, logLikelihoodGradient: ([lambda]) => ({ value: exponential.logLikelihood([lambda]), gradient: [1] }) };
    const result = maximizeLikelihood('test', wrongGradient, n, { starts: [[1]], penalty: 0, maxIterations: 1000 });
    expect(result.theta[0]).toBeCloseTo(n / total, 6);
  });

  it('applies the L2 penalty: minimise −ln L/n + λθ² ⇒ 1/θ − Σy/n − 2λθ = 0', () => {
    const penalty = 0.5;
    const result = maximizeLikelihood('test', exponential, n, { starts: [[1]], penalty, maxIterations: 1000 });
    // 2λθ² + (Σy/n)θ − 1 = 0 → θ = (−Σy/n + √((Σy/n)² + 8λ)) / (4λ)
    const m = total / n;
    expect(result.theta[0]).toBeCloseTo((-m + Math.sqrt(m * m + 8 * penalty)) / (4 * penalty), 8);
  });

  it('rejects invalid options', () => {
    expect(() => maximizeLikelihood('fitX', exponential, n, { starts: [], penalty: 0, maxIterations: 10 })).toThrow('fitX: at least one starting point is needed');
    expect(() => maximizeLikelihood('fitX', exponential, n, { starts: [[-1]], penalty: 0, maxIterations: 10 })).toThrow(/fitX: starting values must be positive/);
  });
});

describe('standardErrors', () => {
  it('equals λ̂/√n for the exponential rate', () => {
    const lambdaHat = n / total;
    const [se] = standardErrors(exponential.logLikelihood, [lambdaHat]);
    expect(se).toBeCloseTo(lambdaHat / Math.sqrt(n), 6);
  });

  it('is NaN where the information is not positive definite (not a maximum)', () => {
    const [se] = standardErrors(([x]) => x * x, [1]); // a minimum of ln L
    expect(se).toBeNaN();
  });
});
